// Transaction signing end to end: a provisioned token signs in to the demo internet banking, signs
// a transfer's challenge (typed digits with the payee's account, and the transaction QR's text), and
// the bank accepts it once; a signature for another payee and a second use are refused; the bank
// systems' API does the same with its bearer key and refuses without it.
import { expect, test, type Page } from '@playwright/test';
import { AdminScreen, enrolledUser, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { Phone } from './phone.ts';
import { BANK_URL, VERIFY_API_KEY } from './accounts.ts';


async function startTransfer(page: Page, account: string, amount: number): Promise<{ id: string; typed: string; qr: string }> {
  await page.getByTestId('transfer-account').fill(account);
  await page.getByTestId('transfer-amount').fill(String(amount));
  await page.getByTestId('transfer-submit').click();
  const challenge = page.getByTestId('transfer-challenge');
  await expect(challenge).toBeVisible();
  const typed = ((await challenge.textContent()) ?? '').replace(/\D/g, '');
  return { id: (await challenge.getAttribute('data-challenge-id'))!, typed, qr: (await challenge.getAttribute('data-qr'))! };
}

async function confirmTransfer(page: Page, code: string): Promise<string> {
  const result = page.getByTestId('transfer-result');
  const before = (await result.count()) ? Number(await result.getAttribute('data-attempt')) : 0;
  await page.getByTestId('transfer-code').fill(code);
  await page.getByTestId('transfer-confirm').click();
  await expect(result).toHaveAttribute('data-attempt', String(before + 1));
  await expect(result).not.toBeEmpty();
  return (await result.getAttribute('data-outcome'))!;
}

async function sign(phone: Phone, challenge: string): Promise<string> {
  const page = phone.page;
  if (!(await page.getByTestId('challenge-input').isVisible())) await phone.token.getByTestId('sign-transaction').click();
  await page.getByTestId('challenge-input').fill(challenge);
  await page.getByTestId('challenge-submit').click();
  await expect(page.getByTestId('signature')).toBeVisible();
  return ((await page.getByTestId('signature').textContent()) ?? '').replace(/\D/g, '');
}

test('a provisioned token signs a transfer: accepted once, another payee refused, typed and QR forms', async ({ browser }) => {
  const { userId, phone, serial, admin } = await enrolledUser(browser, 'hanako');
  await expect(phone.token.getByTestId('sign-transaction')).toBeVisible();
  const signin = await SigninScreen.open(browser);
  expect(await signin.signIn(userId, await phone.nextStep())).toBe('ok');
  const bank = signin.page;

  // Typed: the digits begin with the payee's account number and carry the amount.
  const first = await startTransfer(bank, '1234567', 50_000);
  expect(first.typed).toMatch(/^123456750000\d{4}$/);
  const signature = await sign(phone, first.typed);
  expect(signature).toMatch(/^\d{8}$/);
  expect(await confirmTransfer(bank, signature)).toBe('ok');
  // The same signature again: the challenge is spent.
  expect(await confirmTransfer(bank, signature)).toBe('refused');

  // A signature made for one payee does not approve a transfer to another.
  const intended = await startTransfer(bank, '1111111', 3_000);
  const forIntended = await sign(phone, intended.typed);
  const other = await startTransfer(bank, '2222222', 3_000);
  expect(await confirmTransfer(bank, forIntended)).toBe('refused');
  expect(other.id).not.toBe(intended.id);

  // The transaction QR's text: the phone shows payee and amount, and its response is accepted.
  const byQr = await startTransfer(bank, '7654321', 120_000);
  await expect(bank.getByTestId('transfer-qr').locator('canvas')).toBeVisible();
  const qrSignature = await sign(phone, byQr.qr);
  await expect(phone.page.getByTestId('tx-account')).toContainText('7654321');
  await expect(phone.page.getByTestId('tx-amount')).toContainText('120,000');
  expect(await confirmTransfer(bank, qrSignature)).toBe('ok');

  // The audit log names payee and amount.
  await admin.page.reload();
  await expect(admin.page.getByText(/7654321.*¥120000/).first()).toBeVisible();

  // The approvals, on the administrator's and the operator's screens: accepted and refused transfers of this user.
  const operator = await OperatorScreen.open(browser);
  for (const page of [admin.page, operator.page]) {
    const list = page.getByTestId('transfer-list');
    await list.getByTestId('transfers-user').fill(userId);
    await list.getByTestId('transfers-apply').click();
    const entries = list.getByTestId('transfer-entry');
    await expect(entries).toHaveCount(4);
    const accepted = entries.and(page.locator('[data-outcome="accepted"]'));
    await expect(accepted.and(page.locator('[data-account="7654321"]'))).toContainText(/120,000/);
    await expect(accepted.and(page.locator('[data-account="1234567"]'))).toContainText(serial);
    await expect(entries.and(page.locator('[data-outcome="refused"][data-account="2222222"]'))).toContainText(/拒否|Refused/);
    // The challenge answered for nobody (1111111) is still open: not yet expired.
    await expect(entries.and(page.locator('[data-account="1111111"]'))).toHaveAttribute('data-outcome', 'open');
  }
});

test('the bank systems’ API: a challenge, its signature once, and nothing without the key', async ({ browser, request }) => {
  const { userId, phone, admin } = await enrolledUser(browser, 'jiro');

  const auth = { authorization: `Bearer ${VERIFY_API_KEY}` };
  const transfer = { companyId: 'demo', userId, bank: 'デモ信用金庫', branch: '駅前支店', account: '3141592', name: 'ﾃｽﾄ ｼｮｳｼﾞ', amount: 65_000 };
  expect((await request.post(`${BANK_URL}/api/v1/transactions`, { data: transfer })).status()).toBe(401);
  const made = await request.post(`${BANK_URL}/api/v1/transactions`, { data: transfer, headers: auth });
  expect(made.status()).toBe(201);
  const challenge = (await made.json()) as { id: string; typed: string; qr: string };
  const code = await sign(phone, challenge.qr);

  const verify = (headers: Record<string, string>, c = code) =>
    request.post(`${BANK_URL}/api/v1/verify-transaction`, { data: { companyId: 'demo', userId, challenge: challenge.id, code: c }, headers });
  expect((await verify({})).status()).toBe(401);
  expect((await verify({ authorization: 'Bearer wrong-key-0123456789' })).status()).toBe(401);
  const ok = await verify(auth);
  expect(await ok.json()).toEqual({ outcome: 'ok' });
  expect(await (await verify(auth)).json()).toEqual({ outcome: 'refused' });
});

/** Digits as a Japanese IME types them (全角): U+FF10–FF19. */
const fullWidth = (digits: string) => digits.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

test('codes typed with a Japanese IME: full-width digits are taken; letters are refused in words, in Japanese and English, and nothing is sent', async ({ browser }) => {
  const { userId, phone } = await enrolledUser(browser, 'zenkaku');
  const page = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
  await page.goto('/signin/');
  const sent: string[] = [];
  page.on('request', (r) => void (r.method() === 'POST' && sent.push(new URL(r.url()).pathname)));
  const signin = new SigninScreen(page);

  // Not a code: said on the screen, in the reader's language, and never sent (so nothing can count it).
  const alert = page.getByRole('alert');
  await page.getByTestId('signin-user').fill(userId);
  await page.getByTestId('signin-code').fill('12a456');
  await page.getByTestId('signin-submit').click();
  await expect(alert).toHaveText('ワンタイムパスワードは数字 6〜8 桁です。');
  // The message on screen follows a language switch (the English strings load on the switch).
  await page.getByTestId('language').click();
  await expect(alert).toHaveText('The one-time password is 6–8 digits.');
  await page.getByTestId('signin-submit').click();
  await expect(alert).toHaveText('The one-time password is 6–8 digits.');
  await expect(page.getByTestId('signin-result')).toHaveCount(0);
  expect(sent).toEqual([]);

  // The code in full-width digits signs in.
  expect(await signin.signIn(userId, fullWidth(await phone.nextStep()))).toBe('ok');

  const challenge = await startTransfer(page, '1357913', 8_000);
  const signature = await sign(phone, challenge.typed);
  for (const notDigits of ['abcdefgh', '12', '１２３４５６７８９０１']) {
    await page.getByTestId('transfer-code').fill(notDigits);
    await page.getByTestId('transfer-confirm').click();
    await expect(alert).toHaveText('The response is 4–10 digits.');
  }
  await page.getByTestId('language').click();
  await page.getByTestId('transfer-confirm').click();
  await expect(alert).toHaveText('応答コードは数字 4〜10 桁です。');
  await expect(page.getByTestId('transfer-result')).toHaveCount(0);
  expect(sent.filter((p) => p.endsWith('/confirm'))).toEqual([]);
  // The response in full-width digits, with the space a person puts between groups: accepted.
  expect(await confirmTransfer(page, fullWidth(`${signature.slice(0, 4)} ${signature.slice(4)}`))).toBe('ok');
});
