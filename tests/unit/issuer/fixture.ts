// A company "acme" with an administrator PIN, on the in-memory store, and helpers to give users tokens.
import { Issuer, MemoryStore, importMasterKey, type IssuerOptions } from '../../../src/issuer/index.ts';
import { scryptPinHasher } from '../../../server/passwords.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { PERIOD_MS } from './time-steps.ts';

export const PIN = 'pin2468';
export const ADMIN = 'admin:alice';

export async function makeIssuer(options: Partial<IssuerOptions> = {}) {
  const masterKey = await importMasterKey(crypto.getRandomValues(new Uint8Array(32)));
  const issuer = new Issuer({ store: new MemoryStore(), masterKey, pinHasher: scryptPinHasher, auditDelayMs: 1, ...options });
  await issuer.ensureCompany({ companyId: 'acme', name: 'ACME 株式会社', pin: PIN });
  return issuer;
}

/** Code for `secret` at instant `at` shifted by `offset` steps. */
export function codeAt(secret: Uint8Array, at: number, offset = 0): string {
  return referenceHotp(secret, Math.floor(at / PERIOD_MS) + offset);
}

/** Create `userId` and register a freshly provisioned token for it at `now`; returns the secret and serial. */
export async function userWithToken(issuer: Issuer, userId: string, now: number) {
  const existing = (await issuer.companyView('acme', now)).users.some((u) => u.userId === userId);
  if (!existing) await issuer.createUser('acme', userId, now, ADMIN);
  const token = await issuer.provision(now);
  await issuer.register({ companyId: 'acme', userId, serial: token.serial, code: codeAt(token.secret, now), pin: PIN }, now, ADMIN);
  return token;
}
