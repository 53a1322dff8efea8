// Page helpers for the PWA specs: enrolling, reading storage in the page.
import { expect, type Locator, type Page } from '@playwright/test';
import { digitsOnly, referenceTotp } from '../reference.ts';

export async function enrollByUri(page: Page, uri: string): Promise<void> {
  await page.getByTestId('add-token').click();
  await submitUri(page, uri);
  // Home again: the app goes back only once the vault has stored the token (the confirmation step
  // alone already hides the URI field, before the write).
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect(page.getByTestId('uri-input')).toBeHidden();
}

/**
 * The code on screen is the reference's for the page's clock (default TOTP). The reference is taken
 * again at every poll, at the page's time before and after reading the code, so a step boundary
 * between the two reads cannot leave the expected code stale.
 */
export async function expectCurrentCode(page: Page, code: Locator, secret: Uint8Array, timeout?: number): Promise<void> {
  await expect
    .poll(async () => {
      const before = await page.evaluate(() => Date.now());
      const shown = digitsOnly(await code.textContent());
      const after = await page.evaluate(() => Date.now());
      return shown === referenceTotp(secret, before) || shown === referenceTotp(secret, after) ? 'current' : `${shown} at ${after}`;
    }, { timeout })
    .toBe('current');
}

/** Everything the origin has stored, as text: IndexedDB (all databases and stores), Web Storage, Cache Storage. */
export async function dumpStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const show = (v: unknown): string => {
      if (v instanceof CryptoKey) return `CryptoKey(${v.type},${v.extractable},${JSON.stringify(v.algorithm)},${v.usages})`;
      if (v instanceof ArrayBuffer) return `bytes:${Array.from(new Uint8Array(v)).join(',')}`;
      if (ArrayBuffer.isView(v)) return `bytes:${Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).join(',')}`;
      if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}:${show(x)}`).join(',')}}`;
      return JSON.stringify(v) ?? String(v);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(name);
        const store = tx.objectStore(name);
        const [keys, values] = await Promise.all(
          [store.getAllKeys(), store.getAll()].map((r) => new Promise<unknown[]>((ok) => (r.onsuccess = () => ok(r.result)))),
        );
        keys!.forEach((k, i) => out.push(`idb ${info.name}/${name} ${String(k)} = ${show(values![i])}`));
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++) out.push(`local ${localStorage.key(i)} = ${localStorage.getItem(localStorage.key(i)!)}`);
    for (let i = 0; i < sessionStorage.length; i++) out.push(`session ${sessionStorage.key(i)} = ${sessionStorage.getItem(sessionStorage.key(i)!)}`);
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const body = await (await cache.match(req))!.text();
        out.push(`cache ${name} ${req.url} = ${body}`);
      }
    }
    return out.join('\n');
  });
}

/** Stored records only (no caches): what "changes nothing stored" compares. */
export async function storedRecords(page: Page): Promise<string> {
  return (await dumpStorage(page)).split('\n').filter((l) => l.startsWith('idb ')).join('\n');
}

/** On the add-token screen already open: pastes the URI and confirms the token it shows. */
export async function submitUri(page: Page, uri: string): Promise<void> {
  await page.getByTestId('uri-input').fill(uri);
  await page.getByTestId('uri-submit').click();
  await page.getByTestId('enroll-confirm').click();
}

/** The page as hidden (another app in front) or visible again, as the browser tells it. */
export async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
