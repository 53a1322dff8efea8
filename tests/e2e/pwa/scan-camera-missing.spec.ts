// No camera at all: permission would be granted, but this machine has no video device.
import { test } from '@playwright/test';
import { expectCameraFallbacks, launchWith, openEnrollment } from './scan-fixtures.ts';

test.use(launchWith('--use-fake-ui-for-media-stream'));

test('a device without a camera shows the no-camera message and the fallbacks', async ({ page }) => {
  await openEnrollment(page);
  await page.getByTestId('scan-camera').click();
  await expectCameraFallbacks(page, 'no-camera');
});
