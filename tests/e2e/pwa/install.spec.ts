// "Add to Home Screen": the iOS Safari guide in a tab (not once standalone), and the install
// button behind a `beforeinstallprompt` event (synthetic here, as Chromium fires it only for
// engaged, installable sites).
import { expect, test, type Page } from '@playwright/test';
import { otpauthUri, randomSecret } from '../reference.ts';
import { enrollByUri } from './app.ts';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

test.use({ locale: 'ja-JP' });

test.describe('iOS Safari', () => {
  test.use({ userAgent: IPHONE_SAFARI, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('in a tab, the guide shows before the first enrollment and stays reachable from the menu', async ({ page }) => {
    await page.goto('/');
    const guide = page.getByTestId('install-guide');
    await expect(guide).toBeVisible();
    await expect(guide).toContainText('ホーム画面に追加');
    await expect(guide.getByRole('img')).toHaveCount(3); // one picture per step
    await expect(guide.getByRole('listitem')).toHaveCount(3);
    // Drawn as SVG (the shapes in the SVG namespace, styled by the guide), the words in the reader's language.
    const shape = guide.locator('svg rect').first();
    expect(await shape.evaluate((e) => e instanceof SVGRectElement && getComputedStyle(e).fill !== 'rgb(0, 0, 0)')).toBe(true);
    await expect(guide.locator('svg text').first()).toHaveText('共有');
    await expect(page.getByTestId('install-button')).toHaveCount(0);

    await enrollByUri(page, otpauthUri({ secret: randomSecret() }));
    await expect(page.getByTestId('token')).toHaveCount(1);
    await expect(guide).toHaveCount(0); // no nag once a token is in use

    await page.getByTestId('menu').click();
    await page.getByTestId('menu-install').click();
    await expect(page.getByTestId('help-screen')).toBeVisible();
    await expect(page.getByTestId('install-guide')).toBeVisible();
  });

  test('"later" puts the guide away; the menu still has it', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'あとで' }).click();
    await expect(page.getByTestId('install-guide')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('add-token')).toBeVisible();
    await expect(page.getByTestId('install-guide')).toHaveCount(0);
    await page.getByTestId('menu').click();
    await expect(page.getByTestId('menu-install')).toBeVisible();
  });

  test('in standalone display mode (opened from the Home Screen) there is no guide', async ({ page }) => {
    // iOS Safari reports a Home Screen web app through navigator.standalone.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
    await page.goto('/');
    await expect(page.getByTestId('add-token')).toBeVisible();
    await expect(page.getByTestId('install-guide')).toHaveCount(0);
    await page.getByTestId('menu').click();
    await expect(page.getByTestId('help')).toBeVisible();
    await expect(page.getByTestId('menu-install')).toHaveCount(0);
    await page.getByTestId('help').click();
    await expect(page.getByTestId('help-screen')).toBeVisible();
    await expect(page.getByTestId('install-guide')).toHaveCount(0);
  });
});

/** A beforeinstallprompt event as Chromium fires it, recording what the app does with it. */
async function firePrompt(page: Page, outcome: 'accepted' | 'dismissed') {
  await page.evaluate((outcome) => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as Event & Record<string, unknown>;
    const log: string[] = [];
    (window as unknown as { installLog: string[] }).installLog = log;
    event.prompt = async () => void log.push('prompt');
    event.userChoice = Promise.resolve({ outcome, platform: 'web' });
    dispatchEvent(event);
    log.push(event.defaultPrevented ? 'deferred' : 'browser-banner');
  }, outcome);
}

test('beforeinstallprompt shows the install button, which opens the browser prompt', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('add-token')).toBeVisible();
  await expect(page.getByTestId('install-button')).toHaveCount(0);
  await expect(page.getByTestId('install-guide')).toHaveCount(0); // not iOS

  await firePrompt(page, 'accepted');
  const button = page.getByTestId('install-button');
  await expect(button).toBeVisible();
  await button.click();
  expect(await page.evaluate(() => (window as unknown as { installLog: string[] }).installLog)).toEqual(['deferred', 'prompt']);
  await expect(button).toHaveCount(0); // installed: no more offers
  await page.getByTestId('menu').click();
  await expect(page.getByTestId('menu-install')).toHaveCount(0);
});

test('the install offer can be put off, and the menu still installs', async ({ page }) => {
  await page.goto('/');
  await firePrompt(page, 'dismissed');
  await page.getByRole('button', { name: 'あとで' }).click();
  await expect(page.getByTestId('install-button')).toHaveCount(0);
  await page.getByTestId('menu').click();
  await page.getByTestId('menu-install').click();
  expect(await page.evaluate(() => (window as unknown as { installLog: string[] }).installLog)).toEqual(['deferred', 'prompt']);
});
