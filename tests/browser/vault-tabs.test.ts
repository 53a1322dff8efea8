// Two tabs at once: each tab has its own Vault over the same IndexedDB. Enrolling and deleting
// concurrently loses nothing, and every tab ends with the same list and the right codes.
import { beforeEach, expect, it } from 'vitest';
import type { Vault } from '../../src/vault/vault.ts';
import { codes, freshDb, reference, spec, vaultTabs } from './vault-helpers.ts';

beforeEach(freshDb);
const tab = vaultTabs();

/** Waits until the vault's list matches, after other tabs' broadcasts have been heard. */
async function settled(v: Vault, issuers: string[]): Promise<void> {
  const want = [...issuers].sort().join();
  for (let i = 0; i < 100 && v.list().map((t) => t.issuer).sort().join() !== want; i++) await new Promise((r) => setTimeout(r, 20));
  expect(v.list().map((t) => t.issuer).sort()).toEqual([...issuers].sort());
}

it('two tabs enrolling at the same moment (first use: both make the vault key) keep every token', async () => {
  const [a, b] = await Promise.all([tab(), tab()]);
  await Promise.all([
    a.add(spec('SHA1', 'A1')),
    b.add(spec('SHA256', 'B1')),
    a.add(spec('SHA512', 'A2')),
    b.add(spec('SHA1', 'B2')),
  ]);
  const want = ['A1', 'A2', 'B1', 'B2'];
  await settled(a, want);
  await settled(b, want);
  const fresh = await tab();
  await settled(fresh, want);
  // Every seed opens under the one key both tabs agreed on.
  expect(await codes(fresh)).toEqual({ A1: reference('SHA1'), A2: reference('SHA512'), B1: reference('SHA256'), B2: reference('SHA1') });
});

it('one tab deleting while another enrolls loses neither change', async () => {
  const a = await tab();
  const keep = await a.add(spec('SHA1', 'keep'));
  const gone = await a.add(spec('SHA256', 'gone'));
  const b = await tab();
  await settled(b, ['keep', 'gone']);
  await Promise.all([a.remove(gone.id), b.add(spec('SHA512', 'new')), b.rename(keep.id, 'renamed')]);
  const fresh = await tab();
  await settled(fresh, ['keep', 'new']);
  expect(fresh.list().find((t) => t.id === keep.id)?.label).toBe('renamed');
  await settled(a, ['keep', 'new']);
  await settled(b, ['keep', 'new']);
  expect(await codes(fresh)).toEqual({ keep: reference('SHA1'), new: reference('SHA512') });
});
