// Storage faults injected into the real browser: each shows its message in both the UI's alert
// and leaves storage as it was (no half token).
import { expect, test } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { storedRecords } from './app.ts';

async function tryEnroll(page: import('@playwright/test').Page) {
  await page.getByTestId('add-token').click();
  await page.getByTestId('uri-input').fill(otpauthUri({ secret: randomSecret() }));
  await page.getByTestId('uri-submit').click();
  await page.getByTestId('enroll-confirm').click();
}

test('IndexedDB unavailable (private mode): a clear message, nothing stored', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: /IndexedDB/ })).toBeVisible();
});

for (const [fault, message] of [
  ['QuotaExceededError', /いっぱい|full/],
  ['AbortError', /保存できません|could not be saved|not saved|nothing was saved/i],
] as const) {
  test(`a token write failing with ${fault} mid-enrollment shows its message and stores nothing`, async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('add-token')).toBeVisible();
    const before = await storedRecords(page);
    // From now on, the transaction that writes a token fails as the browser would fail it.
    await page.evaluate((name) => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (typeof key === 'string' && key.startsWith('token:')) {
          this.transaction.abort();
          throw new DOMException('injected', name);
        }
        return put.call(this, value, key);
      };
    }, fault);
    await tryEnroll(page);
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('token')).toHaveCount(0);
    const after = (await storedRecords(page)).split('\n').filter((l) => / token:/.test(l));
    expect(after).toEqual(before.split('\n').filter((l) => / token:/.test(l)));
  });
}

test('a browser refusing to store a CryptoKey (DataCloneError: Lockdown Mode, private windows) gets its own message, nothing stored', async ({ page }) => {
  // What Safari does there: structured clone of a CryptoKey into IndexedDB throws DataCloneError.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    const holdsKey = (v: unknown) => v instanceof CryptoKey || (!!v && typeof v === 'object' && Object.values(v).some((x) => x instanceof CryptoKey));
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      if (holdsKey(value)) throw new DOMException('CryptoKey cannot be cloned', 'DataCloneError');
      return put.call(this, value, key);
    };
  });
  await page.goto('/');
  await tryEnroll(page);
  await expect(page.getByRole('alert').filter({ hasText: /鍵を安全に保存できない|cannot store keys safely/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /ロックダウンモード|Lockdown Mode/ })).toBeVisible();
  await page.goto('/');
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect(page.getByTestId('token')).toHaveCount(0);
  expect((await storedRecords(page)).split('\n').filter((l) => / token:/.test(l))).toEqual([]);
});
