// The bank's screens pass axe's WCAG 2.x A/AA rules in each state a person meets them in.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AdminScreen, OperatorScreen } from './bank-screens.ts';

async function violations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign-in demo, sign-in forms, administrator and operator screens have no axe violations', async ({ browser, page }) => {
  await page.goto('/signin/');
  await page.getByTestId('signin-user').fill('nobody');
  await page.getByTestId('signin-code').fill('123456');
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('signin-result')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto('/admin/');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const admin = await AdminScreen.open(browser);
  const userId = `axe-${Date.now().toString(36)}`;
  await admin.createUser(userId);
  await admin.issueQr(userId);
  await admin.user(userId).getByTestId('register-token').click();
  expect(await violations(admin.page)).toEqual([]);

  const operator = await OperatorScreen.open(browser);
  await operator.find(userId);
  expect(await violations(operator.page)).toEqual([]);
});
