#!/usr/bin/env node
// Renders public/icons/icon.svg to the PNG icons the manifest and iOS need (run after editing it).
// Maskable: the artwork inside the 80 % safe zone on a full-bleed background.
import fs from 'node:fs';
import { chromium } from 'playwright';
import { chromiumPath, chromiumArgs } from './chromium-path.mjs';

const svg = fs.readFileSync('public/icons/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage();
async function render(file, size, { maskable = false } = {}) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.8) : size;
  const art = svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `).replace(maskable ? 'rx="96"' : '#', maskable ? 'rx="0"' : '#');
  await page.setContent(`<body style="margin:0;display:grid;place-items:center;width:${size}px;height:${size}px;background:${maskable ? '#0b5cab' : 'transparent'}">${art}</body>`);
  await page.screenshot({ path: `public/icons/${file}`, omitBackground: !maskable });
}
await render('icon-192.png', 192);
await render('icon-512.png', 512);
await render('maskable-512.png', 512, { maskable: true });
await render('apple-touch-icon.png', 180, { maskable: true });
await browser.close();
