// The app lock on the built app: PIN setup, lock now, the lock screen, wrong and right PINs,
// reload, lock off; every request same-origin and no CSP violation during the whole flow.
import { expect, test } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceTotp } from '../reference.ts';
import { enrollByUri, storedRecords } from './app.ts';
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
  await expect.poll(async () => digitsOnly(await code.textContent())).toBe(await reference());

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
  await expect.poll(async () => digitsOnly(await code.textContent()), { timeout: 30_000 }).toBe(await reference());

  // A reload starts locked.
  await page.reload();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await unlock(page, PIN);
  await expect.poll(async () => digitsOnly(await code.textContent()), { timeout: 30_000 }).toBe(await reference());

  // Lock off needs the PIN again.
  await openSettings(page);
  await page.getByTestId('lock-off').click();
  await unlock(page, PIN);
  await expect(page.getByTestId('lock-setup')).toHaveText(/PIN/, { timeout: 30_000 });
  await expect(page.getByTestId('lock-now')).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect.poll(async () => digitsOnly(await code.textContent())).toBe(await reference());
  expect(await storedRecords(page)).not.toContain('pin-aes-ctr');

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('auto-lock: hidden longer than the chosen time locks on return', async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret() }));
  await setPin(page, PIN);
  await page.getByTestId('lock-idle').selectOption('1');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward(61_000);
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('lock-screen')).toBeVisible();
});

test('auto-lock: no use for the chosen time locks', async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret() }));
  await setPin(page, PIN);
  await page.getByTestId('lock-idle').selectOption('1');
  await page.clock.runFor(30_000);
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.runFor(31_000);
  await expect(page.getByTestId('lock-screen')).toBeVisible();
});
