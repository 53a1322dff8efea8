// Where the page may not compile WebAssembly (Safari before 16 under the app's CSP) and the browser
// has no QR BarcodeDetector (Chromium on Linux has none), the enrollment screen says so instead of
// offering the camera and picture paths, and the URI and typed entry still enroll.
import { expect, test, type Page } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { confirmAndCheckCode, openEnrollment } from './scan-fixtures.ts';

async function expectUnavailable(page: Page) {
  await expect(page.getByTestId('scan-unavailable')).toBeVisible();
  await expect(page.getByTestId('scan-unavailable')).toContainText(/QR コードを読み取れません|cannot read QR codes/);
  await expect(page.getByTestId('scan-camera')).toHaveCount(0);
  await expect(page.getByTestId('qr-image-input')).toHaveCount(0);
}

test('no WebAssembly: no camera or picture, a note, and the pasted URI enrolls with the reference code', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(window, 'WebAssembly', { value: undefined, configurable: true }));
  await openEnrollment(page);
  await expectUnavailable(page);
  const secret = randomSecret();
  await page.getByTestId('uri-input').fill(otpauthUri({ secret, issuer: 'Shinkin Bank', label: 'taro' }));
  await page.getByTestId('uri-submit').click();
  await confirmAndCheckCode(page, secret);
});

test("the CSP without 'wasm-unsafe-eval' (what Safari 15 enforces): the same note, and typed entry still shows", async ({ page }) => {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace(" 'wasm-unsafe-eval'", '');
    await route.fulfill({ response, body: html });
  });
  await openEnrollment(page);
  await expectUnavailable(page);
  await expect(page.getByTestId('manual-secret')).toBeVisible();
  await expect(page.getByTestId('uri-input')).toBeVisible();
});

test('with WebAssembly allowed the camera and picture paths are there', async ({ page }) => {
  await openEnrollment(page);
  await expect(page.getByTestId('scan-camera')).toBeVisible();
  await expect(page.getByTestId('qr-image-input')).toBeAttached();
  await expect(page.getByTestId('scan-unavailable')).toHaveCount(0);
});
