// The help screen from the ≡ menu: lost-phone steps always; the bank's contact from
// /bank-contact.json when the deployment serves one (the demo sample), as plain text.
import { expect, test } from '@playwright/test';

test.use({ locale: 'ja-JP' });

test('help opens from the menu and shows the sample bank contact', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('menu').click();
  await page.getByTestId('help').click();
  const help = page.getByTestId('help-screen');
  await expect(help).toBeVisible();
  await expect(page).toHaveURL(/#\/help$/);
  await expect(help).toContainText('端末を紛失したとき・盗まれたとき');
  await expect(help).toContainText('すぐに銀行へ連絡');
  const contact = page.getByTestId('bank-contact');
  await expect(contact).toContainText('デモ信用金庫 OTPサービスセンター');
  await expect(contact).toContainText('0120-000-000');
  await expect(contact).toContainText('24時間 365日');
  await expect(contact.getByRole('link', { name: '0120-000-000' })).toHaveAttribute('href', 'tel:0120000000');
  // Also the rest of the guide: activation with the administrator, phone change, locks.
  for (const words of ['確認用パスワード', 'トークンの交換', 'ロックの解除は銀行']) await expect(help).toContainText(words);

  // English picks the English values of the same file.
  await page.getByTestId('menu').click();
  await page.getByTestId('language').click();
  await expect(contact).toContainText('Demo Shinkin Bank OTP Service Centre');
  await expect(help).toContainText('Contact the bank at once');

  // The phone's back button returns home.
  await page.goBack();
  await expect(page.getByTestId('add-token')).toBeVisible();
});

test('with no bank-contact.json the lost-phone steps are still explained', async ({ page }) => {
  await page.route('**/bank-contact.json', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/#/help');
  const help = page.getByTestId('help-screen');
  await expect(help).toContainText('すぐに銀行へ連絡し、トークンの利用を停止してもらってください');
  await expect(help).toContainText('連絡先は、銀行から受け取った書類');
  await expect(page.getByTestId('bank-contact')).toHaveCount(0);
});

test('contact text is shown as text, and odd values are left out', async ({ page }) => {
  await page.route('**/bank-contact.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        name: '<img src=x onerror="window.pwned=1">銀行',
        phone: 'javascript:alert(1)',
        hours: 42,
        url: 'javascript:alert(1)',
      }),
    }),
  );
  await page.goto('/#/help');
  const contact = page.getByTestId('bank-contact');
  await expect(contact).toContainText('<img src=x onerror="window.pwned=1">銀行');
  await expect(contact.locator('img')).toHaveCount(0);
  await expect(contact.locator('a')).toHaveCount(0); // neither the phone nor the url became a link
  await expect(contact).not.toContainText('受付時間');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test('an HTML answer (a server that falls back to index.html) is not a contact', async ({ page }) => {
  await page.route('**/bank-contact.json', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>app</p>' }));
  await page.goto('/#/help');
  await expect(page.getByTestId('help-screen')).toContainText('連絡先は、銀行から受け取った書類');
  await expect(page.getByTestId('bank-contact')).toHaveCount(0);
});

test('help describes the administrator’s sign-in, 事故設定 and 解約 as the bank’s guide does', async ({ page }) => {
  await page.goto('/#/help');
  const help = page.getByTestId('help-screen');
  for (const words of ['電子証明書', 'お客様カード', '事故設定', '銀行が停止した場合の解除は銀行', '解約']) await expect(help).toContainText(words);
  await page.getByTestId('menu').click();
  await page.getByTestId('language').click();
  await expect(help).toContainText('customer card');
  await expect(help).toContainText('accident setting');
});
