// The camera is released (every track ended) when the user stops it, when the app is hidden,
// and when the enrollment screen closes. The fake camera shows a screen with no code, so the
// scanner keeps running until one of those happens.
import { expect, test } from '@playwright/test';
import { fakeCamera, liveCameraTracks, startCamera } from './scan-fixtures.ts';

test.use(fakeCamera(null, 'scan-camera-blank'));

test('stopping the camera, hiding the app, or leaving enrollment ends every track', async ({ page }) => {
  await startCamera(page);
  await expect(page.getByTestId('scan-preview')).toBeVisible();
  await expect.poll(() => liveCameraTracks(page)).toBe(1);
  await page.getByTestId('scan-stop').click();
  await expect.poll(() => liveCameraTracks(page)).toBe(0);

  // Switching apps on a phone hides the page: the camera is released at once.
  await page.getByTestId('scan-camera').click();
  await expect.poll(() => liveCameraTracks(page)).toBe(1);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
  // Back in the foreground the camera stays off until the user starts it again.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('scan-camera')).toBeVisible();
  expect(await liveCameraTracks(page)).toBe(0);

  await page.getByTestId('scan-camera').click();
  await expect.poll(() => liveCameraTracks(page)).toBe(1);
  await page.getByRole('button', { name: /back|戻る/i }).click();
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
});
