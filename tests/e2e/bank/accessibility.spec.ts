// The bank's screens pass axe's WCAG 2.x A/AA rules in each state a person meets them in.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AdminScreen, OperatorScreen } from './bank-screens.ts';
import { ADMIN } from './accounts.ts';

async function violations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign-in demo, sign-in forms, administrator and operator screens have no axe violations', async ({ browser, page }) => {
  await page.goto('/signin/');
  await page.getByTestId('signin-user').fill('nobody');
  await page.getByTestId('signin-password').fill('not-the-password');
  await page.getByTestId('signin-code').fill('123456');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-result')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto('/admin/');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  // The customer-card step of the administrator's sign-in.
  await page.getByTestId('login-user').fill(ADMIN.user);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-card-challenge')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const admin = await AdminScreen.open(browser);
  const userId = `axe-${Date.now().toString(36)}`;
  await admin.createUser(userId);
  await admin.issueQr(userId);
  await admin.user(userId).getByTestId('register-token').click();
  expect(await violations(admin.page)).toEqual([]);
  // An in-page confirmation open (the usage mode's).
  await admin.page.getByTestId('usage-mode').selectOption(await admin.page.getByTestId('usage-mode').inputValue() === 'shared' ? 'per-user' : 'shared');
  await expect(admin.page.getByTestId('confirm-panel')).toBeVisible();
  expect(await violations(admin.page)).toEqual([]);
  await admin.page.getByTestId('confirm-no').click();

  const operator = await OperatorScreen.open(browser);
  await operator.find(userId);
  expect(await violations(operator.page)).toEqual([]);
  // The printable customer card (issued for the demo company, then the e2e card put back).
  await operator.issueCard('demo');
  expect(await violations(operator.page)).toEqual([]);
  await operator.restoreDemoCard();
});
