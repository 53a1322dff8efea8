// The vault in real Chromium: IndexedDB and WebCrypto, no mocks. RFC 6238 Appendix B codes come
// out of sealed, non-extractable keys; nothing readable of the seed is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clear, entries } from 'idb-keyval';
import { hotp } from '../../src/core/hotp.ts';
import { totp } from '../../src/core/totp.ts';
import type { HashAlgorithm } from '../../src/core/algorithms.ts';
import type { TokenSpec } from '../../src/core/token-spec.ts';
import { vaultStore } from '../../src/vault/db.ts';
import { DuplicateTokenError } from '../../src/vault/errors.ts';
import { VAULT_KEY, type StoredToken } from '../../src/vault/records.ts';
import { openWith, sealWith, type Wrapping } from '../../src/vault/lock/wrapping.ts';
import { createVaultKey } from '../../src/vault/seal.ts';
import { Vault } from '../../src/vault/vault.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
// RFC 6238 Appendix B seeds: the ASCII digits "1234567890" repeated to the hash's length.
const seed = (n: number) => ascii('1234567890'.repeat(7).slice(0, n));
const SEEDS: Record<HashAlgorithm, () => Uint8Array> = { SHA1: () => seed(20), SHA256: () => seed(32), SHA512: () => seed(64) };

// RFC 6238 Appendix B (8 digits): time (s) → SHA1, SHA256, SHA512
const APPENDIX_B: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

function spec(over: Partial<TokenSpec> = {}): TokenSpec {
  return { type: 'totp', issuer: 'Bank', label: 'me', secret: SEEDS.SHA1(), algorithm: 'SHA1', digits: 8, period: 30, counter: 0, ...over } as TokenSpec;
}

let vaults: Vault[] = [];
async function openVault() {
  const v = await Vault.open();
  vaults.push(v);
  return v;
}

beforeEach(async () => {
  await clear(vaultStore());
});
afterEach(() => {
  for (const v of vaults) v.close();
  vaults = [];
});

describe('vault codes', () => {
  it.each(['SHA1', 'SHA256', 'SHA512'] as const)('RFC 6238 Appendix B through the vault (%s)', async (algorithm) => {
    const vault = await openVault();
    const meta = await vault.add(spec({ algorithm, secret: SEEDS[algorithm](), issuer: algorithm }));
    const sign = vault.signer(meta.id)!;
    const column = { SHA1: 1, SHA256: 2, SHA512: 3 }[algorithm];
    for (const row of APPENDIX_B) {
      expect(await totp({ sign, timestamp: row[0] * 1000, digits: 8 })).toBe(row[column]);
    }
  });

  it('a reopened vault (a reload) gives the same codes', async () => {
    const first = await openVault();
    const meta = await first.add(spec());
    const again = await openVault();
    expect(again.list().map((t) => t.id)).toEqual([meta.id]);
    expect(await totp({ sign: again.signer(meta.id)!, timestamp: 59_000, digits: 8 })).toBe('94287082');
  });

  it('HOTP counter advances are stored before they are returned (RFC 4226 Appendix D)', async () => {
    const vault = await openVault();
    const meta = await vault.add(spec({ type: 'hotp', digits: 6, counter: 0 }));
    expect(await vault.advanceCounter(meta.id)).toBe(1);
    expect(await vault.advanceCounter(meta.id)).toBe(2);
    const reopened = await openVault();
    const stored = reopened.list()[0]!;
    expect(stored.counter).toBe(2);
    expect(await hotp({ sign: reopened.signer(meta.id)!, counter: stored.counter })).toBe('359152');
  });
});

describe('vault storage', () => {
  it('stores only ciphertext and non-extractable keys; the caller’s seed bytes are wiped', async () => {
    const vault = await openVault();
    const secret = SEEDS.SHA1();
    const copy = secret.slice();
    await vault.add(spec({ secret }));
    expect(Array.from(secret).every((b) => b === 0)).toBe(true);
    const rows = await entries(vaultStore());
    const key = rows.find(([k]) => k === VAULT_KEY)![1] as CryptoKey;
    expect(key).toBeInstanceOf(CryptoKey);
    expect(key.extractable).toBe(false);
    expect(key.usages).not.toContain('sign');
    const record = rows.find(([k]) => String(k).startsWith('token:'))![1] as StoredToken;
    const stored = new Uint8Array(record.wrapped.data);
    expect(stored.length).toBe(copy.length + 16); // AES-GCM: ciphertext + tag
    const text = JSON.stringify(rows, (_k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Array.from(new Uint8Array(v as ArrayBuffer)) : v));
    expect(text).not.toContain(Array.from(copy).join(','));
    expect(text).not.toContain('1234567890');
    expect(text).not.toContain('GEZDGNBVGY3TQOJQ'); // base32 of the seed
  });

  it('the in-memory HMAC key is non-extractable and can only sign', async () => {
    const vaultKey: Wrapping = { scheme: 'vault-aes-gcm', key: await createVaultKey(), gen: 'g' };
    const wrapped = await sealWith(vaultKey, SEEDS.SHA256(), 'id-1');
    const hmac = await openWith(vaultKey, wrapped, 'id-1', 'SHA256');
    expect(hmac.extractable).toBe(false);
    expect(hmac.usages).toEqual(['sign']);
    expect((hmac.algorithm as HmacKeyAlgorithm).hash.name).toBe('SHA-256');
    await expect(crypto.subtle.exportKey('raw', hmac)).rejects.toThrow();
    // A ciphertext moved to another token's id does not open.
    await expect(openWith(vaultKey, wrapped, 'id-2', 'SHA256')).rejects.toThrow();
  });

  it('refuses a duplicate (same secret and issuer) and stores nothing new', async () => {
    const vault = await openVault();
    await vault.add(spec({ label: 'a' }));
    await expect(vault.add(spec({ label: 'b', issuer: ' bank ' }))).rejects.toBeInstanceOf(DuplicateTokenError);
    expect(vault.list()).toHaveLength(1);
    // Same secret, other issuer: a different account, allowed.
    await vault.add(spec({ issuer: 'Other' }));
    expect(vault.list()).toHaveLength(2);
  });

  it('a batch is one write; duplicates inside it are skipped and reported', async () => {
    const vault = await openVault();
    const result = await vault.addMany([spec({ issuer: 'A' }), spec({ issuer: 'B' }), spec({ issuer: 'A', label: 'again' })]);
    expect(result.added.map((t) => t.issuer)).toEqual(['A', 'B']);
    expect(result.skipped).toHaveLength(1);
    expect((await openVault()).list()).toHaveLength(2);
  });

  it('rename, reorder and remove persist', async () => {
    const vault = await openVault();
    const a = await vault.add(spec({ issuer: 'A' }));
    const b = await vault.add(spec({ issuer: 'B', secret: SEEDS.SHA256(), algorithm: 'SHA256' }));
    await vault.rename(a.id, '経理');
    await vault.reorder([b.id, a.id]);
    let reopened = await openVault();
    expect(reopened.list().map((t) => [t.issuer, t.label])).toEqual([['B', 'me'], ['A', '経理']]);
    await vault.remove(b.id);
    reopened = await openVault();
    expect(reopened.list().map((t) => t.issuer)).toEqual(['A']);
  });

  it('another instance (another tab) hears of a change', async () => {
    const one = await openVault();
    const two = await openVault();
    const changed = new Promise<void>((resolve) => two.onChange(() => two.list().length === 1 && resolve()));
    await one.add(spec());
    await changed;
    expect(await totp({ sign: two.signer(two.list()[0]!.id)!, timestamp: 59_000, digits: 8 })).toBe('94287082');
  });
});
