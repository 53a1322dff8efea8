// Opened over plain http from a non-local host, the page is not a secure context: the browser
// offers neither WebCrypto nor a camera there, so the app cannot hold a token at all. Instead of a
// half-working app, the browser check shows its plain message, which tells the user to open the
// bank's https:// address, in Japanese and English, and the app stores nothing.
import { expect, test } from '@playwright/test';
import { fixClock, launchWith } from './scan-fixtures.ts';

// A made-up host name resolved to the local static server: http on it is not "potentially
// trustworthy" the way 127.0.0.1 and localhost are.
test.use(launchWith('--host-resolver-rules=MAP insecure.test 127.0.0.1'));

test('an insecure context shows the https message instead of the app, and stores nothing', async ({ page, baseURL }) => {
  const url = new URL('/', baseURL);
  url.hostname = 'insecure.test';
  await fixClock(page);
  await page.goto(url.href);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  const message = page.getByTestId('unsupported-browser');
  await expect(message).toBeVisible();
  await expect(message.locator('[lang="ja"]')).toContainText('https://');
  await expect(message.locator('[lang="en"]')).toContainText('secure connection (https://)');
  await expect(page.getByTestId('add-token')).toHaveCount(0);
  const stored = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).length,
    worker: 'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }));
  expect(stored).toEqual({ databases: 0, worker: 0 });
});
