// The camera path with Chromium's fake camera playing a Y4M made from a URI: the token enrolls
// with the reference code, the rear camera was asked for, and every camera track ends.
import { expect, test } from '@playwright/test';
import { otpauthUri } from '../reference.ts';
import { cameraTracks, confirmAndCheckCode, fakeCamera, startCamera } from './scan-fixtures.ts';

// Fixed, not random: the video is written when the spec loads, before the browser starts, and
// every worker that loads this file must write the same one.
const secret = new Uint8Array(Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff));
const uri = otpauthUri({ secret, issuer: 'Shinkin Bank', label: 'hanako', serial: 'SKTS00777001' });

test.use(fakeCamera(uri, 'scan-camera-qr'));

test('the camera reads the QR: the token enrolls with the reference code and all tracks end', async ({ page }) => {
  await startCamera(page);
  await expect(page.getByTestId('enroll-confirm')).toBeVisible({ timeout: 20_000 });

  const tracks = await cameraTracks(page);
  expect(tracks.total).toBeGreaterThan(0);
  expect(tracks.live).toBe(0);
  const constraints = await page.evaluate(
    () => (window as unknown as { __constraints: MediaStreamConstraints[] }).__constraints,
  );
  expect(constraints[0]?.video).toMatchObject({ facingMode: { ideal: 'environment' } });

  await confirmAndCheckCode(page, secret);
});
