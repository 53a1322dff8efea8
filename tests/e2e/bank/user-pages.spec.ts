// A company of a few hundred users on /admin/ and /bank/: the service searches and pages, the
// screens show one page, the count and the way to the next. The users are imported in one CSV;
// their IDs sort after every other spec's users, which stay on the first page.
import { expect, test, type Page } from '@playwright/test';
import { AdminScreen, OperatorScreen } from './bank-screens.ts';

const COUNT = 240;
const id = (i: number) => `zz-page-${String(i).padStart(3, '0')}`;

/** Through the API: the import answers with its job (202 while it runs), polled until it ends. */
async function importUsers(page: Page, csv: string): Promise<void> {
  const { csrf } = (await (await page.request.get('/api/session')).json()) as { csrf: string };
  const res = await page.request.post('/api/admin/users/import', { headers: { 'content-type': 'text/csv', 'x-csrf-token': csrf }, data: csv });
  expect([200, 202]).toContain(res.status());
  let job = (await res.json()) as { id: string; done: boolean; pending: number };
  while (!job.done) {
    await page.waitForTimeout(1000);
    job = (await (await page.request.get(`/api/admin/users/imports/${job.id}`)).json()) as typeof job;
  }
  expect(job.pending).toBe(0);
}

test('a few hundred users: search by ID or name, page forward and back, on /admin/ and /bank/', async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await AdminScreen.open(browser);
  const page = admin.page;
  const lines = Array.from({ length: COUNT }, (_, i) => `${id(i)},${i === 123 ? '頁送 花子' : `Page User ${i}`},Initial-Pass-${i}`);
  await importUsers(page, lines.join('\n'));
  await page.reload();
  await expect(page.getByTestId('usage-mode')).toBeVisible();

  const count = page.getByTestId('user-count');
  const total = Number(await count.getAttribute('data-total'));
  expect(total).toBeGreaterThanOrEqual(COUNT);
  // One page, not the whole company.
  await expect(page.getByTestId('user')).toHaveCount(50);
  await expect(count).toContainText(`1–50 of ${total} users`);

  // Search by part of the ID: 10 users, no pages.
  await page.getByTestId('search-query').fill('page-12');
  await page.getByTestId('search-submit').click();
  await expect(count).toHaveAttribute('data-total', '10');
  await expect(page.getByTestId('user')).toHaveCount(10);
  await expect(page.getByTestId('page-next')).toHaveCount(0);
  // By part of the name.
  await page.getByTestId('search-query').fill('頁送');
  await page.getByTestId('search-submit').click();
  await expect(page.getByTestId('user')).toHaveCount(1);
  await expect(admin.user(id(123)).getByTestId('user-name')).toHaveText('頁送 花子');
  await page.getByTestId('search-query').fill('no such user');
  await page.getByTestId('search-submit').click();
  await expect(count).toHaveAttribute('data-total', '0');
  await expect(page.getByText('No matching users.')).toBeVisible();

  // The seeded users only, paged: 240 → 5 pages of 50.
  await page.getByTestId('search-query').fill('zz-page-');
  await page.getByTestId('search-submit').click();
  await expect(count).toContainText(`1–50 of ${COUNT} users`);
  await expect(page.getByTestId('page-previous')).toBeDisabled();
  await expect(admin.user(id(0))).toBeVisible();
  await page.getByTestId('page-next').click();
  await expect(count).toContainText(`51–100 of ${COUNT} users`);
  await expect(admin.user(id(50))).toBeVisible();
  await expect(admin.user(id(49))).toHaveCount(0);
  for (let n = 0; n < 3; n++) await page.getByTestId('page-next').click();
  await expect(count).toContainText(`201–${COUNT} of ${COUNT} users`);
  await expect(page.getByTestId('user')).toHaveCount(COUNT - 200);
  await expect(page.getByTestId('page-next')).toBeDisabled();
  await page.getByTestId('page-previous').click();
  await expect(count).toContainText(`151–200 of ${COUNT} users`);
  // An action keeps the page: a token issued to a user on page 4 shows there.
  await admin.issueQr(id(160));
  await expect(admin.status(id(160))).toHaveAttribute('data-status', 'unassigned');
  await expect(count).toContainText(`151–200 of ${COUNT} users`);

  // /bank/: every company's users, one page; the search finds the seeded name and pages too.
  const operator = await OperatorScreen.open(browser);
  const bank = operator.page;
  const bankCount = bank.getByTestId('user-count');
  await expect(bankCount).toHaveAttribute('data-total', /^[0-9]+$/);
  expect(Number(await bankCount.getAttribute('data-total'))).toBeGreaterThanOrEqual(COUNT);
  await expect(bank.getByTestId('user')).toHaveCount(50);
  await bank.getByTestId('search-query').fill('頁送');
  await bank.getByTestId('search-submit').click();
  await expect(bank.locator(`[data-testid="user"][data-user-id="${id(123)}"]`)).toBeVisible();
  await bank.getByTestId('search-query').fill('zz-page-');
  await bank.getByTestId('search-submit').click();
  await expect(bankCount).toContainText(`1–50 of ${COUNT} users`);
  await bank.getByTestId('page-next').click();
  await expect(bankCount).toContainText(`51–100 of ${COUNT} users`);
  await expect(bank.locator(`[data-testid="user"][data-user-id="${id(99)}"]`)).toBeVisible();
  await expect(bank.locator(`[data-testid="user"][data-user-id="${id(160)}"]`)).toHaveCount(0);
});
