// A new version while the app is open: it waits for the user (no silent reload), the tab that
// updates reloads, and another tab never keeps running old code under the new worker: on the home
// screen it reloads at once, in the middle of enrollment it asks first.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

let root: string;
let server: http.Server;
let origin: string;

test.beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-update-'));
  fs.cpSync('dist', root, { recursive: true });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.webmanifest': 'application/manifest+json', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };
  server = http.createServer((req, res) => {
    let file = path.join(root, new URL(req.url ?? '/', 'http://x').pathname);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

async function controlled(page: Page) {
  await page.goto(origin + '/');
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    while (reg.active?.state !== 'activated') await new Promise((r) => setTimeout(r, 50));
  });
  await page.reload(); // now controlled by the worker
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** Publishes "a new version": a changed service worker script. */
function deployNewVersion() {
  fs.appendFileSync(path.join(root, 'sw.js'), `\n// version ${Date.now()}\n`);
}

test('an update waits for the user; other tabs reload when safe and ask when busy', async ({ context }) => {
  const home = await context.newPage();
  const busy = await context.newPage();
  const updater = await context.newPage();
  await controlled(home);
  await controlled(busy);
  await controlled(updater);
  await busy.getByTestId('add-token').click();
  await busy.getByTestId('uri-input').fill('otpauth://totp/Half:typed?secret=');

  deployNewVersion();
  for (const p of [home, busy, updater]) await p.evaluate(async () => (await navigator.serviceWorker.ready).update());
  await expect(updater.getByTestId('update-prompt')).toBeVisible({ timeout: 20_000 });
  // Nothing reloaded by itself: the half-typed URI is still there.
  await expect(busy.getByTestId('uri-input')).toHaveValue('otpauth://totp/Half:typed?secret=');

  const homeReloaded = home.waitForEvent('load');
  const updaterReloaded = updater.waitForEvent('load');
  await updater.getByTestId('update-now').click();
  await updaterReloaded;
  await homeReloaded; // the home screen had nothing to lose
  // The busy tab keeps its place and asks; back home, it reloads onto the new version.
  await expect(busy.getByTestId('reload-prompt')).toBeVisible();
  await expect(busy.getByTestId('uri-input')).toHaveValue('otpauth://totp/Half:typed?secret=');
  const busyReloaded = busy.waitForEvent('load');
  await busy.goBack();
  await busyReloaded;
  await expect(busy.getByTestId('reload-prompt')).toHaveCount(0);
});
