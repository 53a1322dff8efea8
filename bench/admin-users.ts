/**
 * The bank's screens with a company of 5,000 users: first paint of the user list on /admin/ (the
 * administrator's, one company) and /bank/ (the operator's list), each a page of 50 that the service
 * searches and counts, in Chromium against the real service, beside the same screens with 10 users
 * in the same run (the ratio is the figure that travels between machines). "Painted" is the frame after the first `user` row is in the DOM.
 * Run alone: `npx tsx bench/admin-users.ts` (options `--users=N --runs=N`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { build } from 'vite';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { migrate, openPglite } from '../server/db.ts';
import { root } from './builds.ts';
import { BENCH_ACCOUNTS, signIn, startService, type BenchService } from './service.ts';
import { spread } from './stats.ts';
import { arg, isMain, printFigures } from './cli.ts';

/** Marks `users-painted` on the frame after the first user row appears. */
const MARK_FIRST_ROW = `
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="user"]')) return;
    observer.disconnect();
    requestAnimationFrame(() => performance.mark('users-painted'));
  }).observe(document, { childList: true, subtree: true });
`;

async function seedUsers(dataDir: string, count: number): Promise<void> {
  const db = await openPglite(dataDir);
  await migrate(db, Date.now());
  await db.query(
    `INSERT INTO companies (company_id, name, usage_mode, shared_serial, pin_hash) VALUES ('demo', 'Bench Co.', 'per-user', NULL, 'x')
     ON CONFLICT (company_id) DO NOTHING`,
  );
  const ids = Array.from({ length: count }, (_, i) => `user${String(i).padStart(5, '0')}`);
  await db.query(
    `INSERT INTO users (company_id, user_id, serial, stopped, created_at, display_name)
     SELECT 'demo', id, NULL, false, $2, 'Bench User ' || id FROM unnest($1::text[]) AS v(id)`,
    [ids, Date.now()],
  );
  await db.close();
}

async function firstPaint(browser: Browser, service: BenchService, role: 'admin' | 'operator', runs: number): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(MARK_FIRST_ROW);
  const { cookie } = await signIn(service.port, role);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: service.origin }]);
  const page = await context.newPage();
  const url = `${service.origin}/${role === 'admin' ? 'admin' : 'bank'}/`;
  const ms: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('users-painted').length > 0, null, { timeout: 60_000 });
    const t = await page.evaluate(() => performance.getEntriesByName('users-painted')[0]!.startTime);
    if (run > 0) ms.push(t); // the first load warms the cache
  }
  await context.close();
  return ms;
}

export async function benchAdminUsers(o: { print?: boolean; users?: number; runs?: number } = {}): Promise<Record<string, number | boolean>> {
  const users = o.users ?? 5000;
  const runs = o.runs ?? 5;
  const log = (s: string) => o.print !== false && console.log(s);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-admin-bench-'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await build({ configFile: path.join(root, 'vite.admin.config.ts'), logLevel: 'warn', build: { outDir: path.join(tmp, 'dist-admin'), emptyOutDir: true } });
    fs.mkdirSync(path.join(tmp, 'dist'));
    const measure = async (count: number) => {
      const service = await startService({ masterKey: randomBytes(32), cwd: tmp, seed: (dir) => seedUsers(dir, count) });
      try {
        return { admin: spread(await firstPaint(browser, service, 'admin', runs)), bank: spread(await firstPaint(browser, service, 'operator', runs)) };
      } finally {
        await service.stop();
      }
    };
    const small = await measure(10);
    const large = await measure(users);
    const figures = {
      [`/admin/ ${users} users: first paint ms`]: Math.round(large.admin.median),
      '/admin/ 10 users: first paint ms': Math.round(small.admin.median),
      [`/admin/ ${users} ÷ 10 users`]: Math.round((large.admin.median / small.admin.median) * 100) / 100,
      [`/bank/ ${users} users: first paint ms`]: Math.round(large.bank.median),
      '/bank/ 10 users: first paint ms': Math.round(small.bank.median),
      [`/bank/ ${users} ÷ 10 users`]: Math.round((large.bank.median / small.bank.median) * 100) / 100,
      // A ratio, as the machine is noisy: a page of 50 of 5,000 users against all of 10.
      [`meets budget (/admin/ with ${users} users ≤ 1.5× the 10-user page)`]: large.admin.median <= 1.5 * small.admin.median,
      [`meets budget (/bank/ with ${users} users ≤ 1.5× the 10-user page)`]: large.bank.median <= 1.5 * small.bank.median,
    };
    return printFigures(log, `screens with ${users} users vs 10, median of ${runs} loads each (admin user ${BENCH_ACCOUNTS.admin.user}):`, figures);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await benchAdminUsers({ print: true, users: Number(arg('users') ?? 5000), runs: Number(arg('runs') ?? 5) });
