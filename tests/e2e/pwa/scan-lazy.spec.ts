// The home screen loads no decoder bytes; the decoder (worker + wasm) comes from the app's own
// origin only when a scan starts; and it is precached, so a picture scans offline.
import { expect, test, type Page } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { confirmAndCheckCode, openEnrollment, qrPng } from './scan-fixtures.ts';

const DECODER_FILE = /zxing|\.wasm|decode\.worker/i;

function networkLog(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

test('a home-screen load requests no decoder file', async ({ page, baseURL }) => {
  const urls = networkLog(page);
  await page.goto('/');
  await expect(page.getByTestId('add-token')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => DECODER_FILE.test(u) || /ScanPanel/.test(u))).toEqual([]);
  expect(urls.filter((u) => !u.startsWith(baseURL!))).toEqual([]);
});

test('the decoder loads from our own origin only when a picture is read', async ({ page, baseURL }) => {
  const urls = networkLog(page);
  await openEnrollment(page);
  await expect(page.getByTestId('qr-image-input')).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The scanner panel is shown, but no decoder is fetched until it is used.
  expect(urls.filter((u) => DECODER_FILE.test(u))).toEqual([]);

  const secret = randomSecret();
  await page.getByTestId('qr-image-input').setInputFiles(
    qrPng({ text: otpauthUri({ secret, label: 'lazy' }), width: 400, height: 400, modulePx: 6 }),
  );
  await confirmAndCheckCode(page, secret);
  const decoderUrls = urls.filter((u) => DECODER_FILE.test(u));
  expect(decoderUrls.some((u) => u.endsWith('.wasm'))).toBe(true);
  expect(decoderUrls.some((u) => /decode\.worker.*\.js$/.test(u))).toBe(true);
  expect(urls.filter((u) => !u.startsWith(baseURL!))).toEqual([]);
});

test('offline, after the service worker is installed, a picture still scans and enrolls', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // `ready` can resolve while the worker is still activating (see TOOLCHAIN.md).
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  await context.setOffline(true);
  await openEnrollment(page);
  const secret = randomSecret();
  await page.getByTestId('qr-image-input').setInputFiles(
    qrPng({ text: otpauthUri({ secret, label: 'offline' }), width: 400, height: 400, modulePx: 6, invert: true }),
  );
  await confirmAndCheckCode(page, secret);
});
