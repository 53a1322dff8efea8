// The vault's IndexedDB store, through idb-keyval. One object store of keyed records; the
// schema version is a record of its own, upgraded by migrations.ts.
import type { UseStore } from 'idb-keyval';
import { StorageUnavailableError } from './errors.ts';
import { openedStore } from './store-handle.ts';

export { DB_NAME, STORE_NAME, VAULT_CHANNEL } from './store-handle.ts';

export function vaultStore(): UseStore {
  const store = openedStore();
  if (!store) throw new StorageUnavailableError('IndexedDB is not available');
  return store;
}
