// Two cameras (Chromium's fake device factory makes two): the switch button appears, moves to
// the other camera, and the first camera's track ends; only one camera is ever live.
import { expect, test } from '@playwright/test';
import { launchWith, liveCameraTracks, openEnrollment, watchCameraStreams } from './scan-fixtures.ts';

test.use(launchWith('--use-fake-device-for-media-stream=device-count=2', '--use-fake-ui-for-media-stream'));

test('switching camera opens the other one and releases the first', async ({ page }) => {
  await watchCameraStreams(page);
  await openEnrollment(page);
  await page.getByTestId('scan-camera').click();
  await expect(page.getByTestId('scan-switch')).toBeVisible();
  const deviceOfLast = () =>
    page.evaluate(() => {
      const streams = (window as unknown as { __streams: MediaStream[] }).__streams;
      return streams.at(-1)?.getVideoTracks()[0]?.getSettings().deviceId ?? '';
    });
  const first = await deviceOfLast();
  await page.getByTestId('scan-switch').click();
  await expect.poll(deviceOfLast).not.toBe(first);
  await expect.poll(() => liveCameraTracks(page)).toBe(1);
  const counts = await page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.length);
  expect(counts).toBe(2);

  await page.getByTestId('scan-stop').click();
  await expect.poll(() => liveCameraTracks(page)).toBe(0);
});
