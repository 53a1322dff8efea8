// Everyday use of the home screen on the built app: theme override, 200 % text, reduced motion, reordering by
// keyboard and by drag, search past five tokens, the next code in the last seconds, copy
// confirmation, and no code on screen while the app is in the background.
import { expect, test, type Page } from '@playwright/test';
import { digitsOnly, otpauthUri, randomSecret, referenceTotp } from '../reference.ts';
import { enrollByUri } from './app.ts';

test.use({ locale: 'ja-JP' });

const order = (page: Page) => page.getByTestId('issuer').allTextContents();

async function enroll(page: Page, issuers: string[]) {
  const before = await page.getByTestId('token').count();
  for (const issuer of issuers) await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer, label: 'user' }));
  await expect(page.getByTestId('token')).toHaveCount(before + issuers.length);
}

test('dark mode follows the system unless settings choose, and the choice is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const dark = await bg();
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await bg();
  expect(dark).not.toBe(light);

  await page.getByTestId('menu').click();
  await page.getByTestId('settings').click();
  await page.getByTestId('theme-dark').check();
  expect(await bg()).toBe(dark); // system light, user dark
  await page.reload();
  expect(await bg()).toBe(dark);
  await page.getByTestId('theme-system').check();
  expect(await bg()).toBe(light);
  await page.getByTestId('language-en').check();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
});

test('at 200 % text size on a narrow phone nothing needs sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'デモ信用金庫ビジネスバンキング', label: 'yamada.taro@example.co.jp', serial: 'SKTS00509641' }));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Example', label: 'x', extra: '&digits=8' }));
  const overflow = () =>
    page.evaluate(async () => {
      document.documentElement.style.fontSize = '200%';
      await new Promise((r) => requestAnimationFrame(r));
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByTestId('display-mode').evaluate((b: HTMLElement) => b.click());
  expect(await overflow()).toBeLessThanOrEqual(0);
  for (const hash of ['#/add', '#/help', '#/settings']) {
    await page.goto('/' + hash);
    await page.locator('main h2').first().waitFor();
    expect(await overflow(), hash).toBeLessThanOrEqual(0);
  }
});

test('with reduced motion the ring does not animate but still shows the time left', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  await enroll(page, ['Bank']);
  const covers = page.locator('[data-testid=countdown] .cover');
  await expect(covers).toHaveCount(2);
  // Both covers read in one go, and again if a new period remade them right then (a cover between
  // its removal and its styling reads as no style at all).
  const styles = () => covers.evaluateAll((els) => els.map((e) => `${getComputedStyle(e).animationName} ${getComputedStyle(e).transform.split('(')[0]}`));
  await expect.poll(styles).toEqual(['none matrix', 'none matrix']); // resting at the time left
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await expect.poll(async () => (await styles())[0]).toMatch(/sweep /);
});

/**
 * Reads, in one frame between a second's number change and a half-second step, every ring's
 * seconds left and its covers' angles, beside the angles the seconds left call for (what the
 * reduced-motion rest shows: ring-covers.ts stillCovers, repeated here from its rule).
 */
async function ringsAgainstSeconds(page: Page) {
  return page.evaluate(async () => {
    const frame = () => new Promise<number>((r) => requestAnimationFrame(() => r(Date.now() % 1000)));
    while (!((await frame()) >= 150 && Date.now() % 1000 < 400));
    const probe = document.body.appendChild(document.createElement('div'));
    const matrix = (transform: string) => {
      probe.style.transform = transform;
      return new DOMMatrix(getComputedStyle(probe).transform);
    };
    const rings = [...document.querySelectorAll<HTMLElement>('[data-testid=countdown]')].map((ring) => {
      const left = Number(ring.getAttribute('aria-valuenow'));
      const period = Number(ring.getAttribute('aria-valuemax'));
      const elapsed = 360 * (1 - left / period);
      const want = [45 - 180 + Math.min(elapsed, 180), 45 + Math.max(elapsed - 180, 0)].map((deg) => matrix(`rotate(${deg}deg)`));
      const [right, leftCover] = [...ring.querySelectorAll('.cover')].map((c) => new DOMMatrix(getComputedStyle(c).transform));
      const off = Math.max(...[right!, leftCover!].flatMap((m, i) => [m.a - want[i]!.a, m.b - want[i]!.b].map(Math.abs)));
      return { left, period, shown: ring.querySelector('.seconds')?.textContent, off };
    });
    probe.remove();
    return rings;
  });
}

test('the ring steps once a second with its number, on the first paint and in the app', async ({ page }) => {
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Thirty' }));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Seven', extra: '&period=7' })); // odd: half-second steps
  await expect(page.getByTestId('countdown')).toHaveCount(2);
  for (const where of ['app', 'first paint']) {
    if (where === 'first paint') await page.reload();
    // Eight seconds: the 7 s ring passes through both halves and a new period.
    for (let i = 0; i < 8; i++) {
      // On a loaded machine a frame can land late, between the number's change and the covers' step:
      // read again (a ring out of step for the period stays out on every read of it).
      let rings = await ringsAgainstSeconds(page);
      for (let read = 1; read < 3 && rings.some((r) => r.off >= 0.01 || r.shown !== String(r.left)); read++) rings = await ringsAgainstSeconds(page);
      for (const ring of rings) {
        expect(ring.shown, where).toBe(String(ring.left));
        expect(ring.off, `${where}: ${ring.period} s ring, ${ring.left} s left`).toBeLessThan(0.01);
      }
      await page.waitForTimeout(600);
    }
  }
});

test('tokens reorder by keyboard; the order is stored', async ({ page }) => {
  await page.goto('/');
  await enroll(page, ['A銀行', 'B銀行', 'C銀行']);
  const handle = page.getByTestId('token').nth(0).getByTestId('reorder-handle');
  await handle.focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => order(page)).toEqual(['B銀行', 'A銀行', 'C銀行']);
  // Focus stays with the moved card, so it can keep going.
  await expect(page.getByTestId('token').nth(1).getByTestId('reorder-handle')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => order(page)).toEqual(['B銀行', 'C銀行', 'A銀行']);
  await expect(page.getByRole('status').filter({ hasText: '3件中3番目' })).toHaveCount(1); // announced
  await page.keyboard.press('Home');
  await expect.poll(() => order(page)).toEqual(['A銀行', 'B銀行', 'C銀行']);
  await expect(page.getByTestId('token').nth(0).getByTestId('reorder-handle')).toBeFocused();
  await page.keyboard.press('End');
  await expect.poll(() => order(page)).toEqual(['B銀行', 'C銀行', 'A銀行']);
  await page.reload();
  await expect.poll(() => order(page)).toEqual(['B銀行', 'C銀行', 'A銀行']);
});

test('tokens reorder by dragging the grip', async ({ page }) => {
  await page.goto('/');
  await enroll(page, ['A銀行', 'B銀行', 'C銀行']);
  const grip = (await page.getByTestId('token').nth(0).getByTestId('reorder-handle').boundingBox())!;
  const last = (await page.getByTestId('token').nth(2).boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2, last.y + last.height - 5, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => order(page)).toEqual(['B銀行', 'C銀行', 'A銀行']);
  await page.reload();
  await expect.poll(() => order(page)).toEqual(['B銀行', 'C銀行', 'A銀行']);
});

test('search appears past five tokens and matches issuer, label or serial', async ({ page }) => {
  await page.goto('/');
  await enroll(page, ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
  await expect(page.getByTestId('token-search')).toHaveCount(0);
  await enroll(page, ['デモ信用金庫']);
  const search = page.getByTestId('token-search');
  await search.fill('ｄｅｌｔａ'); // full-width letters, as a Japanese keyboard may type them
  await expect.poll(() => order(page)).toEqual(['Delta']);
  await search.fill('信用');
  await expect.poll(() => order(page)).toEqual(['デモ信用金庫']);
  await expect(page.getByTestId('reorder-handle')).toHaveCount(0); // no reordering a filtered list
  await search.fill('zzz');
  await expect(page.getByTestId('token')).toHaveCount(0);
  await expect(page.getByText('一致するトークンはありません。')).toBeVisible();
  await search.fill('');
  await expect(page.getByTestId('token')).toHaveCount(6);
});

test('the next code shows small in the last five seconds only, and equals the reference', async ({ page }) => {
  const T0 = Date.UTC(2026, 0, 15, 3, 0, 20); // 10 s left in the step
  await page.clock.install({ time: T0 });
  await page.goto('/');
  const secret = randomSecret();
  await enrollByUri(page, otpauthUri({ secret }));
  const card = page.getByTestId('token');
  await expect(card.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
  await expect(card.getByTestId('next-code')).toHaveCount(0);
  const now = await page.evaluate(() => Date.now());
  const boundary = Math.ceil(now / 30000) * 30000;
  await page.clock.runFor(boundary - now - 4500); // 5 s left
  await expect(card.getByTestId('countdown')).toHaveAttribute('aria-valuenow', '5');
  await expect.poll(async () => digitsOnly(await card.getByTestId('next-code').locator('[aria-hidden=true]').textContent())).toBe(referenceTotp(secret, boundary));
  await page.clock.runFor(5000);
  await expect.poll(async () => digitsOnly(await card.getByTestId('code').textContent())).toBe(referenceTotp(secret, boundary));
  await expect(card.getByTestId('next-code')).toHaveCount(0);
});

test('copying a code confirms it on screen and by vibration', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.addInitScript(() => {
    (window as unknown as { vibrations: unknown[] }).vibrations = [];
    navigator.vibrate = (p) => ((window as unknown as { vibrations: unknown[] }).vibrations.push(p), true);
  });
  await page.goto('/');
  await enroll(page, ['Bank']);
  const code = page.getByTestId('code');
  await expect(code).toHaveText(/^\d{3} \d{3}$/);
  await code.click();
  await expect(page.getByTestId('token').getByRole('status').filter({ hasText: 'コピーしました' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(digitsOnly(await code.textContent()));
  expect(await page.evaluate(() => (window as unknown as { vibrations: unknown[] }).vibrations)).toEqual([30]);
});

test('no code is on screen while the app is in the background', async ({ page }) => {
  await page.goto('/');
  await enroll(page, ['Bank']);
  const code = page.getByTestId('code');
  await expect(code).toBeVisible();
  const setHidden = (hidden: boolean) =>
    page.evaluate((hidden) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect(code).toBeHidden();
  await setHidden(false);
  await expect(code).toBeVisible();
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
  await expect(code).toBeHidden();
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pageshow')));
  await expect(code).toBeVisible();
});
