// Camera permission refused: a fake camera exists, but without the fake-UI flag Chromium's
// permission prompt is refused. The alert says so and the picture and paste paths still enroll.
import { test } from '@playwright/test';
import { expectCameraFallbacks, fakeCamera, openEnrollment } from './scan-fixtures.ts';

test.use(fakeCamera(null, 'scan-camera-denied', false));

test('a refused camera shows the permission message and the fallbacks', async ({ page }) => {
  await openEnrollment(page);
  await page.getByTestId('scan-camera').click();
  await expectCameraFallbacks(page, 'permission-denied');
});
