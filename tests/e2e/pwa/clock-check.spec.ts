// The clock check: the page clock against the origin's `Date` header (set by routing, and once
// the static server's own), a missing or cached header, offline, and a clock set back.
import { expect, test, type Page } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri } from './app.ts';

test.use({ locale: 'ja-JP' });

const T = Date.UTC(2026, 0, 15, 3, 0, 0);
const DEVICE = T + 1500; // the page clock, paused; the header's whole second is taken as +500 ms

/** Answers the clock check with a Date header `headerAt`, and counts the answers. */
async function originClock(page: Page, headerAt: number): Promise<() => number> {
  let answered = 0;
  await page.route('**/?clock-check=*', async (route) => {
    answered++;
    await route.fulfill({ status: 200, headers: { date: new Date(headerAt).toUTCString() } });
  });
  return () => answered;
}

async function openAt(page: Page) {
  await page.clock.install({ time: T });
  await page.clock.pauseAt(DEVICE);
  await page.goto('/');
}

test('a Date header 60 s ahead of the page clock warns with the offset', async ({ page }) => {
  await originClock(page, T + 61_000);
  await openAt(page);
  const warning = page.getByTestId('clock-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('role', 'status'); // a warning, not a refusal: refusals own role="alert"
  await expect(warning).toContainText('60 秒遅れています');
  await page.getByTestId('menu').click();
  await page.getByTestId('language').click();
  await expect(warning).toContainText('60 seconds slow');
});

test('a Date header 60 s behind the page clock says the clock is fast', async ({ page }) => {
  await originClock(page, T + 1000 - 60_000);
  await openAt(page);
  await expect(page.getByTestId('clock-warning')).toContainText('60 秒進んでいます');
});

test('5 s off says nothing; 16 s does', async ({ page }) => {
  const answered = await originClock(page, T + 6_000);
  await openAt(page);
  await expect.poll(answered).toBe(1);
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);

  await page.unroute('**/?clock-check=*');
  await originClock(page, T + 17_000);
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await expect(page.getByTestId('clock-warning')).toContainText('16 秒遅れています');
});

test("the static server's own Date header is what the check reads", async ({ page }) => {
  // No routing: the page clock is set 90 s behind this machine's, which serves the app.
  await page.clock.install({ time: Date.now() - 90_000 });
  await page.goto('/');
  const skew = (await page.evaluate(() => Date.now())) - Date.now();
  const warning = page.getByTestId('clock-warning');
  await expect(warning).toBeVisible();
  const shown = Number((await warning.textContent())?.match(/(\d+) 秒遅れて/)?.[1]);
  expect(Math.abs(shown - Math.round(-skew / 1000))).toBeLessThanOrEqual(1);
});

test('an answer without a Date header, or a cached one (Age), says nothing', async ({ page }) => {
  await page.clock.install({ time: Date.now() - 120_000 });
  let answered = 0;
  await page.route('**/?clock-check=*', async (route) => {
    answered++;
    const headers: Record<string, string> =
      answered === 1 ? {} : { date: new Date().toUTCString(), age: '300' };
    await route.fulfill({ status: 200, headers });
  });
  await page.goto('/');
  await expect.poll(() => answered).toBe(1);
  // Coming online again asks once more: this time a cache's answer.
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await expect.poll(() => answered).toBe(2);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);
});

test('offline, no request is made and nothing is said', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('add-token')).toBeVisible();
  // A service worker would serve the reload offline; wait for it, as the offline token test does.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  await context.setOffline(true);
  const asked: string[] = [];
  page.on('request', (r) => r.url().includes('clock-check') && asked.push(r.url()));
  await page.clock.install({ time: Date.now() - 120_000 });
  await page.reload();
  await expect(page.getByTestId('add-token')).toBeVisible();
  await page.waitForTimeout(500);
  expect(asked).toEqual([]);
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);
  await context.setOffline(false);
});

test('a clock set back since the last code shown warns, offline too', async ({ page, context }) => {
  const start = Date.now();
  await page.clock.install({ time: start });
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), serial: 'SKTS00000001' }));
  await expect(page.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
  await page.clock.runFor(2_000); // a code shown at start + 2 s is remembered
  await expect(page.getByTestId('clock-warning')).toHaveCount(0);

  // No network, then the phone's clock is set back 10 minutes: the next tick notices.
  await context.setOffline(true);
  await page.clock.setSystemTime(start - 600_000);
  const warning = page.getByTestId('clock-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/(59\d|60\d) 秒戻っています/);
  await context.setOffline(false);
});
