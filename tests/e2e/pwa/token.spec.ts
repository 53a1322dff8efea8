// The installable token end to end on the built app: enrollment, live codes, ring, serial mode,
// bad input, hostile names, offline reload, a second tab.
import { expect, test } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceHotp, referenceTotp, toBase32 } from '../reference.ts';
import { dumpStorage, enrollByUri, storedRecords } from './app.ts';

const T0 = Date.UTC(2026, 0, 15, 3, 0, 10); // 10 s into a 30 s step

test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: T0 });
  await page.goto('/');
});

test('a pasted URI enrolls; the code equals the reference and changes at the boundary', async ({ page }) => {
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret, serial: 'SKTS00509641' }));
  const card = page.getByTestId('token');
  await expect(card).toHaveCount(1);
  // Stop the page's clock at a known instant, 10 s into a step, so every figure below is exact.
  const now = T0 + 60_000;
  await page.clock.pauseAt(now);
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceTotp(secret, now));
  // Grouped for reading: "123 456"
  await expect(card.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
  const ring = card.getByTestId('countdown');
  await expect(ring).toHaveAttribute('role', 'progressbar');
  await expect(ring).toHaveAttribute('aria-valuemax', '30');
  await expect(ring).toHaveAttribute('aria-valuenow', '20');

  // Just before the boundary: same code, 1 s left; just after: the next step's code.
  const boundary = Math.ceil(now / 30000) * 30000;
  await page.clock.runFor(boundary - now - 500);
  await expect(ring).toHaveAttribute('aria-valuenow', '1');
  await expect(ring).toHaveClass(/urgent/);
  await page.clock.runFor(600);
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceTotp(secret, boundary));
  await expect(ring).toHaveAttribute('aria-valuenow', '30');
});

test('typed entry with advanced options enrolls an 8-digit SHA256 60 s token', async ({ page }) => {
  const secret = randomSecret(32);
  const typed = toBase32(secret).toLowerCase().replace(/(.{4})/g, '$1 ').trim(); // as people type it
  await page.getByTestId('add-token').click();
  await page.getByTestId('manual-serial').fill('skts00509641');
  await page.getByTestId('manual-secret').fill(typed);
  await page.getByTestId('manual-issuer').fill('しんきん銀行');
  await page.getByTestId('manual-label').fill('経理部');
  await page.locator('details summary').filter({ hasText: /詳細設定|Advanced/ }).click();
  await page.getByTestId('manual-algorithm').selectOption('SHA256');
  await page.getByTestId('manual-digits').selectOption('8');
  await page.getByTestId('manual-period').fill('60');
  await page.getByTestId('manual-submit').click();
  await expect(page.getByTestId('confirm-serial')).toHaveText('SKTS00509641');
  await page.getByTestId('enroll-confirm').click();
  const card = page.getByTestId('token');
  await expect(card.getByTestId('issuer')).toHaveText('しんきん銀行');
  await expect(card.getByTestId('label')).toHaveText('経理部');
  const now = await page.evaluate(() => Date.now());
  await expect
    .poll(async () => digitsOnly(await card.getByTestId('code').textContent()))
    .toBe(referenceTotp(secret, now, { period: 60, digits: 8, algorithm: 'sha256' }));
  await expect(card.getByTestId('code')).toHaveText(/^\d{4} \d{4}$/);
  await expect(card.getByTestId('countdown')).toHaveAttribute('aria-valuemax', '60');
});

test('an HOTP token shows its counter code; next saves the counter before showing the next code', async ({ page }) => {
  const secret = randomSecret();
  await enrollByUri(page, `otpauth://hotp/Bank:me?secret=${toBase32(secret)}&counter=7`);
  const card = page.getByTestId('token');
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceHotp(secret, 7));
  await card.getByTestId('next-hotp').click();
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceHotp(secret, 8));
  await page.reload();
  await expect.poll(async () => digitsOnly(await page.getByTestId('token').getByTestId('code').textContent())).toBe(referenceHotp(secret, 8));
});

test('serial mode shows every serial and is remembered', async ({ page }) => {
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), serial: 'SKTS00509641' }));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Other', serial: 'ABCD12345678' }));
  await page.getByTestId('menu').click();
  await page.getByTestId('display-mode').click();
  const cards = page.getByTestId('token');
  await expect(cards.nth(0).getByTestId('serial')).toHaveText('SKTS00509641');
  await expect(cards.nth(1).getByTestId('serial')).toHaveText('ABCD12345678');
  await expect(cards.nth(0).getByTestId('code')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('token').nth(0).getByTestId('code')).toHaveCount(0);
  await expect(page.getByTestId('token').nth(0).getByTestId('serial')).toHaveText('SKTS00509641');
});

const bad: [string, string][] = [
  ['not otpauth', 'https://example.com/login'],
  ['unknown type', 'otpauth://motp/X:y?secret=JBSWY3DPEHPK3PXP'],
  ['missing secret', 'otpauth://totp/X:y?issuer=X'],
  ['invalid base32', 'otpauth://totp/X:y?secret=JBSWY3DP1!'],
  ['secret too short', 'otpauth://totp/X:y?secret=JBSWY3DP'],
  ['bad digits', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXPJBSW&digits=9'],
  ['bad period', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXPJBSW&period=2'],
  ['bad algorithm', 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXPJBSW&algorithm=MD5'],
  ['hotp without counter', 'otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXPJBSW'],
  ['too long', `otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXPJBSW&x=${'a'.repeat(4100)}`],
];

test('each class of bad input shows an alert and stores nothing', async ({ page }) => {
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), serial: 'KEEP00000001' }));
  const before = await storedRecords(page);
  await page.getByTestId('add-token').click();
  for (const [what, uri] of bad) {
    await page.getByTestId('uri-input').fill(uri);
    await page.getByTestId('uri-submit').click();
    const alert = page.locator('[role="alert"]:visible');
    await expect(alert, what).toHaveCount(1);
    await expect(alert, what).not.toBeEmpty();
    await expect(page.getByTestId('enroll-confirm'), what).toHaveCount(0);
  }
  // Typed entry: a character outside base32 is named in the message.
  await page.getByTestId('manual-secret').fill('JBSW Y3DP EHPK 3PX8');
  await page.getByTestId('manual-submit').click();
  await expect(page.locator('[role="alert"]:visible')).toContainText('8');
  expect(await storedRecords(page)).toBe(before);
});

test('a duplicate (same secret and issuer) is refused', async ({ page }) => {
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret, label: 'a' }));
  await page.getByTestId('add-token').click();
  await page.getByTestId('uri-input').fill(otpauthUri({ secret, label: 'b' }));
  await page.getByTestId('uri-submit').click();
  await expect(page.locator('[role="alert"]:visible')).toContainText(/すでに|already/);
  await page.goto('/');
  await expect(page.getByTestId('token')).toHaveCount(1);
});

test('hostile markup in names renders as text and never runs', async ({ page }) => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  await page.addInitScript(() => ((window as unknown as { __pwned: number }).__pwned = 0));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Bank', label: evil }));
  const card = page.getByTestId('token');
  await expect(card.getByTestId('label')).toHaveText(evil);
  await expect(card.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
});

test('no form of the secret is stored anywhere; stored keys are non-extractable', async ({ page }) => {
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret }));
  const dump = await dumpStorage(page);
  const b32 = toBase32(secret);
  const hex = Buffer.from(secret).toString('hex');
  const forms = [b32, b32.toLowerCase(), hex, hex.toUpperCase(), Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('base64url'), `bytes:${Array.from(secret).join(',')}`, Array.from(secret).join(',')];
  for (const form of forms) expect(dump).not.toContain(form);
  expect(dump).toContain('CryptoKey(secret,false');
  expect(dump).not.toContain('CryptoKey(secret,true');
});

test('a second tab sees a new token', async ({ page, context }) => {
  const other = await context.newPage();
  await other.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Second Tab' }));
  await expect(other.getByTestId('token')).toHaveCount(1);
  await expect(other.getByTestId('issuer')).toHaveText('Second Tab');
});

test('after the first visit, the app opens offline and shows the right code', async ({ page, context }) => {
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret }));
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  await context.setOffline(true);
  await page.reload();
  const card = page.getByTestId('token');
  const now = await page.evaluate(() => Date.now());
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceTotp(secret, now));
  await page.getByTestId('add-token').click(); // the enrollment chunk is precached too
  await expect(page.getByTestId('uri-input')).toBeVisible();
  await context.setOffline(false);
});

test('rename and delete; delete names the token and its serial', async ({ page }) => {
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Bank', label: 'old', serial: 'SKTS00509641' }));
  const card = page.getByTestId('token');
  await card.getByTestId('token-actions').click();
  await card.getByTestId('rename').click();
  await page.getByTestId('rename-input').fill('新しい名前');
  await page.getByTestId('rename-submit').click();
  await expect(card.getByTestId('label')).toHaveText('新しい名前');
  await card.getByTestId('token-actions').click();
  await card.getByTestId('delete').click();
  await expect(page.locator('dialog[open]')).toContainText('SKTS00509641');
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('token')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('token')).toHaveCount(0);
});

test('rename refuses what enrollment refuses (a bidi override), saying why and keeping the name', async ({ page }) => {
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Bank', label: 'old' }));
  const card = page.getByTestId('token');
  await card.getByTestId('token-actions').click();
  await card.getByTestId('rename').click();
  await page.getByTestId('rename-input').fill('pay\u202Eliame');
  await page.getByTestId('rename-submit').click();
  await expect(page.locator('dialog[open]').getByRole('alert')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('token').getByTestId('label')).toHaveText('old');
});
