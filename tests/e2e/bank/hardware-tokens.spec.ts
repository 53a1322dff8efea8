// Hardware tokens through the screens: the operator imports a vendor's PSKC file with its transport
// key, the administrator registers an event token with its first code (step ⑧), sign-ins follow the
// button presses, a drifted token is resynchronised by the operator; a changed file imports nothing.
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { AdminScreen, OperatorScreen, SigninScreen } from './bank-screens.ts';
import { referenceHotp, referenceTotp } from '../../reference-otp.ts';
import { writePskc } from '../../unit/issuer/pskc-writer.ts';

const stamp = Date.now().toString(36).toUpperCase();

async function importPskc(page: Page, xml: string, key: Uint8Array): Promise<void> {
  await page.getByTestId('hw-file').setInputFiles({ name: 'vendor.pskcxml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await expect(page.getByTestId('hw-pskc-file')).toContainText('vendor.pskcxml');
  await page.getByTestId('hw-pskc-key').fill(Buffer.from(key).toString('hex'));
  await page.getByTestId('hw-submit').click();
}

test('a PSKC file imported on /bank/, an event token registered with its first code, followed and resynchronised', async ({ browser }) => {
  const hotpSecret = new Uint8Array(randomBytes(20));
  const totpSecret = new Uint8Array(randomBytes(20));
  const [hotpSerial, totpSerial] = [`EV${stamp}`, `TM${stamp}`];
  const { xml, key } = writePskc({
    cipher: 'aes128-cbc',
    keys: [
      { serial: hotpSerial, type: 'hotp', secret: hotpSecret, digits: 6, counter: 0, issuer: 'Vendor' },
      { serial: totpSerial, type: 'totp', secret: totpSecret, digits: 6, interval: 60 },
      { serial: `SH${stamp}`, secret: new Uint8Array(randomBytes(10)) },
    ],
  });

  const operator = await OperatorScreen.open(browser);
  // A file whose ValueMAC was changed: refused in words, nothing imported.
  const mac = /<ValueMAC>([^<]+)</.exec(xml)![1]!;
  await importPskc(operator.page, xml.replace(mac, (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)), key!);
  await expect(operator.page.getByRole('alert')).toContainText('Nothing was imported');
  // The file as sent: two tokens, and the short secret reported with its reason.
  await importPskc(operator.page, xml, key!);
  // The outcome in the screens' one status line, as every other action's; the keys not taken listed below it.
  await expect(operator.page.getByRole('status')).toHaveText('2 imported. Not imported: 1');
  await expect(operator.page.getByRole('alert')).toHaveCount(0);
  await expect(operator.page.getByTestId('hw-rejected')).toContainText(`key 3 SH${stamp} secret too short`);

  const admin = await AdminScreen.open(browser);
  const [taro, hanako] = [`hw-taro-${stamp.toLowerCase()}`, `hw-hanako-${stamp.toLowerCase()}`];
  await admin.createUser(taro);
  await admin.createUser(hanako);
  await admin.registerOk(taro, hotpSerial, referenceHotp(hotpSecret, 0));
  await admin.registerOk(hanako, totpSerial, referenceTotp(totpSecret, Date.now(), { period: 60 }));

  const signin = await SigninScreen.open(browser);
  expect(await signin.signIn(taro, referenceHotp(hotpSecret, 1))).toBe('ok');
  expect(await signin.signIn(taro, referenceHotp(hotpSecret, 1))).toBe('refused'); // used once
  expect(await signin.signIn(taro, referenceHotp(hotpSecret, 4))).toBe('ok'); // two presses skipped
  expect(await signin.signIn(taro, referenceHotp(hotpSecret, 4 + 50))).toBe('refused'); // 50 presses ahead

  await operator.page.getByTestId('resync-serial').fill(hotpSerial.toLowerCase());
  await operator.page.getByTestId('resync-code-1').fill(referenceHotp(hotpSecret, 55));
  await operator.page.getByTestId('resync-code-2').fill(referenceHotp(hotpSecret, 56));
  await operator.page.getByTestId('resync-submit').click();
  await expect(operator.page.getByRole('status')).toContainText(`Token ${hotpSerial} resynchronised`);
  expect(await signin.signIn(taro, referenceHotp(hotpSecret, 57))).toBe('ok');
});

test('the hardware import acts as the other bank actions do: a refusal in the alert, an ended session back to sign-in', async ({ browser }) => {
  const operator = await OperatorScreen.open(browser);
  const page = operator.page;
  const { xml } = writePskc({ cipher: 'aes128-cbc', password: { password: 'the-vendor-password' }, keys: [{ serial: `PW${stamp}`, secret: new Uint8Array(randomBytes(20)) }] });
  // A password-protected file's wrong password: refused in words, the password not kept on the screen.
  await page.getByTestId('hw-file').setInputFiles({ name: 'vendor.pskcxml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await page.getByTestId('hw-pskc-password').fill('not-the-password');
  await page.getByTestId('hw-submit').click();
  await expect(page.getByRole('alert')).toContainText('Nothing was imported');
  await expect(page.getByTestId('hw-pskc-password')).toHaveValue('');

  // The session ends elsewhere (another tab signs out): the next import goes back to sign-in with the notice.
  const { csrf } = (await (await page.request.get('/api/session')).json()) as { csrf: string };
  expect((await page.request.delete('/api/session', { headers: { 'X-CSRF-Token': csrf } })).status()).toBe(204);
  await page.getByTestId('hw-submit').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/session has expired/);
  await expect(page.getByTestId('hw-submit')).toHaveCount(0);
});
