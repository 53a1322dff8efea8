/** New tokens: provisioned to a phone that asked, or issued by QR for a user. */
import type { HashAlgorithm } from '../core/algorithms.ts';
import { BANK_SERIAL, DEFAULTS, LIMITS } from '../core/limits.ts';
import { makeSerial } from '../core/serial.ts';
import { companyIn, type IssuerContext } from './context.ts';
import { IssuerError } from './errors.ts';
import { randomDigits } from './random-digits.ts';
import { sealSeed } from './seal.ts';
import type { IssuerTx, TokenRecord } from './types.ts';

export interface IssuedToken {
  serial: string;
  secret: Uint8Array;
  issuer: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  expiresAt: number;
}

async function newToken(
  ctx: IssuerContext,
  now: number,
  extra: { companyId: string | null; reservedFor: string | null },
  tx: IssuerTx,
): Promise<IssuedToken> {
  const { settings } = ctx;
  const secret = crypto.getRandomValues(new Uint8Array(LIMITS.issuedSecretBytes));
  const expiresAt = now + settings.unassignedTtlMs;
  for (let attempt = 0; attempt < 20; attempt++) {
    const serial = makeSerial(settings.serialPrefix, randomDigits(BANK_SERIAL.bodyDigits));
    const token: TokenRecord = {
      serial, kind: 'software', type: 'totp', validUntil: null, sealedSeed: await sealSeed(ctx.masterKey, serial, secret),
      ...DEFAULTS, status: 'unassigned', ...extra,
      lastStep: -1, drift: 0, failures: 0, createdAt: now, expiresAt,
    };
    if (await tx.insertToken(token)) {
      return { serial, secret, issuer: settings.issuerName, ...DEFAULTS, expiresAt };
    }
  }
  throw new Error('could not find a free serial number');
}

/** A new unassigned token for a phone that asked (POST /api/provision). */
export async function provision(ctx: IssuerContext, now: number, actor = 'public', address: string | null = null): Promise<IssuedToken> {
  const issued = await ctx.store.transaction((tx) => newToken(ctx, now, { companyId: null, reservedFor: null }, tx));
  await ctx.audit.write({ at: now, actor, action: 'provision', companyId: null, serial: issued.serial, outcome: 'ok', address });
  return issued;
}

/** A token issued for a user by QR, pending until the administrator registers it (step ⑧). */
export async function issueForUser(ctx: IssuerContext, companyId: string, userId: string, now: number, actor: string): Promise<IssuedToken> {
  const issued = await ctx.store.transaction(async (tx) => {
    const company = await companyIn(tx, companyId);
    if (!(await tx.getUser(companyId, userId))) throw new IssuerError('unknown-user');
    const reservedFor = company.usageMode === 'shared' ? null : userId;
    return newToken(ctx, now, { companyId, reservedFor }, tx);
  });
  await ctx.audit.write({ at: now, actor, action: 'issue-qr', companyId, userId, serial: issued.serial, outcome: 'ok' });
  return issued;
}
