/**
 * Where the time before the first code goes, step by step, on a cold load (network, HTTP cache and
 * service worker bypassed, as in the side-by-side bench): the HTML, each file fetched (start–end),
 * the entry's start, the first paint's steps (its `first-paint:vault`, `:strings` and `:dom`
 * marks), the `first-code` mark and the frame the peer bench's observer sees. Medians of `--runs`
 * loads, in ms from navigation start. For working on the loading path, not a budget:
 *   npx tsx bench/first-code-steps.ts [--dist=dist] [--tokens=1] [--cpu=1] [--runs=8]
 */
import path from 'node:path';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { serveStatic } from './static-server.ts';
import { addTokens, openSubject, peersDir } from './peer-timing.ts';
import { codeSeen } from './code-observer.ts';
import { arg, loadAverage } from './cli.ts';
import { spread } from './stats.ts';
import { round } from './report.ts';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(arg('dist') ?? path.join(root, 'dist'));
const tokens = Number(arg('tokens') ?? '1');
const cpu = Number(arg('cpu') ?? '1');
const runs = Number(arg('runs') ?? '8');
// --peer=1: the same waterfall for pwa-authenticator (files and frame; it sets no marks).
const peer = arg('peer') === '1' ? peersDir(root) : undefined;
if (arg('peer') === '1' && !peer) throw new Error('../shared/peers not found (set PEERS_DIR)');

const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const server = await serveStatic(peer ? path.join(peer, 'pwa-authenticator') : dist);
try {
  const s = await openSubject(browser, peer ? 'pwa-authenticator' : 'this app', `${server.origin}/`, peer ? 'en-US' : 'ja-JP');
  await addTokens(s, 0, tokens);
  await s.cdp.send('Network.setBypassServiceWorker', { bypass: true });
  await s.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const steps = new Map<string, number[]>();
  const add = (name: string, ms: number) => steps.set(name, [...(steps.get(name) ?? []), ms]);
  for (let i = -1; i < runs; i++) {
    // From a blank page, as the side-by-side bench loads (the previous page's teardown is not this load's).
    await s.page.goto('about:blank');
    await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const code = await codeSeen(s.page, () => s.page.goto(s.url, { waitUntil: 'commit' }));
    await s.page.waitForTimeout(300);
    await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const seen = await s.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const marks = performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const);
      const files = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => /\.(m?js|css)$/.test(new URL(e.name).pathname))
        .map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd] as const);
      return { html: nav.responseEnd, dcl: nav.domContentLoadedEventStart, marks, files };
    });
    if (i < 0) continue;
    add('HTML received', seen.html);
    for (const [file, start, end] of seen.files) {
      const name = file.replace(/-[\w-]{8}\./, '.');
      add(`${name} fetch start`, start);
      add(`${name} fetch end`, end);
    }
    for (const [name, at] of seen.marks) add(name, at);
    add('DOMContentLoaded', seen.dcl);
    add('frame with the code begun (observer)', code.at);
    add('the code on screen (observer)', code.painted);
  }
  console.log(`first code, step by step (${s.name}): ${tokens} token(s), ${cpu}× CPU, cold; medians of ${runs} (min–max) ms; load ${loadAverage()}`);
  for (const [name, ms] of [...steps].sort((a, b) => spread(a[1]).median - spread(b[1]).median)) {
    const sp = spread(ms);
    console.log(`  ${name.padEnd(44)} ${String(round(sp.median)).padStart(6)}  (${round(sp.min)}–${round(sp.max)})`);
  }
} finally {
  await browser.close();
  await server.close();
}
