// The passkey lock through Chromium's virtual authenticator with PRF (CDP WebAuthn domain):
// setup re-wraps the seeds under the PRF-derived key, lock shows the lock screen, the passkey
// unlocks with the reference code, and turning it off asks the passkey again.
import { expect, test } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri, expectCurrentCode, storedRecords, submitUri } from './app.ts';
import { addPasskeyAuthenticator, countCspViolations, cspViolations, openSettings } from './lock-helpers.ts';

test.setTimeout(90_000);

test('WebAuthn PRF: lock on, lock, unlock, reload, off', async ({ page, baseURL }) => {
  const origin = await addPasskeyAuthenticator(page, baseURL!);
  await countCspViolations(page);
  await page.goto(origin + '/');
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret }));
  const code = page.getByTestId('token').getByTestId('code');

  await openSettings(page);
  await page.getByTestId('lock-passkey').click();
  await expect(page.getByTestId('lock-settings').getByRole('status')).toBeVisible({ timeout: 20_000 });
  const stored = await storedRecords(page);
  expect(stored).toContain('prf-aes-gcm');
  expect(stored).not.toContain('CryptoKey');

  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('unlock-passkey').click();
  await page.goto(origin + '/');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('unlock-passkey').click();
  await expectCurrentCode(page, code, secret, 20_000);

  await openSettings(page);
  await page.getByTestId('lock-off').click();
  await expect(page.getByTestId('lock-passkey')).toBeVisible({ timeout: 20_000 });
  await page.goto(origin + '/');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expectCurrentCode(page, code, secret);
  expect(await cspViolations(page)).toEqual([]);
});

test('the first enrollment offers the passkey first; with it set, no key of any kind is stored', async ({ page, baseURL }) => {
  const origin = await addPasskeyAuthenticator(page, baseURL!);
  await page.goto(origin + '/');
  await page.getByTestId('add-token').click();
  await page.getByTestId('first-lock-passkey').click();
  await expect(page.getByTestId('first-lock').getByRole('status')).toBeVisible({ timeout: 20_000 });
  const secret = randomSecret();
  await submitUri(page, otpauthUri({ secret }));
  const code = page.getByTestId('token').getByTestId('code');
  await expectCurrentCode(page, code, secret);
  const stored = await storedRecords(page);
  expect(stored).toContain('prf-aes-gcm');
  expect(stored).not.toContain('CryptoKey');
  expect(stored).not.toContain('vault-key');
  expect(stored).not.toContain('exposed');
});
