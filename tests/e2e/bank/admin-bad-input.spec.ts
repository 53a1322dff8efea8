// Bad input on the bank's screens: every refusal is a visible role="alert" and changes nothing.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminScreen, cardAnswer, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { ADMIN } from './accounts.ts';
import { toBase32 } from '../reference.ts';
import { otpauthParams, totpAt } from '../../reference-otp.ts';


test('step ⑧ refuses a bad PIN, a wrong code and an unknown or taken serial, changing nothing', async ({ browser }) => {
  const admin = await AdminScreen.open(browser);
  const [x, y] = [unique('jiro'), unique('saburo')];
  await admin.createUser(x);
  await admin.createUser(y);

  // x gets a working token (codes computed here from the issued URI, independently).
  const first = otpauthParams(await admin.issueQr(x));
  await admin.registerOk(x, first.serial!, totpAt(first, Date.now()));
  const second = otpauthParams(await admin.issueQr(x));
  await admin.page.reload();

  const unchanged = async () => {
    await expect(admin.status(x)).toHaveAttribute('data-status', 'active');
    await expect(admin.user(x).getByTestId('user-serial')).toHaveText(first.serial!);
    await expect(admin.status(y)).toHaveAttribute('data-status', 'none');
  };
  // Each refusal is said in words (English: the contexts' browser language), for its own reason.
  const refused = async (reason: RegExp, userId: string, serial: string, code: string, pin: string = ADMIN.pin) => {
    const outcome = await admin.register(userId, serial, code, pin);
    await expect(outcome).toHaveRole('alert');
    await expect(outcome).toHaveText(reason);
    await unchanged();
  };
  const now = () => totpAt(second, Date.now());
  const wrong = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 5) % 10);

  await refused(/PIN is wrong/, x, second.serial!, now(), 'WrongPin99'); // wrong PIN (service)
  await refused(/PIN is 6–12 letters or digits/, x, second.serial!, now(), 'abc'); // malformed PIN (screen)
  await refused(/one-time password is wrong/, x, second.serial!, wrong(now())); // wrong code (service)
  await refused(/6–8 digits/, x, second.serial!, '12ab'); // not a code (screen)
  await refused(/No token has this serial/, x, 'ZZZZ00000000', now()); // unknown serial
  await refused(/4 to 32 letters or digits/, x, 'SK1', now()); // not a serial (screen)
  await refused(/registered to someone else/, y, first.serial!, totpAt(first, Date.now())); // another user's token

  // Nothing was spoiled: the right input still exchanges x's token.
  await admin.registerOk(x, second.serial!, now());
  await expect(admin.user(x).getByTestId('user-serial')).toHaveText(second.serial!);

  // A user that exists already, or an impossible ID (with a good password).
  await admin.page.getByTestId('new-user-password').fill('a-good-password');
  for (const id of [x, 'no spaces!']) {
    await admin.page.getByTestId('new-user-id').fill(id);
    await admin.page.getByTestId('new-user-submit').click();
    await expect(admin.page.getByRole('alert')).toBeVisible();
  }
  await expect(admin.page.locator(`[data-testid="user"][data-user-id="${x}"]`)).toHaveCount(1);
});

test('a wrong password, a malformed code and bad CSV lines are refused in words', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/admin/');
  await page.getByTestId('login-user').fill(ADMIN.user);
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  // The card step comes whatever the password was, so the refusal never says which part was wrong.
  await page.getByTestId('login-card').fill(await cardAnswer(page, ADMIN.card));
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('usage-mode')).toHaveCount(0);

  const signin = await SigninScreen.open(browser);
  await signin.page.getByTestId('signin-user').fill('anyone');
  await signin.page.getByTestId('signin-code').fill('12a456');
  await signin.page.getByTestId('signin-submit').click();
  await expect(signin.page.getByRole('alert')).toBeVisible();
  await expect(signin.page.getByTestId('signin-result')).toHaveCount(0);

  // Hardware tokens: good lines are imported, bad ones listed; an imported token then registers.
  const operator = await OperatorScreen.open(browser);
  const secret = toBase32(randomBytes(20));
  const serial = `HW${Date.now()}`;
  await operator.page.getByTestId('hw-csv').fill(`serial,secret_base32\n${serial},${secret}\nBAD,not-base32!\n`);
  await operator.page.getByTestId('hw-submit').click();
  await expect(operator.page.getByRole('status')).toHaveText('1 imported. Not imported: 1');
  await expect(operator.page.getByTestId('hw-rejected')).toBeVisible();

  const admin = await AdminScreen.open(browser);
  const userId = unique('shiro');
  await admin.createUser(userId);
  await admin.registerOk(userId, serial, totpAt({ secret }, Date.now()));
});

test('the screens follow the browser language, Japanese first, with a switch', async ({ browser }) => {
  const ja = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await ja.goto('/signin/');
  await expect(ja.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(ja.getByTestId('signin-submit')).toHaveText('ログイン');
  await ja.getByTestId('language').click();
  await expect(ja.locator('html')).toHaveAttribute('lang', 'en');
  await expect(ja.getByTestId('signin-submit')).toHaveText('Sign in');

  const en = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await en.goto('/admin/');
  await expect(en.getByTestId('login-submit')).toHaveText('Sign in');
});
