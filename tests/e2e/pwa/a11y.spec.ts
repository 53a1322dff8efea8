// axe-core on every screen: home (code and serial mode, light and dark), enrollment, help,
// settings, with zero violations; plus what axe cannot see: digits read one by one, the ring's
// text, keyboard-only use and a visible focus ring.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri } from './app.ts';

test.use({ locale: 'ja-JP' });

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(result.passes.length).toBeGreaterThan(10); // axe really looked at the page
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function withTokens(page: Page) {
  await page.goto('/');
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'デモ信用金庫', label: '山田太郎', serial: 'SKTS00509641' }));
  await enrollByUri(page, otpauthUri({ secret: randomSecret(), issuer: 'Example', label: 'alice@example.com' }));
  await expect(page.getByTestId('token')).toHaveCount(2);
  await expect(page.getByTestId('code').first()).toHaveText(/^\d{3} \d{3}$/);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`home in code and serial mode, ${colorScheme}: no axe violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await withTokens(page);
    // The last seconds show the next code too: check that state as well.
    await page.clock.install();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('menu').click();
    expect(await violations(page)).toEqual([]); // the open menu
    await page.getByTestId('display-mode').click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('serial').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('home in its last five seconds (next code shown): no axe violations', async ({ page }) => {
  await withTokens(page);
  // Date.now() held 4 s before a step ends while timers keep running (axe needs them): the app's
  // next tick shows the next code, and it stays for as long as axe takes.
  await page.clock.setFixedTime(Date.UTC(2026, 0, 15, 3, 0, 26));
  await expect(page.getByTestId('next-code').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await expect(page.getByTestId('next-code').first()).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`empty home, enrollment, help and settings, ${colorScheme}: no axe violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page.getByTestId('empty-state')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('add-token').click();
    await expect(page.getByTestId('uri-input')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.getByTestId('uri-input').fill('otpauth://totp/x?secret=!!!');
    await page.getByTestId('uri-submit').click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    expect(await violations(page)).toEqual([]); // with a refusal shown
    await page.goto('/#/help');
    await expect(page.getByTestId('bank-contact')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.goto('/#/settings');
    await expect(page.getByTestId('theme-system')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });
}

test('the code is read digit by digit and the ring has a text alternative', async ({ page }) => {
  await withTokens(page);
  const card = page.getByTestId('token').first();
  const code = (await card.getByTestId('code').textContent())!.replace(/\D/g, '');
  const name = await card.getByTestId('code').getAttribute('aria-label');
  expect(name).toContain(code.split('').join(' '));
  const ring = card.getByTestId('countdown');
  await expect(ring).toHaveAttribute('aria-valuetext', /^残り\d+秒$/);
  await expect(ring).toHaveAccessibleName(/^残り\d+秒$/);
});

test('everything works by keyboard, with a visible focus ring', async ({ page }) => {
  await withTokens(page);
  // Menu → display mode → help, by keyboard only.
  await page.goto('/');
  await tabTo(page, 'menu');
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('display-mode')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('display-mode')).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('serial').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('code').first()).toBeVisible();
  await tabTo(page, 'help');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('help-screen')).toBeVisible();

  // Settings by keyboard: the theme radio group.
  await page.goto('/#/settings');
  await tabTo(page, 'theme-system');
  await expectFocusRing(page);
  for (const theme of ['theme-light', 'theme-dark']) {
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId(theme)).toBeChecked();
  }
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

  // Copy and per-card actions are buttons reached by Tab.
  await page.goto('/');
  await tabTo(page, 'code');
  await expectFocusRing(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('reorder-handle').first()).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('token-actions').first()).toBeFocused();
});

/** Tab (as a keyboard user would) until the first element with this test id has focus. */
async function tabTo(page: Page, testId: string) {
  const target = page.getByTestId(testId).first();
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((e) => e === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function expectFocusRing(page: Page) {
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}
