#!/usr/bin/env node
// README pictures from the built app (dist/) in Chromium: home in code and serial mode, light
// and dark, enrollment, help and the iOS install guide. Fixed clock and demo tokens, so the same
// build gives the same pictures. Usage: npm run build && npm run screenshots [-- outDir]
// (DIST=folder to photograph another build).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright';
import { chromiumPath, chromiumArgs } from './chromium-path.mjs';

const out = process.argv[2] || 'docs/screenshots';
const port = 4190;
const base = `http://127.0.0.1:${port}`;
const dist = process.env.DIST || 'dist';
if (!fs.existsSync(`${dist}/index.html`)) {
  console.error('No dist/: run `npm run build` first.');
  process.exit(1);
}
spawnSync('bash', ['scripts/ensure-cjk-font.sh'], { stdio: 'inherit' });
fs.mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, ['scripts/serve-static.mjs', dist, String(port)], { stdio: 'ignore' });
const NOW = Date.UTC(2026, 3, 1, 0, 0, 12); // 18 s left in the step: the ring is part-way round
// Demo tokens: fixed test secrets (not real accounts), in the bank's serial style.
const TOKENS = [
  'otpauth://totp/%E3%83%87%E3%83%A2%E4%BF%A1%E7%94%A8%E9%87%91%E5%BA%AB:%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E3%83%87%E3%83%A2%E4%BF%A1%E7%94%A8%E9%87%91%E5%BA%AB&serial=SKTS00509641',
  'otpauth://totp/Example%20Bank:accounting?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Bank&serial=SKTS00731208',
];

try {
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const shoot = async (name, { colorScheme = 'light', userAgent, fullPage = false, setup }) => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 760 },
      deviceScaleFactor: 2,
      locale: 'ja-JP',
      colorScheme,
      userAgent,
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.clock.install({ time: NOW });
    await page.clock.pauseAt(NOW + 1000);
    // The origin's clock agrees with the page's fixed one, so no clock warning is pictured.
    await page.route('**/?clock-check=*', (route) => route.fulfill({ headers: { date: new Date(NOW + 1000).toUTCString() } }));
    await page.goto(base + '/');
    await setup(page);
    // Fonts and the ring's CSS settle before the picture.
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage });
    console.log(`${out}/${name}.png`);
    await context.close();
  };
  const enroll = async (page) => {
    for (const uri of TOKENS) {
      await page.getByTestId('add-token').click();
      await page.getByTestId('uri-input').fill(uri);
      await page.getByTestId('uri-submit').click();
      await page.getByTestId('enroll-confirm').click();
      await page.getByTestId('uri-input').waitFor({ state: 'hidden' });
    }
    await page.getByTestId('code').nth(TOKENS.length - 1).filter({ hasText: /\d{3} \d{3}/ }).waitFor();
  };
  const serialMode = async (page) => {
    await enroll(page);
    await page.getByTestId('menu').click();
    await page.getByTestId('display-mode').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('serial').first().waitFor();
  };
  for (const colorScheme of ['light', 'dark']) {
    await shoot(`home-code-${colorScheme}`, { colorScheme, setup: enroll });
    await shoot(`home-serial-${colorScheme}`, { colorScheme, setup: serialMode });
  }
  await shoot('enroll', { setup: (page) => page.getByTestId('add-token').click().then(() => page.getByTestId('uri-input').waitFor()) });
  await shoot('help', {
    fullPage: true,
    setup: async (page) => {
      await page.getByTestId('menu').click();
      await page.getByTestId('help').click();
      await page.getByTestId('bank-contact').waitFor();
    },
  });
  await shoot('install-guide-ios', {
    fullPage: true,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
    setup: (page) => page.getByTestId('install-guide').waitFor(),
  });
  await browser.close();
} finally {
  server.kill();
}
