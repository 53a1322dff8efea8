// The home screen before the app: on a reload the codes come from the plain first paint, the
// Svelte app loads only once something needs it, and its takeover changes nothing on screen.
import { expect, test, type Page } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceHotp, referenceTotp } from '../reference.ts';
import { enrollByUri } from './app.ts';

// The page's clock stays near the real one: a device clock off from the origin's is a warning,
// which the app shows (so it would load at once).
const soon = () => Math.ceil((Date.now() + 2000) / 1000) * 1000;
const APP_CHUNK = /\/assets\/start-app-[^/]*\.js$/;

/** Every hooked element of the page in order: its hook, its text and its box. */
async function screen(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('header [data-testid], main [data-testid]'))
      .filter((e) => e.checkVisibility())
      .map((e) => {
        const r = e.getBoundingClientRect();
        return `${e.dataset.testid} ${e.getAttribute('aria-valuenow') ?? ''} "${e.innerText.trim()}" ${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)}×${Math.round(r.height)}`;
      }),
  );
}

async function setUp(page: Page, { worker = true } = {}) {
  await page.clock.install();
  await page.goto('/');
  const totp = randomSecret();
  const hotp = randomSecret();
  await enrollByUri(page, otpauthUri({ secret: totp, issuer: 'A銀行', serial: 'SKTS00000001' }));
  await enrollByUri(page, otpauthUri({ secret: hotp, issuer: 'B銀行', extra: '&counter=7' }).replace('otpauth://totp/', 'otpauth://hotp/'));
  await expect(page.getByTestId('token')).toHaveCount(2);
  // The worker installed: its "ready to work offline" is the app's to say, so it would load the app.
  if (worker) await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  return { totp, hotp };
}

test('a reload paints the right codes without the app, which loads only when the user reaches for something', async ({ page }) => {
  const { totp, hotp } = await setUp(page);
  const appLoads: string[] = [];
  page.on('request', (r) => APP_CHUNK.test(r.url()) && appLoads.push(r.url()));
  const at = soon();
  await page.clock.pauseAt(at);
  await page.reload();
  const cards = page.getByTestId('token');
  await expect.poll(async () => digitsOnly(await cards.nth(0).getByTestId('code').textContent())).toBe(referenceTotp(totp, at));
  expect(digitsOnly(await cards.nth(1).getByTestId('code').textContent())).toBe(referenceHotp(hotp, 7));
  await expect(cards.nth(0).getByTestId('countdown')).toHaveAttribute('aria-valuenow', String(30 - ((at / 1000) % 30)));
  await expect(cards.nth(0).getByTestId('serial')).toHaveText(/SKTS00000001/);
  await page.waitForTimeout(500);
  expect(appLoads).toEqual([]); // the home screen alone is the first paint
  await expect(page.locator('#main-menu')).toHaveCount(0);

  // The menu works at the first tap: the app loads and takes the tap.
  await page.getByTestId('menu').click();
  await expect(page.getByTestId('display-mode')).toBeVisible();
  expect(appLoads).toHaveLength(1);
});

test('the page opens the vault once, as its head is parsed, and the first paint and the app use that connection', async ({ page }) => {
  await setUp(page);
  // Every open of the database, by the script that made it (none: a module or a callback).
  await page.addInitScript(() => {
    const opens: string[] = [];
    (window as unknown as { __opens: string[] }).__opens = opens;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      opens.push(`${args[0]} ${(document.currentScript as HTMLScriptElement | null)?.src ?? 'none'}`);
      return open.apply(this, args);
    };
  });
  await page.clock.pauseAt(soon());
  await page.reload();
  await expect(page.getByTestId('code').first()).toHaveText(/^\d{3} \d{3}$/);
  // The app takes over (at the menu) and opens the full vault, with the serial view as a sign it is in.
  await page.getByTestId('menu').click();
  await page.getByTestId('display-mode').click();
  await expect(page.getByTestId('serial').first()).toBeVisible();
  const origin = new URL(page.url()).origin;
  expect(await page.evaluate(() => (window as unknown as { __opens: string[] }).__opens)).toEqual([`soft-token ${origin}/browser-check.js`]);
});

test('the app takes over from the first paint without a visible change', async ({ page }) => {
  await setUp(page);
  await page.clock.pauseAt(soon());
  await page.reload();
  await expect(page.getByTestId('code').first()).toHaveText(/^\d{3} \d{3}$/);
  await expect(page.locator('#main-menu')).toHaveCount(0); // still the first paint
  // Its frames pass (the paused clock holds animation frames back): the cards' grip and ⋯ come once
  // the first frame is drawn. Still within the second the clock was paused at.
  await page.clock.runFor(100);
  await expect(page.getByTestId('token-actions')).toHaveCount(2);
  const painted = await screen(page);
  expect(painted.length).toBeGreaterThan(8);
  // A touch on no control wakes the app; nothing on screen changes.
  await page.evaluate(() => {
    for (const type of ['pointerdown', 'pointerup']) document.body.dispatchEvent(new PointerEvent(type, { bubbles: true }));
  });
  await expect(page.locator('#main-menu')).toHaveCount(1);
  expect(await screen(page)).toEqual(painted);
});

test.describe('from the network', () => {
  // The chunk is held on its way from the server (a worker would answer from its cache).
  test.use({ serviceWorkers: 'block' });
  test('a tap made while the app is still loading is carried out once it is in', async ({ page }) => {
  await setUp(page, { worker: false });
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(APP_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByTestId('code').first()).toHaveText(/^\d{3} \d{3}$/);
  await page.getByTestId('token').nth(1).getByTestId('token-actions').click();
  await expect(page.locator('#main-menu')).toHaveCount(0); // still the first paint
  release();
  await expect(page.getByTestId('token').nth(1).getByTestId('rename')).toBeVisible();
  await expect(page.getByTestId('token').nth(0).getByTestId('rename')).toBeHidden();
  });
});

test('an empty vault skips the first paint: the app starts at once', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.locator('#main-menu')).toHaveCount(1);
});
