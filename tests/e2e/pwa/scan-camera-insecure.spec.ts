// Opened over plain http from a non-local host, the page is not a secure context, so the browser
// offers no camera at all. The scanner says exactly that and offers the picture and paste paths.
import { expect, test } from '@playwright/test';
import { fixClock, launchWith } from './scan-fixtures.ts';

// A made-up host name resolved to the local static server: http on it is not "potentially
// trustworthy" the way 127.0.0.1 and localhost are.
test.use(launchWith('--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--host-resolver-rules=MAP insecure.test 127.0.0.1'));

test('an insecure context shows the https message and the fallbacks', async ({ page, baseURL }) => {
  const url = new URL('/', baseURL);
  url.hostname = 'insecure.test';
  await fixClock(page);
  await page.goto(url.href);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  await page.getByTestId('add-token').click();
  await page.getByTestId('scan-camera').click();
  const alert = page.getByTestId('scan-error');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toHaveAttribute('data-failure', 'insecure-context');
  await expect(page.getByTestId('scan-fallback-picture')).toBeVisible();
  await expect(page.getByTestId('uri-input')).toBeVisible();
});
