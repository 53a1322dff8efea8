// Picture import: PNGs generated from a URI (plain, rotated, inverted, inside a screenshot)
// enroll a token whose code matches the independent reference at a fixed clock.
import { expect, test } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import type { QrPicture } from '../../fixtures/qr/raster.ts';
import { confirmAndCheckCode, openEnrollment, qrPng } from './scan-fixtures.ts';

const pictures: [string, Omit<QrPicture, 'text'>][] = [
  ['plain', { width: 420, height: 420, modulePx: 7 }],
  ['rotated', { width: 600, height: 600, modulePx: 6, angle: 27 }],
  ['inverted (light on dark)', { width: 480, height: 480, modulePx: 7, invert: true }],
  ['inside a larger screenshot', { width: 1080, height: 1920, modulePx: 5, at: [0.68, 0.4], screenshot: true }],
];

for (const [name, picture] of pictures) {
  test(`QR picture (${name}) enrolls a token with the reference code`, async ({ page }) => {
    const secret = randomSecret();
    const uri = otpauthUri({ secret, issuer: 'Shinkin Bank', label: 'taro', serial: 'SKTS00509641' });
    await openEnrollment(page);
    await page.getByTestId('qr-image-input').setInputFiles(qrPng({ text: uri, ...picture }));
    await confirmAndCheckCode(page, secret);
  });
}

test('a picture with no QR code gets its own alert and stores nothing', async ({ page }) => {
  await openEnrollment(page);
  // A screenshot-like picture whose "code" is a blank square.
  await page.getByTestId('qr-image-input').setInputFiles(
    qrPng({ text: 'x', width: 300, height: 300, modulePx: 1, screenshot: true, at: [-5, -5] }),
  );
  const alert = page.getByTestId('scan-error');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toHaveAttribute('data-failure', 'no-qr-found');
  await expect(page.getByTestId('enroll-confirm')).toHaveCount(0);
});

test('a QR holding a web link is refused with a message, nothing stored', async ({ page }) => {
  await openEnrollment(page);
  await page.getByTestId('qr-image-input').setInputFiles(
    qrPng({ text: 'https://phish.example/login', width: 300, height: 300, modulePx: 6 }),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'phish.example' })).toBeVisible();
  await expect(page.getByTestId('enroll-confirm')).toHaveCount(0);
});
