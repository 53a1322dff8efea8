// The one handle on the vault's IndexedDB store, shared by the reader (the first paint) and the
// vault, so the page opens the database once. No error types here: the reader answers undefined
// where db.ts throws, and stays free of the vault's error classes.
import { createStore, type UseStore } from 'idb-keyval';

export const DB_NAME = 'soft-token';
export const STORE_NAME = 'vault';
/** The BroadcastChannel every tab's vault posts its changes on ('changed', or 'lock'). */
export const VAULT_CHANNEL = 'soft-token-vault';

let store: UseStore | undefined;

/** The store, opened on first use; undefined where the browser has no IndexedDB. */
export function openedStore(): UseStore | undefined {
  if (!globalThis.indexedDB) return undefined;
  return (store ??= createStore(DB_NAME, STORE_NAME));
}
