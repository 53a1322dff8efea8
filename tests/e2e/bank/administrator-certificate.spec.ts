// The administrator's sign-in as the guide has it, over HTTPS: the electronic certificate (a client
// certificate of the bank's CA naming the company), the contract password, the customer card; then
// step ⑧ as before. Its own service instance, so the throttling tried here locks nobody else out.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makeTestCertificates, type TestCertificates } from '../../test-certificates.ts';
import { ADMIN, TLS_URL } from './accounts.ts';
import { cardAnswer } from './bank-screens.ts';
import { startTlsService, type TlsService } from './tls-service.ts';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let certs: TestCertificates;
let service: TlsService;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  certs = makeTestCertificates();
  service = await startTlsService(certs);
});
test.afterAll(async () => {
  await service?.stop();
  if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
});

/** A browser that offers `client`'s certificate to the service (or none). */
async function pageWith(browser: Browser, client?: keyof TestCertificates['clients']): Promise<Page> {
  const context = await browser.newContext({
    baseURL: TLS_URL,
    locale: 'ja-JP',
    ignoreHTTPSErrors: true, // the service's certificate is from the test CA
    clientCertificates: client ? [{
      origin: TLS_URL, certPath: path.join(certs.dir, `${client}.pem`), keyPath: path.join(certs.dir, `${client}.key`),
    }] : [],
  });
  return context.newPage();
}

const wrongFor = (answer: string) => String((Number(answer) + 11) % 100).padStart(2, '0');

async function startSignIn(page: Page): Promise<void> {
  await page.goto('/admin/');
  await page.getByTestId('login-user').fill(ADMIN.user);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-card-challenge')).toBeVisible();
}

test('without a certificate, with another company’s or another CA’s, /admin/ and its API are refused', async ({ browser }) => {
  for (const client of [undefined, 'acme', 'stranger', 'serverOnly'] as const) {
    const page = await pageWith(browser, client);
    const response = await page.goto('/admin/');
    expect(response?.status(), `certificate ${client ?? 'none'}`).toBe(403);
    await expect(page.locator('body')).toContainText('電子証明書');
    const api = await page.request.post('/api/session', { data: { role: 'admin', user: ADMIN.user, password: ADMIN.password } });
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { error: string }).error).toBe('certificate-required');
    // The rest of the service does not ask for one: the PWA and the operator's screen answer.
    expect((await page.request.get('/')).status()).toBe(200);
    expect((await page.request.get('/bank/')).status()).toBe(200);
    await page.context().close();
  }
  // A certificate of the bank's CA naming another company gets the page but not the sign-in.
  const acme = await pageWith(browser, 'acme');
  const r = await acme.request.post('/api/session', { data: { role: 'admin', user: ADMIN.user, password: ADMIN.password } });
  expect(r.status()).toBe(403);
});

test('with the company’s certificate: a wrong card answer is refused, the right one signs in, step ⑧ form as before', async ({ browser }) => {
  const page = await pageWith(browser, 'demo');
  await startSignIn(page);
  await page.getByTestId('login-card').fill(wrongFor(await cardAnswer(page, ADMIN.card)));
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByTestId('usage-mode')).toHaveCount(0);
  // New cells are asked at once; the right digits now sign in.
  await page.getByTestId('login-card').fill(await cardAnswer(page, ADMIN.card));
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('usage-mode')).toBeVisible();
  await page.getByTestId('new-user-id').fill('tls-user');
  await page.getByTestId('new-user-password').fill('tls-user-password');
  await page.getByTestId('new-user-submit').click();
  const user = page.locator('[data-testid="user"][data-user-id="tls-user"]');
  await user.getByTestId('register-token').click();
  await user.getByTestId('activate-serial').fill('SKTS00000000');
  await user.getByTestId('activate-code').fill('123456');
  await user.getByTestId('activate-pin').fill('WRONGPIN1');
  await user.getByTestId('activate-submit').click();
  // The confirmation PIN is still asked and checked after the card.
  await expect(user.getByRole('alert')).toContainText('確認用暗証番号');
});

test('after several wrong card answers even the right one is refused (the password’s throttle)', async ({ browser }) => {
  // A second tab holds a challenge from before the wrong tries.
  const later = await pageWith(browser, 'demo');
  await startSignIn(later);
  const page = await pageWith(browser, 'demo');
  await startSignIn(page);
  for (let i = 0; i < 5; i++) {
    const challenge = page.getByTestId('login-card-challenge');
    if (!(await challenge.isVisible())) await page.getByTestId('login-submit').click();
    await page.getByTestId('login-card').fill(wrongFor(await cardAnswer(page, ADMIN.card)));
    await page.getByTestId('login-submit').click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await later.getByTestId('login-card').fill(await cardAnswer(later, ADMIN.card));
  await later.getByTestId('login-submit').click();
  await expect(later.getByRole('alert')).toContainText('試行回数が多すぎます');
  await expect(later.getByTestId('usage-mode')).toHaveCount(0);
  // And a fresh start is refused while the throttle lasts.
  const fresh = await pageWith(browser, 'demo');
  await fresh.goto('/admin/');
  await fresh.getByTestId('login-user').fill(ADMIN.user);
  await fresh.getByTestId('login-password').fill(ADMIN.password);
  await fresh.getByTestId('login-submit').click();
  await expect(fresh.getByRole('alert')).toContainText('試行回数が多すぎます');
  await expect(fresh.getByTestId('login-card-challenge')).toHaveCount(0);
});
