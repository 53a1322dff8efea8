/**
 * What the home screen really downloads, per browser language: every script and style sheet the
 * page requests until the first code is painted and for a second after (so a late import counts),
 * with each file's gzip and brotli size, and which of them hold Japanese text (an English reader
 * should get none: every catalogue chunk is one language). Then what the first tap adds: the
 * Svelte app, which the home screen loads only when the user reaches for something.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright';
import { measure, type FileBytes } from './bytes.ts';
import { enroll } from './page-timing.ts';

export interface LoadedBytes {
  locale: string;
  files: (FileBytes & { afterFirstCode: boolean })[];
  total: { gzip: number; brotli: number };
  /** The files fetched before the first code was painted. */
  beforeFirstCode: { gzip: number; brotli: number };
  /** What a first tap adds (the Svelte app: menus, actions, the other screens' shell), file by file. */
  onTap: FileBytes[];
  /** Loaded files with Japanese strings (kana) in them. */
  japanese: string[];
}

const KANA = /[\u3040-\u30ff]/g;

/**
 * The files the home screen with one token fetches, from the network (service worker blocked, HTTP
 * cache off), in a browser whose language is `locale`.
 */
export async function homeScreenLoads(browser: Browser, dir: string, origin: string, locale: string): Promise<LoadedBytes> {
  const context = await browser.newContext({ locale, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await enroll(page, 0, 1);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(`${origin}/`);
  await page.getByTestId('code').first().waitFor();
  await page.waitForTimeout(1000);
  const loads = await page.evaluate(() => ({
    mark: performance.getEntriesByName('first-code')[0]?.startTime ?? Infinity,
    entries: performance.getEntriesByType('resource').map((e) => ({ url: e.name, start: e.startTime })),
  }));
  // A first touch anywhere loads the app (its ≡ menu's items are its own): what that adds.
  const seen = loads.entries.length;
  await page.dispatchEvent('body', 'pointerdown');
  await page.dispatchEvent('body', 'pointerup');
  await page.locator('#main-menu').waitFor({ state: 'attached' });
  await page.waitForTimeout(500);
  const tapped = await page.evaluate((from) => performance.getEntriesByType('resource').slice(from).map((e) => e.name), seen);
  await context.close();
  const urls = new Set<string>();
  const late = new Set<string>();
  for (const e of loads.entries) {
    const u = new URL(e.url);
    if (u.origin !== origin || !/\.(m?js|css)$/.test(u.pathname)) continue;
    urls.add(u.pathname.slice(1));
    if (e.start > loads.mark) late.add(u.pathname.slice(1));
  }
  const files = [...urls].sort().map((f) => ({ ...measure(dir, f), afterFirstCode: late.has(f) }));
  const onTap = [...new Set(tapped.map((u) => new URL(u)).filter((u) => u.origin === origin && /\.(m?js|css)$/.test(u.pathname)).map((u) => u.pathname.slice(1)))]
    .filter((f) => !urls.has(f))
    .sort()
    .map((f) => measure(dir, f));
  const early = files.filter((f) => !f.afterFirstCode);
  const japanese = [...urls].filter((f) => (fs.readFileSync(path.join(dir, f), 'utf8').match(KANA)?.length ?? 0) >= 20);
  return {
    locale,
    files,
    total: { gzip: files.reduce((s, f) => s + f.gzip, 0), brotli: files.reduce((s, f) => s + f.brotli, 0) },
    beforeFirstCode: { gzip: early.reduce((s, f) => s + f.gzip, 0), brotli: early.reduce((s, f) => s + f.brotli, 0) },
    onTap,
    japanese,
  };
}
