// Below the browser floor: public/browser-check.js shows the bilingual message instead of the app,
// and the app starts nothing (no IndexedDB opened, no service worker registered). A browser missing
// what the floor needs is made by removing it in an init script, before any of the page's scripts.
import { expect, test, type Page } from '@playwright/test';

/** Counts IndexedDB opens and service-worker registrations the page makes (read back by `starts`). */
async function countStarts(page: Page) {
  await page.addInitScript(() => {
    const seen = { idb: 0, sw: 0 };
    Object.defineProperty(window, '__starts', { value: seen });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args: Parameters<IDBFactory['open']>) {
      seen.idb++;
      return open.apply(this, args);
    };
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args: Parameters<ServiceWorkerContainer['register']>) {
      seen.sw++;
      return register.apply(this, args);
    };
  });
}

async function starts(page: Page) {
  // The app registers its worker and opens the vault within a second of load when it runs at all.
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  return page.evaluate(async () => ({
    ...(window as unknown as { __starts: { idb: number; sw: number } }).__starts,
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    databases: (await indexedDB.databases()).length,
  }));
}

test('a supported browser starts the app: the counters see the vault open and the worker register', async ({ page }) => {
  await countStarts(page);
  await page.goto('/');
  await expect(page.getByTestId('add-token')).toBeVisible();
  const seen = await starts(page);
  expect(seen.idb).toBeGreaterThan(0);
  expect(seen.sw).toBeGreaterThan(0);
  await expect(page.getByTestId('unsupported-browser')).toHaveCount(0);
});

for (const [what, remove] of [
  ['crypto.subtle', () => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true })],
  ['structuredClone', () => Object.defineProperty(window, 'structuredClone', { value: undefined, configurable: true })],
  ['Array.prototype.at', () => Object.defineProperty(Array.prototype, 'at', { value: undefined, configurable: true })],
] as const) {
  test(`without ${what}: the message in Japanese and English with the bank's contact, and no storage or worker`, async ({ page }) => {
    await countStarts(page);
    await page.addInitScript(remove);
    await page.goto('/');
    const message = page.getByTestId('unsupported-browser');
    await expect(message).toBeVisible();
    await expect(message).toHaveAttribute('data-missing', new RegExp(what.replace(/\./g, '\\.')));
    await expect(message.locator('[lang=ja]')).toContainText('このブラウザーではソフトウェアトークンを使えません');
    await expect(message.locator('[lang=ja]')).toContainText('iOS / iPadOS 15.4 以降');
    await expect(message.locator('[lang=en]')).toContainText('iOS / iPadOS 15.4 or later');
    await expect(message.locator('[lang=en]')).toContainText('Chrome 98 or later');
    await expect(message.locator('[lang=en]')).toContainText('Update the phone');
    // dist/bank-contact.json is the demo bank's: its name and a tel: link, per language.
    await expect(message.locator('[lang=ja] [data-testid=unsupported-contact]')).toContainText('デモ信用金庫 OTPサービスセンター');
    await expect(message.locator('[lang=en] [data-testid=unsupported-contact]')).toContainText('Demo Shinkin Bank OTP Service Centre');
    await expect(message.locator('a[href="tel:0120000000"]')).toHaveCount(2);
    await expect(page.getByTestId('add-token')).toHaveCount(0);
    expect(await starts(page)).toEqual({ idb: 0, sw: 0, registrations: 0, databases: 0 });
  });
}

test('without a bank contact file the message still says what to do, with no contact line', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true }));
  await page.route('**/bank-contact.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await expect(page.getByTestId('unsupported-browser')).toContainText('Update the phone');
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('unsupported-contact')).toHaveCount(0);
});

test('a contact with markup in it is shown as text', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true }));
  await page.route('**/bank-contact.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ name: '<img src=x onerror=alert(1)>Bank', phone: 'javascript:alert(1)' }) }),
  );
  await page.goto('/');
  const contact = page.getByTestId('unsupported-contact').first();
  await expect(contact).toContainText('<img src=x onerror=alert(1)>Bank');
  await expect(page.locator('[data-testid=unsupported-browser] img')).toHaveCount(0);
  await expect(page.locator('[data-testid=unsupported-browser] a')).toHaveCount(0);
});
