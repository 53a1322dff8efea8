// The vault's store handle (src/vault/store-handle.ts) in real Chromium: it takes the connection
// public/browser-check.js opened as the page loaded, so the page opens the database once, and opens
// its own when that one failed or was closed under it (as Safari sometimes closes connections).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, get, set } from 'idb-keyval';
import { DB_NAME, STORE_NAME, withEarlyOpen } from '../../src/vault/store-handle.ts';

let opens = 0;
const realOpen = IDBFactory.prototype.open;

/** The database opened as browser-check.js opens it (the store made on upgrade). */
function openEarly(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE_NAME);
  return new Promise((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(request.error))));
}

/** The page's store as store-handle.ts makes it, on `early`. */
const storeOn = (early: Promise<IDBDatabase> | undefined) => withEarlyOpen(early, createStore(DB_NAME, STORE_NAME));

describe('the store handle and the early connection', () => {
  beforeEach(() => {
    opens = 0;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      opens++;
      return realOpen.apply(this, args);
    };
  });
  afterEach(() => {
    IDBFactory.prototype.open = realOpen;
  });

  it('reads and writes through the early connection, opening no other', async () => {
    const early = openEarly();
    const store = storeOn(early);
    await set('early-probe', 1, store);
    expect(await get('early-probe', store)).toBe(1);
    expect(opens).toBe(1); // the early open alone
    (await early).close();
  });

  it('opens its own connection when the early one is closed under it', async () => {
    const early = openEarly();
    const store = storeOn(early);
    await set('closed-probe', 2, store);
    const db = await early;
    db.close();
    db.onclose?.(new Event('close')); // what the browser fires when it closes a connection itself
    expect(await get('closed-probe', store)).toBe(2);
    expect(opens).toBe(2);
  });

  it('opens its own connection when the early open failed', async () => {
    const store = storeOn(Promise.reject(new DOMException('denied', 'UnknownError')));
    await set('failed-probe', 3, store);
    expect(await get('failed-probe', store)).toBe(3);
    expect(opens).toBe(1); // its own
  });

  it('opens its own connection where there was no early open (the dev server)', async () => {
    await set('own-probe', 4, storeOn(undefined));
    expect(opens).toBe(1);
  });
});
