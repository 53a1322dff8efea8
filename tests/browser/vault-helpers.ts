// Shared setup for the vault tests in real Chromium: a fresh IndexedDB, reference codes from the
// otpauth library (an independent implementation), and a dump of everything stored.
import * as OTPAuth from 'otpauth';
import { afterEach, expect } from 'vitest';
import { clear, entries, setMany } from 'idb-keyval';
import { totp } from '../../src/core/totp.ts';
import type { TokenSpec } from '../../src/core/token-spec.ts';
import type { HashAlgorithm } from '../../src/core/algorithms.ts';
import { vaultStore } from '../../src/vault/db.ts';
import { Vault } from '../../src/vault/vault.ts';
import { LOCK_KEY, TOKEN_PREFIX, type LockConfig, type StoredToken } from '../../src/vault/records.ts';
import { pinKeys, pinWrapping } from '../../src/vault/lock/pin-key.ts';
import { openWith } from '../../src/vault/lock/wrapping.ts';
import { signerFor } from '../../src/vault/seal.ts';

export const T = 1_700_000_000_000;

// RFC 6238 Appendix B seeds, per algorithm.
export const SEEDS: Record<HashAlgorithm, string> = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

export function spec(algorithm: HashAlgorithm, issuer = `Bank ${algorithm}`): TokenSpec {
  return {
    type: 'totp', issuer, label: 'user', algorithm, digits: 6, period: 30, counter: 0,
    secret: new TextEncoder().encode(SEEDS[algorithm]),
  };
}

export function reference(algorithm: HashAlgorithm, timestamp = T): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromLatin1(SEEDS[algorithm]), algorithm, digits: 6, period: 30 }).generate({ timestamp });
}

/** Each token's code (by issuer) at T, or undefined where it cannot sign. */
export async function codes(vault: Vault, timestamp = T): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const t of vault.list()) {
    const sign = vault.signer(t.id);
    out[t.issuer] = sign ? await totp({ sign, timestamp, period: t.period, digits: t.digits }) : undefined;
  }
  return out;
}

/** Empties the vault's store (deleting the database would wait on connections idb-keyval keeps open). */
export async function freshDb(): Promise<void> {
  await clear(vaultStore());
}

export async function dump(): Promise<[IDBValidKey, unknown][]> {
  return entries(vaultStore());
}

/** Every byte sequence reachable in a stored value (ArrayBuffers, typed arrays, nested objects). */
export function bytesIn(value: unknown, out: Uint8Array[] = []): Uint8Array[] {
  if (value instanceof ArrayBuffer) out.push(new Uint8Array(value));
  else if (ArrayBuffer.isView(value)) out.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  else if (value && typeof value === 'object' && !(value instanceof CryptoKey)) for (const v of Object.values(value)) bytesIn(v, out);
  return out;
}

export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function cryptoKeysIn(value: unknown, out: CryptoKey[] = []): CryptoKey[] {
  if (value instanceof CryptoKey) out.push(value);
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer))
    for (const v of Object.values(value)) cryptoKeysIn(v, out);
  return out;
}

const hexBytes = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));

/** An exported vault (tests/fixtures/vault, tools/decrypt-vault.mjs): records with bytes as hex. */
export interface VaultExport {
  schema: number;
  records: { key: string; value: unknown }[];
}

/** Writes an exported vault into the store as the app would have left it (hex → bytes). */
export async function storeExport(data: VaultExport): Promise<void> {
  const revive = (key: string, value: unknown): unknown => {
    const v = value as Record<string, unknown>;
    if (key === 'lock' && v.kind === 'pin') return { ...v, salt: hexBytes(v.salt as string) };
    if (key.startsWith('token:')) {
      const w = v.wrapped as { iv: string; data: string };
      return { ...v, wrapped: { ...w, iv: hexBytes(w.iv), data: hexBytes(w.data).buffer } };
    }
    return value;
  };
  await setMany(data.records.map((r) => [r.key, revive(r.key, r.value)] as [string, unknown]), vaultStore());
}

/** RFC 4226/6238 reference code of a fixture token from its seed (otpauth, independent of the app). */
export function fixtureCode(t: { type: string; algorithm: string; digits: number; period: number; counter: number }, seed: string, timestamp = T): string {
  const secret = OTPAuth.Secret.fromLatin1(seed);
  const algorithm = t.algorithm as HashAlgorithm;
  return t.type === 'hotp'
    ? new OTPAuth.HOTP({ secret, algorithm, digits: t.digits, counter: t.counter }).generate()
    : new OTPAuth.TOTP({ secret, algorithm, digits: t.digits, period: t.period }).generate({ timestamp });
}

/** Each token's code by id at T (HOTP at its stored counter), or undefined where it cannot sign. */
export async function codesById(vault: Vault, timestamp = T): Promise<Record<string, string | undefined>> {
  const { hotp } = await import('../../src/core/hotp.ts');
  const out: Record<string, string | undefined> = {};
  for (const t of vault.list()) {
    const sign = vault.signer(t.id);
    out[t.id] = !sign ? undefined : t.type === 'hotp'
      ? await hotp({ sign, counter: t.counter, digits: t.digits })
      : await totp({ sign, timestamp, period: t.period, digits: t.digits });
  }
  return out;
}

/** Opens a vault as a new tab would; every one opened is closed after each test. Call once per file or suite. */
export function vaultTabs(): () => Promise<Vault> {
  let open: Vault[] = [];
  afterEach(() => {
    for (const v of open) v.close();
    open = [];
  });
  return async () => {
    const v = await Vault.open();
    open.push(v);
    return v;
  };
}

/**
 * What an attacker holding a copy of the profile can do with one PIN guess: derive its key from the
 * stored lock record and open every stored seed into a code at `timestamp`, each named by its issuer.
 */
export async function codesFromCopy(guess: string, timestamp = T): Promise<{ issuer: string; code: string }[]> {
  const rows = await dump();
  const lock = rows.find(([k]) => k === LOCK_KEY)![1] as Extract<LockConfig, { kind: 'pin' }>;
  const tokens = rows.filter(([k]) => String(k).startsWith(TOKEN_PREFIX)).map(([, v]) => v as StoredToken);
  const { key } = await pinKeys(guess, lock.salt, lock.kdf);
  return Promise.all(
    tokens.map(async (t) => ({ issuer: t.issuer, code: await totp({ sign: signerFor(await openWith(pinWrapping(key, ''), t.wrapped, t.id, t.algorithm)), timestamp }) })),
  );
}

/** Each wrong PIN opens every copied seed without error (nothing tells a guess is wrong offline)
 *  into a well-formed code that is not the right one. */
export async function expectWrongGuessesGiveOtherCodes(guesses: string[], right: Record<string, string>): Promise<void> {
  for (const guess of guesses) {
    for (const { issuer, code } of await codesFromCopy(guess)) {
      expect(code).toMatch(/^\d{6}$/);
      expect(code).not.toBe(right[issuer]);
    }
  }
}
