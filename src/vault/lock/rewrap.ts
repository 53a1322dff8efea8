// Re-wraps every seed from one key to another and commits them in one transaction, with the
// lock record change; if another tab changed the tokens meanwhile, it starts over (twice at most).
import { entries, type UseStore } from 'idb-keyval';
import { commitRewrap } from '../checked-writes.ts';
import { VaultChangedError, VaultStorageError, storageError } from '../errors.ts';
import { TOKEN_PREFIX, WRAP_GEN_KEY, type StoredToken, type WrappedSeed } from '../records.ts';
import { rewrapWith, type Wrapping } from './wrapping.ts';

/** `from` is undefined only for a vault that has never had a key: then there must be no seeds. */
export async function rewrapAll(
  store: UseStore, from: Wrapping | undefined, fromGen: string, to: Wrapping, change: { put: [string, unknown][]; del: string[] },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const rows = await entries<IDBValidKey, unknown>(store).catch((e) => Promise.reject(storageError(e)));
    const gen = rows.find(([k]) => k === WRAP_GEN_KEY)?.[1];
    if (gen !== fromGen) throw new VaultChangedError('the seeds were re-wrapped in another tab');
    const seeds = new Map<string, { before: Uint8Array; after: WrappedSeed }>();
    for (const [k, v] of rows) {
      if (typeof k !== 'string' || !k.startsWith(TOKEN_PREFIX)) continue;
      const t = v as StoredToken;
      if (!from) throw new VaultStorageError('no key opens the stored seeds');
      seeds.set(k, { before: t.wrapped.iv, after: await rewrapWith(from, to, t.wrapped, t.id, t.algorithm) });
    }
    try {
      await commitRewrap(store, { fromGen, toGen: to.gen, seeds, ...change });
      return;
    } catch (e) {
      if (!(e instanceof VaultChangedError) || attempt >= 2) throw storageError(e);
    }
  }
}
