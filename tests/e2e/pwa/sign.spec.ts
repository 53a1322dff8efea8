// Signing on the phone: an otpauth://ocra token answers RFC 6287's vectors, time-based suites count
// down, a transaction QR's payee and amount show above its response, a challenge the suite cannot
// take is refused with nothing shown, it works offline and under the app lock, and the home
// screen loads no signing code.
import { expect, test, type Page } from '@playwright/test';
import { enrollByUri } from './app.ts';
import { setPin, unlock } from './lock-helpers.ts';
import { RFC_KEY32, RFC_KEY64, ocraUri, referenceOcra, transferQrText, transferQuestion } from '../ocra-reference.ts';
import { digitsOnly } from '../reference.ts';

const QA08 = 'OCRA-1:HOTP-SHA256-8:QA08';
const QN24 = 'OCRA-1:HOTP-SHA256-8:QN24';
const transfer = { bank: 'しんきん銀行', branch: '本店営業部', account: '7654321', name: 'ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ', amount: 123_456, nonce: '4821' };

async function openSigning(page: Page): Promise<void> {
  const card = page.getByTestId('token').first();
  await expect(card.getByTestId('code')).toHaveCount(0); // a signing-only token shows no code
  await card.getByTestId('sign-transaction').click();
  await expect(page.getByTestId('challenge-input')).toBeVisible();
}

async function answer(page: Page, challenge: string): Promise<string> {
  await page.getByTestId('challenge-input').fill(challenge);
  await page.getByTestId('challenge-submit').click();
  return digitsOnly(await page.getByTestId('signature').textContent());
}

test('an otpauth://ocra token answers RFC 6287 C.3 and every typed challenge like the reference', async ({ page }) => {
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: QA08 }));
  await openSigning(page);
  expect(await page.getByTestId('challenge-input').getAttribute('inputmode')).toBe('text');
  for (const [q, value] of [['SIG10000', '53095496'], ['SIG11000', '04110475'], ['SIG14000', '46554205']] as const) {
    expect(await answer(page, q)).toBe(value);
    await expect(page.getByTestId('signed-challenge')).toHaveText(q);
  }
});

test('a challenge the suite cannot take gets an alert and no response', async ({ page }) => {
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: 'OCRA-1:HOTP-SHA1-6:QN08', label: 'numeric' }));
  await openSigning(page);
  expect(await page.getByTestId('challenge-input').getAttribute('inputmode')).toBe('numeric');
  expect(await answer(page, '12345678')).toBe(referenceOcra(RFC_KEY32, 'OCRA-1:HOTP-SHA1-6:QN08', '12345678'));
  // Too long, too short, letters in a numeric suite, a transaction QR without its amount.
  const { amount: _amount, ...noAmount } = transfer;
  for (const bad of ['123456789', '12', '1234abcd', transferQrText(noAmount as typeof transfer).replace('&amount=undefined', '')]) {
    await page.getByTestId('challenge-input').fill(bad);
    await page.getByTestId('challenge-submit').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByTestId('signature')).toHaveCount(0);
  }
  // Full-width digits and grouping spaces, as a Japanese keyboard types them, are the same challenge.
  expect(await answer(page, '１２３４ ５６７８')).toBe(referenceOcra(RFC_KEY32, 'OCRA-1:HOTP-SHA1-6:QN08', '12345678'));
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a time-based suite signs for Date.now() and shows the seconds left (RFC 6287 C.3, T 132d0b6)', async ({ page }) => {
  const t = 0x132d0b6 * 60_000 + 45_000; // 15 s left in that minute
  await page.clock.setFixedTime(t);
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY64, suite: 'OCRA-1:HOTP-SHA512-8:QA10-T1M' }));
  await openSigning(page);
  expect(await answer(page, 'SIG1000000')).toBe('77537423');
  await expect(page.getByTestId('signature-seconds-left')).toContainText('15');
});

test('a transaction QR shows payee and amount large above a response for exactly those details', async ({ page }) => {
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: QN24, issuer: 'しんきん銀行', label: 'signing' }));
  await openSigning(page);
  const value = await answer(page, transferQrText(transfer));
  await expect(page.getByTestId('tx-payee')).toHaveText(transfer.name);
  await expect(page.getByTestId('tx-amount')).toContainText('123,456');
  await expect(page.getByTestId('tx-account')).toContainText(transfer.account);
  expect(value).toBe(referenceOcra(RFC_KEY32, QN24, transferQuestion(transfer, 24)));
  // What is shown comes first, the response after it.
  const payeeBox = await page.getByTestId('tx-payee').boundingBox();
  const signatureBox = await page.getByTestId('signature').boundingBox();
  expect(payeeBox!.y).toBeLessThan(signatureBox!.y);
  // Another amount is another response.
  expect(await answer(page, transferQrText({ ...transfer, amount: 123_457 }))).not.toBe(value);
  // Markup in a name is text.
  await answer(page, transferQrText({ ...transfer, name: '<img src=x onerror=alert(1)>' }));
  await expect(page.getByTestId('tx-payee')).toHaveText('<img src=x onerror=alert(1)>');
});

test('signing works offline and under the app lock', async ({ page, context }) => {
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: QA08 }));
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  await setPin(page, '246810');
  await context.setOffline(true);
  await page.goto('/');
  await unlock(page, '246810');
  await openSigning(page);
  expect(await answer(page, 'SIG12000')).toBe('31331128');
});

test('the home screen loads no signing code; the signing screen loads it from our origin', async ({ page, baseURL }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto('/');
  await enrollByUri(page, ocraUri({ key: RFC_KEY32, suite: QA08 }));
  await page.waitForLoadState('networkidle');
  expect(urls.filter((u) => /\/assets\/Sign-/.test(u))).toEqual([]);
  await openSigning(page);
  expect(urls.filter((u) => /\/assets\/Sign-.*\.js$/.test(u)).length).toBe(1);
  expect(urls.filter((u) => !u.startsWith(baseURL!))).toEqual([]);
});
