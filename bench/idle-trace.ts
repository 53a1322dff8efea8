/**
 * Where the idle home screen's main-thread time goes: `npx tsx bench/idle-trace.ts [--dist=dir]
 * [--seconds=10] [--runs=3] [--breakdown=1]`. Builds the app (or serves a built `--dist`, then without the blank page), enrolls 20 tokens, then, on the
 * first paint and after a tap (the app), records a Chromium trace of `seconds` idle and sums the
 * renderer main thread's events by name (thread CPU time), beside the bench's own `idle` figure
 * and a blank page's idle busy in the same run (the reference on a shared machine).
 */
import fs from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { buildAll } from './builds.ts';
import { arg, isMain, loadAverage } from './cli.ts';
import { controlledPage, enroll, idle, type IdleFigures } from './page-timing.ts';
import { serveStatic } from './static-server.ts';
import { spread } from './stats.ts';

interface RawEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc'];

/** The page's renderer main thread's events during `work`, summed by name: count, thread ms. */
export async function mainThreadBreakdown(browser: Browser, page: Page, work: () => Promise<void>) {
  await browser.startTracing(page, { categories: CATEGORIES });
  await work();
  const text = (await browser.stopTracing()).toString();
  const dump = arg('dump');
  if (dump) fs.writeFileSync(`${dump}-${Date.now()}.json`, text);
  const { traceEvents } = JSON.parse(text) as { traceEvents: RawEvent[] };
  const mains = new Set(
    traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const sums = new Map<string, { count: number; ms: number; pid: number }>();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const key = `${e.pid} ${e.name}`;
    const s = sums.get(key) ?? { count: 0, ms: 0, pid: e.pid };
    s.count++;
    s.ms += (e.tdur ?? e.dur ?? 0) / 1000;
    sums.set(key, s);
  }
  return [...sums].sort((a, b) => b[1].ms - a[1].ms);
}

async function report(browser: Browser, page: Page, label: string, seconds: number) {
  const rows = await mainThreadBreakdown(browser, page, () => new Promise((r) => setTimeout(r, seconds * 1000)));
  console.log(`\n${label}: renderer main thread over ${seconds} s (event, count, thread ms)`);
  for (const [key, s] of rows.slice(0, 40)) console.log(`  ${key.padEnd(60)} ${String(s.count).padStart(6)} ${s.ms.toFixed(1).padStart(9)}`);
}

async function busyRuns(browser: Browser, page: Page, cdp: CDPSession, runs: number, seconds: number) {
  const all: IdleFigures[] = [];
  for (let i = 0; i < runs; i++) all.push(await idle(browser, page, cdp, { seconds, hiddenSeconds: 1 }));
  const med = (f: (x: IdleFigures) => number) => spread(all.map(f)).median;
  const busy = spread(all.map((f) => f.busyPercent));
  return (
    `${busy.median.toFixed(2)} % busy (${busy.min.toFixed(2)}–${busy.max.toFixed(2)}), ${med((f) => f.wakeupsPerSecond).toFixed(2)} wake-ups/s, ` +
    `main ${med((f) => f.mainTasksPerSecond).toFixed(0)} tasks/s, compositors ${med((f) => f.compositorPercent).toFixed(2)} % ${med((f) => f.compositorTasksPerSecond).toFixed(0)} tasks/s, ` +
    `hidden ${Math.max(...all.map((f) => f.hiddenTimerFires + f.hiddenAnimationFrames))}`
  );
}

if (isMain(import.meta.url)) {
  const seconds = Number(arg('seconds') ?? '10');
  const runs = Number(arg('runs') ?? '3');
  const given = arg('dist');
  const builds = given ? undefined : await buildAll();
  const dir = given ?? builds!.app;
  const server = await serveStatic(dir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
    const page = await controlledPage(context, `${server.origin}/`);
    const cdp = await context.newCDPSession(page);
    await enroll(page, 0, 20);
    const load = [loadAverage()];

    // The reference: the bench build's blank page (a given folder has none in its precache).
    let blank = 'not measured (--dist)';
    if (!given) {
      await page.goto(`${server.origin}/bench-blank.html`);
      await page.evaluate(() => document.body.append(document.createElement('main')));
      blank = await busyRuns(browser, page, cdp, runs, seconds);
    }

    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => performance.getEntriesByName('first-code').length > 0);
    if (arg('breakdown')) await report(browser, page, 'first paint', seconds);
    const paint = await busyRuns(browser, page, cdp, runs, seconds);

    await page.dispatchEvent('body', 'pointerdown');
    await page.dispatchEvent('body', 'pointerup');
    await page.locator('#main-menu').waitFor({ state: 'attached' });
    if (arg('breakdown')) await report(browser, page, 'after a tap (the app)', seconds);
    const app = await busyRuns(browser, page, cdp, runs, seconds);
    load.push(loadAverage());

    console.log(`\nidle ${seconds} s × ${runs} (medians, thread CPU), load average ${load.join(' → ')}`);
    console.log(`  blank page:   ${blank}`);
    console.log(`  first paint:  ${paint}`);
    console.log(`  after a tap:  ${app}`);
  } finally {
    await browser.close();
    await server.close();
    if (builds) fs.rmSync(builds.tmp, { recursive: true, force: true });
  }
}
