// Google Authenticator's export (otpauth-migration://) pasted into the app: the test builds the
// protobuf itself (independently of src/core), and every chosen account enrolls with codes equal
// to the node:crypto reference; one already present is skipped and the user is told.
import { expect, test } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceHotp, referenceTotp } from '../reference.ts';

interface Account { secret: Uint8Array; name: string; issuer: string; algorithm: 1 | 2 | 3; digits: 1 | 2; type: 1 | 2; counter?: number }

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80); }
  out.push(n);
  return out;
}
const field = (num: number, wire: 0 | 2, value: number | number[]) =>
  wire === 0 ? [...varint(num * 8), ...varint(value as number)] : [...varint(num * 8 + 2), ...varint((value as number[]).length), ...(value as number[])];
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

function migrationUri(accounts: Account[]): string {
  const payload = accounts.flatMap((a) => field(1, 2, [
    ...field(1, 2, [...a.secret]), ...field(2, 2, utf8(a.name)), ...field(3, 2, utf8(a.issuer)),
    ...field(4, 0, a.algorithm), ...field(5, 0, a.digits), ...field(6, 0, a.type), ...field(7, 0, a.counter ?? 0),
  ]));
  const bytes = [...payload, ...field(2, 0, 1), ...field(3, 0, 1), ...field(4, 0, 0), ...field(5, 0, 12345)];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}

const T = Date.UTC(2026, 0, 15, 3, 0, 5);

test('a migration export with several accounts imports exactly those, with correct codes', async ({ page }) => {
  const accounts: Account[] = [
    { secret: randomSecret(20), name: '信金A:alice', issuer: '信金A', algorithm: 1, digits: 1, type: 2 },
    { secret: randomSecret(32), name: 'Bank B:bob', issuer: 'Bank B', algorithm: 2, digits: 2, type: 2 },
    { secret: randomSecret(20), name: 'Bank C:carol', issuer: 'Bank C', algorithm: 1, digits: 1, type: 1, counter: 5 },
    { secret: randomSecret(32), name: 'Bank D:dave', issuer: 'Bank D', algorithm: 2, digits: 2, type: 1, counter: 2 },
  ];
  await page.clock.install({ time: T });
  await page.goto('/');
  // One of them is already on the phone.
  await page.getByTestId('add-token').click();
  await page.getByTestId('uri-input').fill(otpauthUri({ secret: accounts[1]!.secret, issuer: 'Bank B', label: 'bob', extra: '&algorithm=SHA256&digits=8' }));
  await page.getByTestId('uri-submit').click();
  await page.getByTestId('enroll-confirm').click();
  await expect(page.getByTestId('token')).toHaveCount(1);

  await page.getByTestId('add-token').click();
  await page.getByTestId('uri-input').fill(migrationUri(accounts));
  await page.getByTestId('uri-submit').click();
  const items = page.getByTestId('batch-item');
  await expect(items).toHaveCount(4);
  await expect(items.nth(1)).toBeDisabled(); // already present, and the list says so
  await expect(page.locator('li').filter({ hasText: 'bob' })).toContainText(/追加済み|Already added/);
  await expect(items.nth(0)).toBeChecked();
  await page.getByTestId('enroll-confirm').click();
  await expect(page.getByTestId('token')).toHaveCount(4);

  await page.clock.pauseAt(T + 30_000);
  const now = T + 30_000;
  const expected: Record<string, string> = {
    '信金A': referenceTotp(accounts[0]!.secret, now),
    'Bank B': referenceTotp(accounts[1]!.secret, now, { digits: 8, algorithm: 'sha256' }),
    'Bank C': referenceHotp(accounts[2]!.secret, 5),
    'Bank D': referenceHotp(accounts[3]!.secret, 2, { digits: 8, algorithm: 'sha256' }),
  };
  for (const [issuer, code] of Object.entries(expected)) {
    const card = page.getByTestId('token').filter({ has: page.getByTestId('issuer').getByText(issuer, { exact: true }) });
    await expect(card).toHaveCount(1);
    await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent()), issuer).toBe(code);
  }
  await expect(page.getByTestId('token').filter({ hasText: 'carol' })).toHaveCount(1);
});

test('a damaged export is refused with a message and stores nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('add-token').click();
  await page.getByTestId('uri-input').fill('otpauth-migration://offline?data=CjEKCkhlbGxv');
  await page.getByTestId('uri-submit').click();
  await expect(page.locator('[role="alert"]:visible')).toContainText(/エクスポート|export/i);
  await page.goto('/');
  await expect(page.getByTestId('token')).toHaveCount(0);
});
