// The vault's IndexedDB store, through idb-keyval. One object store of keyed records; the
// schema version is a record of its own, upgraded by migrations.ts.
import { createStore, type UseStore } from 'idb-keyval';
import { StorageUnavailableError } from './errors.ts';

export const DB_NAME = 'soft-token';
export const STORE_NAME = 'vault';

let store: UseStore | undefined;

export function vaultStore(): UseStore {
  if (!globalThis.indexedDB) throw new StorageUnavailableError('IndexedDB is not available');
  store ??= createStore(DB_NAME, STORE_NAME);
  return store;
}

