// The camera is released (every track ended) when the user stops it, when the app is hidden,
// and when the enrollment screen closes. The fake camera shows a screen with no code, so the
// scanner keeps running until one of those happens.
import { expect, test } from '@playwright/test';
import { setVisibility } from './app.ts';
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
  await setVisibility(page, 'hidden');
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
  // Back in the foreground the camera stays off until the user starts it again.
  await setVisibility(page, 'visible');
  await expect(page.getByTestId('scan-camera')).toBeVisible();
  expect(await liveCameraTracks(page)).toBe(0);

  await page.getByTestId('scan-camera').click();
  await expect.poll(() => liveCameraTracks(page)).toBe(1);
  await page.getByRole('button', { name: /back|戻る/i }).click();
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
});

test('hidden while the cameras are being listed: the camera stays off once the page shows again', async ({ page }) => {
  // A slow device list (a busy phone): the page is hidden after the stream opened, before the list answers.
  await page.addInitScript(() => {
    const list = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    navigator.mediaDevices.enumerateDevices = async () => {
      (window as unknown as { listing: boolean }).listing = true;
      await new Promise((r) => setTimeout(r, 1500));
      return list();
    };
  });
  await startCamera(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { listing?: boolean }).listing === true)).toBe(true);
  await setVisibility(page, 'hidden');
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
  await page.waitForTimeout(2000); // the list has answered by now
  await setVisibility(page, 'visible');
  await expect(page.getByTestId('scan-camera')).toBeVisible();
  await expect(page.getByTestId('scan-stop')).toBeHidden();
  expect(await liveCameraTracks(page)).toBe(0);
});
