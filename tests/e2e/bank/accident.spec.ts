// 事故設定 (the administrator's accident setting) and the bank's suspension, as the guide has them:
// the administrator suspends at once and lifts only their own setting; a bank stop only the bank lifts.
import { expect, test } from '@playwright/test';
import { AdminScreen, enrolledUser, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { Phone } from './phone.ts';


test('事故設定 makes the next right code suspended, lifting restores it, and the bank’s stop stays the bank’s', async ({ browser }) => {
  const { userId, phone, admin } = await enrolledUser(browser, 'jiko');
  const signin = await SigninScreen.open(browser);
  expect(await signin.signIn(userId, await phone.nextStep())).toBe('ok');

  // The phone moves a step only after an accepted code (phone.ts nextStep); a suspension is
  // answered whatever the code, so those checks send the code already on screen.
  // The administrator's accident setting: the very next right code is answered `suspended`.
  await expect(await admin.accident(userId, 'lost')).toHaveRole('status');
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'suspended');
  await expect(admin.status(userId)).toHaveAttribute('data-suspended-by', 'administrator');
  const next = await phone.nextStep();
  expect(await signin.signIn(userId, next)).toBe('suspended');
  // The bank sees it as suspended too.
  const operator = await OperatorScreen.open(browser);
  await expect((await operator.find(userId)).getByTestId('token-status')).toHaveAttribute('data-status', 'suspended');

  // Lifted by the administrator: codes are accepted again.
  await expect(await admin.clearAccident(userId)).toHaveRole('status');
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'active');
  // The phone's code now, not `next`: on a slow run the service's clock may have moved past it.
  expect(await signin.signIn(userId, await phone.code())).toBe('ok');

  // The bank's suspension: the administrator cannot lift it, in the screen or by the API.
  await operator.act(userId, 'suspend', 'suspended');
  await admin.page.reload();
  await expect(admin.status(userId)).toHaveAttribute('data-suspended-by', 'bank');
  await expect(admin.user(userId).getByTestId('accident')).toBeDisabled();
  await expect(await admin.clearAccident(userId)).toHaveRole('alert');
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'suspended');
  const { csrf } = (await (await admin.page.request.get('/api/session')).json()) as { csrf: string };
  const direct = await admin.page.request.post(`/api/admin/users/${userId}/accident-clear`, { headers: { 'X-CSRF-Token': csrf }, data: {} });
  expect(direct.status()).toBe(409);
  expect(((await direct.json()) as { error: string }).error).toBe('suspended-by-bank');
  const later = await phone.nextStep();
  expect(await signin.signIn(userId, later)).toBe('suspended');

  // The bank lifts its own stop.
  await operator.act(userId, 'resume', 'active');
  expect(await signin.signIn(userId, await phone.code())).toBe('ok');

  // Both are in the audit log with who and why.
  await admin.page.reload();
  const audit = admin.page.getByTestId('audit-log');
  await expect(audit).toContainText('admin:');
  await expect(audit).toContainText(/事故設定|Accident setting/);
  await expect(audit).toContainText('reason:lost');
  await expect(audit).toContainText('operator:');
});

test('in shared usage mode 事故設定 stops the shared token for every user', async ({ browser }) => {
  const [first, second] = [unique('kyoyu-a'), unique('kyoyu-b')];
  const admin = await AdminScreen.open(browser);
  await admin.setUsageMode('shared');
  try {
    await admin.createUser(first);
    await admin.createUser(second);
    const phone = await Phone.open(browser);
    const serial = await phone.provision();
    await admin.registerOk(first, serial, await phone.steadyCode());
    await expect(admin.status(second)).toHaveAttribute('data-status', 'active');

    await expect(await admin.accident(second, 'stolen')).toHaveRole('status');
    await admin.page.reload();
    for (const u of [first, second]) await expect(admin.status(u)).toHaveAttribute('data-status', 'suspended');
    const signin = await SigninScreen.open(browser);
    const next = await phone.nextStep();
    expect(await signin.signIn(first, next)).toBe('suspended');

    await expect(await admin.clearAccident(first)).toHaveRole('status');
    await admin.page.reload();
    for (const u of [first, second]) await expect(admin.status(u)).toHaveAttribute('data-status', 'active');
    expect(await signin.signIn(second, await phone.code())).toBe('ok');
  } finally {
    await admin.setUsageMode('per-user');
  }
});
