// The bank's side of a company's contract: the customer card it issues (printable once) and 解約,
// which clears every OTP setting of the company on its written request.
import { expect, test } from '@playwright/test';
import { ADMIN } from './accounts.ts';
import { AdminScreen, cardAnswer, login, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { Phone } from './phone.ts';


test('a card issued on /bank/ is shown once on a printable sheet, signs the administrator in, and replaces the old one', async ({ browser }) => {
  const operator = await OperatorScreen.open(browser);
  try {
    const { digits, sheet } = await operator.issueCard('demo');
    await expect(sheet).toContainText('demo');
    await expect(operator.page.getByTestId('card-print')).toBeVisible();
    // Closed, the digits are gone for good: nothing on the page or from the service shows them again.
    await operator.page.getByTestId('card-close').click();
    await expect(sheet).toHaveCount(0);
    await operator.page.reload();
    await expect(operator.page.getByTestId('search-query')).toBeVisible();
    expect(await operator.page.content()).not.toContain(digits);

    // The new card signs in; the old one (ADMIN_CARD) no longer does.
    const fresh = await (await browser.newContext()).newPage();
    await login(fresh, '/admin/', ADMIN.user, ADMIN.password, digits);
    await expect(fresh.getByTestId('usage-mode')).toBeVisible();

    const old = await (await browser.newContext()).newPage();
    await old.goto('/admin/');
    await old.getByTestId('login-user').fill(ADMIN.user);
    await old.getByTestId('login-password').fill(ADMIN.password);
    await old.getByTestId('login-submit').click();
    // Ask until the two cells differ between the cards (each wrong try is new cells and one count).
    const oldAnswer = await cardAnswer(old, ADMIN.card);
    const newAnswer = await cardAnswer(old, digits);
    test.skip(oldAnswer === newAnswer, 'both cards agree on these two cells');
    await old.getByTestId('login-card').fill(oldAnswer);
    await old.getByTestId('login-submit').click();
    await expect(old.getByRole('alert')).toBeVisible();
    await expect(old.getByTestId('usage-mode')).toHaveCount(0);
  } finally {
    await operator.restoreDemoCard();
  }
  // Back to the e2e card for the other tests.
  await AdminScreen.open(browser);
});

test('解約 leaves every user of the company at none, their old codes refused, the usage mode kept', async ({ browser }) => {
  const users = [unique('kaiyaku-a'), unique('kaiyaku-b')];
  const admin = await AdminScreen.open(browser);
  const mode = await admin.page.getByTestId('usage-mode').inputValue();
  const signin = await SigninScreen.open(browser);
  const phones = [];
  for (const userId of users) {
    const phone = await Phone.open(browser);
    const serial = await phone.provision();
    await admin.createUser(userId);
    await admin.registerOk(userId, serial, await phone.steadyCode());
    expect(await signin.signIn(userId, await phone.nextStep())).toBe('ok');
    phones.push(phone);
  }
  // One of them locked, as after a phone change that did not move the token.
  for (let i = 0; i < 5; i++) await signin.signIn(users[0]!, '000000');
  await admin.page.reload();
  await expect(admin.status(users[0]!)).toHaveAttribute('data-status', 'locked');

  const operator = await OperatorScreen.open(browser);
  // The users page shown before 解約 is fetched again after it, like after every operator action.
  const shown = await operator.find(users[0]!);
  await operator.contract.cancelContract('demo');
  await expect(shown.getByTestId('token-status')).toHaveAttribute('data-status', 'none');
  for (const userId of users) {
    await expect((await operator.find(userId)).getByTestId('token-status')).toHaveAttribute('data-status', 'none');
  }
  await admin.page.reload();
  for (const userId of users) await expect(admin.status(userId)).toHaveAttribute('data-status', 'none');
  await expect(admin.page.getByTestId('usage-mode')).toHaveValue(mode);
  for (const [i, userId] of users.entries()) {
    expect(await signin.signIn(userId, await phones[i]!.nextStep())).toBe('refused');
  }
  // Audited.
  await operator.page.getByTestId('audit-refresh').click();
  await expect(operator.page.getByTestId('audit-log')).toContainText(/解約|Contract cancelled/);
});
