// The bank guide's flow end to end, against the reference service:
// provision → register (step ⑧) → sign in → replay → lockout → unlock → exchange → lost phone.
import { expect, test } from '@playwright/test';
import { AdminScreen, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { Phone } from './phone.ts';
import { otpauthParams, totpAt } from '../../reference-otp.ts';


/** A six-digit code that is not `code` (so it is wrong for this step, barring a 1-in-10⁶ chance). */
const wrongCode = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 5) % 10);

test('a provisioned token is registered, signs in once per step, locks, is exchanged and suspended', async ({ browser }) => {
  const userId = unique('taro');
  const phone1 = await Phone.open(browser);
  const serial1 = await phone1.provision();
  expect(serial1).toMatch(/^[A-Z]{4}\d{10}$/);

  const admin = await AdminScreen.open(browser);
  await admin.createUser(userId);
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'none');
  await admin.registerOk(userId, serial1, await phone1.steadyCode());
  await expect(admin.user(userId)).toContainText(serial1);

  // The code used for registration is spent; the phone's next one signs in, exactly once.
  const signin = await SigninScreen.open(browser);
  const code1 = await phone1.nextStep();
  expect(await signin.signIn(userId, code1)).toBe('ok');
  expect(await signin.signIn(userId, code1)).toBe('refused');

  // Five wrong codes in a row lock the token; the fifth answer says so, and so does the next.
  for (let i = 1; i <= 4; i++) expect(await signin.signIn(userId, wrongCode(code1))).toBe('refused');
  expect(await signin.signIn(userId, wrongCode(code1))).toBe('locked');
  expect(await signin.signIn(userId, await phone1.code())).toBe('locked');
  await admin.page.reload();
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'locked');

  // The branch unlocks it.
  const operator = await OperatorScreen.open(browser);
  await operator.act(userId, 'unlock', 'active');

  // Phone change: the second phone gets its own token; the administrator exchanges.
  const phone2 = await Phone.open(browser);
  const serial2 = await phone2.provision();
  expect(serial2).not.toBe(serial1);
  await admin.page.reload();
  await admin.registerOk(userId, serial2, await phone2.steadyCode());
  await expect(admin.user(userId)).toContainText(serial2);

  // The first phone's codes no longer work, whatever the step; the second phone's do.
  expect(await signin.signIn(userId, await phone1.code())).toBe('refused');
  expect(await signin.signIn(userId, await phone1.nextStep())).toBe('refused');
  expect(await signin.signIn(userId, await phone2.nextStep())).toBe('ok');

  // Lost-phone call: the service centre suspends at once; the token is refused from then on.
  await operator.act(userId, 'suspend', 'suspended');
  expect(await signin.signIn(userId, await phone2.nextStep())).toBe('suspended');
  await admin.page.reload();
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'suspended');
  // While the bank holds it, the administrator cannot stop it away either.
  await admin.user(userId).getByTestId('stop').click();
  await expect(admin.user(userId).getByRole('alert')).toContainText(/bank|金融機関/);

  // The customer at the branch: the bank resumes; then the administrator stops it (and leaves the
  // demo company with no held token, which would keep its usage mode from changing).
  await operator.act(userId, 'resume', 'active');
  await admin.page.reload();
  await admin.user(userId).getByTestId('stop').click();
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'stopped');
});

test('an issued QR enrolls by pasted URI, its codes sign in, and stop use ends them', async ({ browser }) => {
  const userId = unique('hanako');
  const admin = await AdminScreen.open(browser);
  await admin.createUser(userId);
  const uri = await admin.issueQr(userId);
  const params = otpauthParams(uri);
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'unassigned');
  await expect(admin.user(userId)).toContainText(params.serial!);

  const phone = await Phone.open(browser);
  await phone.enrollByUri(uri);
  expect(await phone.serial()).toBe(params.serial);
  // The app's code is RFC 6238's for the phone's time (read both around a step boundary).
  await expect.poll(async () => {
    const before = await phone.now();
    const shown = await phone.code();
    return shown === totpAt(params, before) || shown === totpAt(params, await phone.now());
  }).toBe(true);

  await admin.registerOk(userId, params.serial!, await phone.steadyCode());
  const signin = await SigninScreen.open(browser);
  expect(await signin.signIn(userId, await phone.nextStep())).toBe('ok');

  // 利用中止: the administrator stops OTP use; sign-in says so.
  await admin.user(userId).getByTestId('stop').click();
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'stopped');
  expect(await signin.signIn(userId, await phone.nextStep())).toBe('stopped');
});

test('in shared usage mode two users sign in with one token', async ({ browser }) => {
  const admin = await AdminScreen.open(browser);
  const [userA, userB] = [unique('shared-a'), unique('shared-b')];
  await admin.createUser(userA);
  await admin.createUser(userB);
  try {
    await admin.setUsageMode('shared');
    // The guide's warning holds: the change unregistered every token.
    for (const status of await admin.page.getByTestId('token-status').all()) {
      await expect(status).toHaveAttribute('data-status', 'none');
    }

    const phone = await Phone.open(browser);
    const serial = await phone.provision();
    await admin.registerOk(userA, serial, await phone.steadyCode());
    await admin.page.reload();
    await expect(admin.status(userB)).toHaveAttribute('data-status', 'active');
    await expect(admin.user(userB)).toContainText(serial);

    const signin = await SigninScreen.open(browser);
    expect(await signin.signIn(userA, await phone.nextStep())).toBe('ok');
    // One token, one acceptance per step: user B signs in with the next step's code.
    expect(await signin.signIn(userB, await phone.awaitNextStep())).toBe('ok');
  } finally {
    await admin.page.reload();
    await admin.setUsageMode('per-user');
  }
});
