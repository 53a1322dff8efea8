// The bank's integration and its defences, through the screens and the HTTP API: two-factor
// sign-in, the integration API's key (made with VERIFY_API_KEY and on /bank/), the confirmation
// PIN's lockout and the operator's unlock, health and metrics.
import { expect, test } from '@playwright/test';
import { METRICS_TOKEN, VERIFY_API_KEY } from './accounts.ts';
import { AdminScreen, enrolledUser, fetchesDuring, OperatorScreen, SigninScreen, unique } from './bank-screens.ts';
import { Phone } from './phone.ts';

const wrongCode = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 5) % 10);

test('wrong passwords never touch the OTP lockout; the integration API checks codes with its key only', async ({ browser, request }) => {
  const { userId, phone, admin } = await enrolledUser(browser, 'ib');

  // Ten wrong passwords with wrong codes: refused, and the token is not locked.
  const signin = await SigninScreen.open(browser);
  const code = await phone.nextStep();
  for (let i = 0; i < 4; i++) expect(await signin.signIn(userId, wrongCode(code), 'not-the-password')).toBe('refused');
  await admin.page.reload();
  await expect(admin.status(userId)).toHaveAttribute('data-status', 'active');
  // An unknown user and a wrong password answer alike (nothing tells which users exist).
  expect(await signin.signIn('nobody-at-all', code, 'not-the-password')).toBe('refused');
  expect(await signin.signIn(userId, code)).toBe('ok');

  // The integration API: no key or a wrong key is 401 and counts nothing; the demo key works.
  const body = { companyId: 'demo', userId, code: wrongCode(code) };
  for (let i = 0; i < 6; i++) {
    expect((await request.post('/api/v1/verify', { data: body })).status()).toBe(401);
    expect((await request.post('/api/v1/verify', { data: body, headers: { authorization: 'Bearer wrong-key-0123456789abcdef' } })).status()).toBe(401);
  }
  const good = await request.post('/api/v1/verify', { data: { ...body, code: await phone.awaitNextStep() }, headers: { authorization: `Bearer ${VERIFY_API_KEY}` } });
  expect(good.status()).toBe(200);
  expect(await good.json()).toEqual({ outcome: 'ok' });
  expect(good.headers()['access-control-allow-origin']).toBeUndefined();
  expect(good.headers()['set-cookie']).toBeUndefined();
});

test('the operator creates an API client (key shown once) and revokes it', async ({ browser, request }) => {
  const operator = await OperatorScreen.open(browser);
  const name = unique('ib');
  const row = operator.page.locator(`[data-testid="api-client"][data-name="${name}"]`);
  await operator.page.getByTestId('api-client-name').fill(name);
  // Each action fetches the list once (the page's reload after an action), not twice.
  const creating = fetchesDuring(operator.page, '/api/bank/api-clients', async () => {
    await operator.page.getByTestId('api-client-create').click();
    await expect(row.getByTestId('api-client-revoke')).toHaveCount(1);
  });
  expect(await creating).toBe(1);
  const key = (await operator.page.getByTestId('api-client-key').textContent())!.trim();
  expect(key).toMatch(/^stk_[A-Za-z0-9_-]{40,}$/);
  const ask = () => request.post('/api/v1/verify', { data: { companyId: 'demo', userId: 'nobody', code: '123456' }, headers: { authorization: `Bearer ${key}` } });
  expect((await ask()).status()).toBe(200);
  await operator.page.reload();
  await expect(operator.page.getByTestId('api-client-key')).toHaveCount(0); // never shown again
  await expect(row.getByTestId('api-client-revoke')).toHaveCount(1); // the list has loaded
  const revoking = fetchesDuring(operator.page, '/api/bank/api-clients', async () => {
    await row.getByTestId('api-client-revoke').click();
    await expect(row.getByTestId('api-client-revoke')).toHaveCount(0);
  });
  expect(await revoking).toBe(1);
  await expect.poll(async () => (await ask()).status(), { timeout: 5000 }).toBe(401);
});

test('five wrong confirmation PINs lock step ⑧ for the company until the operator unlocks it', async ({ browser }) => {
  const userId = unique('pin');
  const phone = await Phone.open(browser);
  const serial = await phone.provision();
  const admin = await AdminScreen.open(browser);
  await admin.createUser(userId);
  const operator = await OperatorScreen.open(browser);
  try {
    // The PIN is checked before the code, so any well-formed code does here.
    for (let i = 0; i < 5; i++) await expect(await admin.register(userId, serial, '000000', `WRONG${i}99`)).toHaveRole('alert');
    // Now even the right PIN is refused, and the screen says to go to the branch.
    await expect(await admin.register(userId, serial, '000000')).toContainText(/branch|お取引店/);
    await admin.page.reload();
    await expect(admin.page.getByTestId('pin-locked')).toBeVisible();
  } finally {
    await operator.page.reload();
    const locked = operator.page.locator('[data-testid="locked-pin"][data-company-id="demo"]');
    await expect(locked).toHaveCount(1); // the list loads after the page
    const unlocking = fetchesDuring(operator.page, '/api/bank/companies', async () => {
      await locked.getByTestId('pin-unlock').click();
      await expect(locked).toHaveCount(0);
    });
    expect(await unlocking).toBe(1); // one fetch of the list per action
  }
  await admin.page.reload();
  await admin.registerOk(userId, serial, await phone.steadyCode());
});

test('health, readiness and metrics', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  expect((await request.get('/readyz')).status()).toBe(200);
  expect((await request.get('/metrics')).status()).toBe(401);
  const metrics = await request.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain('softtoken_verifications_total');
});
