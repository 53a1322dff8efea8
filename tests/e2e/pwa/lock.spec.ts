// The app lock on the built app: PIN setup, lock now, the lock screen, wrong and right PINs,
// reload, lock off; every request same-origin and no CSP violation during the whole flow.
import { expect, test, type Page } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceTotp } from '../reference.ts';
import { enrollByUri, expectCurrentCode, setVisibility, storedRecords, submitUri } from './app.ts';
import { countCspViolations, cspViolations, openSettings, recordRequests, setPin, unlock } from './lock-helpers.ts';

const T0 = Date.UTC(2026, 0, 15, 3, 0, 5);
const PIN = '482916';

test.setTimeout(120_000);

test('PIN lock: set, lock now, wrong and right PIN, reload, lock off; same-origin, no CSP violation', async ({ page, baseURL }) => {
  const requests = recordRequests(page);
  await countCspViolations(page);
  await page.clock.install({ time: T0 });
  await page.goto('/');
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret, serial: 'SKTS00000042' }));
  const code = page.getByTestId('token').getByTestId('code');
  const reference = async () => referenceTotp(secret, await page.evaluate(() => Date.now()));
  await expectCurrentCode(page, code, secret);

  await setPin(page, PIN);
  const stored = await storedRecords(page);
  expect(stored).not.toContain('CryptoKey'); // no key at rest can sign or unwrap without the PIN
  expect(stored).toContain('pin-aes-ctr');

  // Lock from the ≡ menu, on the home screen.
  await page.getByRole('button', { name: /←/ }).click();
  await page.getByTestId('menu').click();
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('token')).toHaveCount(0);

  // A wrong PIN: refused by the 8-bit check (255 in 256), or else it opens wrong codes.
  await unlock(page, '000000');
  const refused = page.getByTestId('lock-screen').getByRole('alert');
  await expect(refused.or(page.getByTestId('token'))).toBeVisible({ timeout: 30_000 });
  if (await page.getByTestId('token').count()) {
    expect(digitsOnly(await code.textContent())).not.toBe(await reference());
    await page.getByTestId('menu').click();
    await page.getByTestId('lock-now').click();
  }

  await unlock(page, PIN);
  await expectCurrentCode(page, code, secret, 30_000);

  // A reload starts locked.
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await unlock(page, PIN);
  await expectCurrentCode(page, code, secret, 30_000);

  // Lock off needs the PIN again.
  await openSettings(page);
  await page.getByTestId('lock-off').click();
  await unlock(page, PIN);
  await expect(page.getByTestId('lock-setup')).toHaveText(/PIN/, { timeout: 30_000 });
  await expect(page.getByTestId('lock-now')).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expectCurrentCode(page, code, secret);
  expect(await storedRecords(page)).not.toContain('pin-aes-ctr');

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

/** A token behind a PIN that locks after a minute, on Playwright's clock. */
async function lockedAfterOneMinute(page: Page): Promise<void> {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret() }));
  await setPin(page, PIN);
  await page.getByTestId('lock-idle').selectOption('1');
}

test('auto-lock: hidden longer than the chosen time locks on return', async ({ page }) => {
  await lockedAfterOneMinute(page);
  await setVisibility(page, 'hidden');
  await page.clock.fastForward(61_000);
  await setVisibility(page, 'visible');
  await expect(page.getByTestId('lock-screen')).toBeVisible();
});

test('auto-lock: no use for the chosen time locks', async ({ page }) => {
  await lockedAfterOneMinute(page);
  await page.clock.runFor(30_000);
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.runFor(31_000);
  await expect(page.getByTestId('lock-screen')).toBeVisible();
});

test('the first enrollment offers the lock before the seed is stored: no key of any kind is ever stored', async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  await page.getByTestId('add-token').click();
  await expect(page.getByTestId('first-lock')).toBeVisible();
  await page.getByTestId('first-lock-pin').click();
  await page.getByTestId('lock-pin').fill('12345'); // too short: refused, nothing stored
  await page.getByTestId('lock-pin-confirm').fill('12345');
  await page.getByTestId('lock-submit').click();
  await expect(page.getByTestId('first-lock').getByRole('alert')).toBeVisible();
  expect(await storedRecords(page)).not.toContain('soft-token/vault lock =');
  await page.getByTestId('lock-pin').fill('24681357');
  await page.getByTestId('lock-pin-confirm').fill('24681357');
  await page.getByTestId('lock-submit').click();
  await expect(page.getByTestId('first-lock').getByRole('status')).toBeVisible({ timeout: 30_000 });
  const before = await storedRecords(page);
  expect(before).not.toContain('CryptoKey');
  expect(before).not.toContain('vault-key');

  const secret = randomSecret();
  await submitUri(page, otpauthUri({ secret }));
  const code = page.getByTestId('token').getByTestId('code');
  await expectCurrentCode(page, code, secret);
  for (const stored of [await storedRecords(page), await (async () => (await page.reload(), storedRecords(page)))()]) {
    expect(stored).not.toContain('CryptoKey');
    expect(stored).not.toContain('vault-key');
    expect(stored).not.toContain('exposed');
    expect(stored).toContain('pin-aes-ctr');
  }
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await unlock(page, '24681357');
  await expectCurrentCode(page, code, secret, 30_000);
  expect(await storedRecords(page)).not.toContain('CryptoKey');
  await openSettings(page);
  await expect(page.getByTestId('lock-exposure-notice')).toHaveCount(0);
});

test('the lock turned on over existing tokens says earlier copies may remain and offers the exchange', async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  await page.getByTestId('add-token').click();
  await page.getByTestId('first-lock-skip').click();
  await expect(page.getByTestId('first-lock')).toHaveCount(0);
  await page.getByRole('button', { name: /←/ }).click();
  await enrollByUri(page, otpauthUri({ secret: randomSecret() }));
  await openSettings(page);
  await expect(page.getByTestId('lock-exposure-notice')).toHaveCount(0); // lock off: the state line says it all
  await page.getByTestId('lock-setup').click();
  await page.getByTestId('lock-pin').fill(PIN);
  await page.getByTestId('lock-pin-confirm').fill(PIN);
  await page.getByTestId('lock-submit').click();
  const notice = page.getByTestId('lock-exposure-notice');
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(/1/);
  await page.reload();
  await unlock(page, PIN);
  await openSettings(page);
  await expect(notice).toBeVisible();
  await page.getByTestId('lock-exchange').click();
  await expect(page.getByTestId('provision')).toBeVisible();
});
