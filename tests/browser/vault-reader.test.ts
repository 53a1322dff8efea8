// The first paint's read-only vault (src/vault/reader.ts) in real Chromium: it gives the same
// tokens, order and codes as the full vault, leaves everything else (an older schema, a lock, an
// empty store) to the vault by answering undefined, and never writes: the stored rows are the same
// after a read.
import { beforeEach, describe, expect, it } from 'vitest';
import { set } from 'idb-keyval';
import { totp } from '../../src/core/totp.ts';
import { vaultStore } from '../../src/vault/db.ts';
import { readVault } from '../../src/vault/reader.ts';
import { SCHEMA_KEY, tokenKey, type StoredToken } from '../../src/vault/records.ts';
import { T, dump, freshDb, reference, spec, vaultTabs } from './vault-helpers.ts';

const openVault = vaultTabs();

describe('read-only vault for the first paint', { timeout: 60_000 }, () => {
  beforeEach(freshDb);

  it('reads the tokens in the user order with codes that match an independent TOTP', async () => {
    const vault = await openVault();
    await vault.addMany([spec('SHA1'), spec('SHA256'), spec('SHA512')]);
    const ids = vault.list().map((t) => t.id);
    await vault.reorder([ids[2]!, ids[0]!, ids[1]!]);
    const before = await dump();
    const read = (await readVault())!;
    expect(read.tokens.map((t) => t.id)).toEqual(vault.list().map((t) => t.id));
    expect(read.broken.size).toBe(0);
    for (const t of read.tokens) {
      if (t.type !== 'totp') throw new Error('TOTP expected');
      expect(await totp({ sign: read.signer(t.id)!, timestamp: T, period: t.period, digits: t.digits })).toBe(reference(t.algorithm));
    }
    expect(await dump()).toEqual(before);
  });

  it('shows a seed that does not open as broken, the others as codes', async () => {
    const vault = await openVault();
    const [good, bad] = (await vault.addMany([spec('SHA1'), spec('SHA256')])).added;
    const store = vaultStore();
    const stored = (await dump()).find(([k]) => k === tokenKey(bad!.id))![1] as StoredToken;
    const data = new Uint8Array(stored.wrapped.data.slice(0));
    data[0]! ^= 1;
    await set(tokenKey(bad!.id), { ...stored, wrapped: { ...stored.wrapped, data: data.buffer } }, store);
    const read = (await readVault())!;
    expect([...read.broken]).toEqual([bad!.id]);
    expect(read.signer(bad!.id)).toBeUndefined();
    expect(await totp({ sign: read.signer(good!.id)!, timestamp: T })).toBe(reference('SHA1'));
  });

  it('leaves an empty store, a lock and an older schema to the vault, writing nothing', async () => {
    expect(await readVault()).toBeUndefined();
    const vault = await openVault();
    await vault.add(spec('SHA1'));
    await vault.setPin('482615');
    let before = await dump();
    expect(await readVault()).toBeUndefined();
    expect(await dump()).toEqual(before);

    await freshDb();
    await (await openVault()).add(spec('SHA1'));
    await set(SCHEMA_KEY, 3, vaultStore());
    before = await dump();
    expect(await readVault()).toBeUndefined();
    expect(await dump()).toEqual(before); // no migration: that is Vault.open's, with its checks
  });
});
