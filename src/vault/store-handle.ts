// The one handle on the vault's IndexedDB store, shared by the reader (the first paint) and the
// vault, so the page opens the database once. No error types here: the reader answers undefined
// where db.ts throws, and stays free of the vault's error classes.
import { createStore, type UseStore } from 'idb-keyval';

export const DB_NAME = 'soft-token';
export const STORE_NAME = 'vault';
/** The BroadcastChannel every tab's vault posts its changes on ('changed', or 'lock'). */
export const VAULT_CHANNEL = 'soft-token-vault';

/** Where public/browser-check.js leaves its early open of the database (a Promise<IDBDatabase>). */
export const EARLY_VAULT_OPEN = '__softTokenVaultOpen';

let store: UseStore | undefined;

/** The store, opened on first use; undefined where the browser has no IndexedDB. */
export function openedStore(): UseStore | undefined {
  if (!globalThis.indexedDB) return undefined;
  return (store ??= withEarlyOpen((globalThis as Record<string, unknown>)[EARLY_VAULT_OPEN] as Promise<IDBDatabase> | undefined, createStore(DB_NAME, STORE_NAME)));
}

/**
 * The connection browser-check.js opened as the page's head was parsed (`early`), while it lasts; then (or
 * when that open failed) `own`, idb-keyval's store, which opens one itself (and again after a
 * close, as Safari sometimes closes connections).
 */
export function withEarlyOpen(early: Promise<IDBDatabase> | undefined, own: UseStore): UseStore {
  if (!early) return own;
  let usable = true;
  early.then(
    (db) => (db.onclose = () => (usable = false)),
    () => (usable = false),
  );
  return (mode, use) =>
    usable
      ? early.then(
          (db) => use(db.transaction(STORE_NAME, mode).objectStore(STORE_NAME)),
          () => own(mode, use),
        )
      : own(mode, use);
}
