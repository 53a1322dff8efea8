// A transaction QR read by the camera (Chromium's fake camera playing a Y4M of the QR): the
// signing screen shows the payee and amount and the response the reference computes for them.
import { expect, test } from '@playwright/test';
import { enrollByUri } from './app.ts';
import { cameraVideo, launchWith } from './scan-fixtures.ts';
import { RFC_KEY32, ocraUri, referenceOcra, transferQrText, transferQuestion } from '../ocra-reference.ts';
import { digitsOnly } from '../reference.ts';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN24';
const transfer = { bank: 'デモ信用金庫', branch: '駅前支店', account: '1029384', name: 'ﾃﾞﾓ ﾀﾛｳ', amount: 98_000, nonce: '7315' };

test.use(
  launchWith(
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraVideo(transferQrText(transfer), 'sign-scan-transfer')}`,
  ),
);

test('a scanned transaction QR is signed for the details it shows', async ({ page }) => {
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: SUITE, issuer: 'デモ信用金庫', label: 'scan' }));
  await page.getByTestId('sign-transaction').click();
  await page.getByTestId('scan-transaction').click();
  await page.getByTestId('scan-camera').click();
  await expect(page.getByTestId('signature')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('tx-payee')).toHaveText(transfer.name);
  await expect(page.getByTestId('tx-amount')).toContainText('98,000');
  expect(digitsOnly(await page.getByTestId('signature').textContent())).toBe(referenceOcra(RFC_KEY32, SUITE, transferQuestion(transfer, 24)));
  await expect(page.getByTestId('challenge-input')).toHaveValue(transferQrText(transfer));
});
