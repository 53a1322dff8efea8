/**
 * `npm run bench`: builds the app and the stack's floor in a temporary folder, serves them on
 * loopback ports, measures them in Chromium and prints every figure beside its budget,
 * then the other parts' benches (QR decoder, bank verifier) when present. Writes the same to
 * bench/results/latest.json. Figures, never tests: this machine is shared and noisy.
 * Options: --idle=<seconds> (default 60), --runs=<n> (default 5), --skip=lighthouse,qr,pin,sign,verify,verify-pg,audit,transactions,import,screens,users,peers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { buildAll, root } from './builds.ts';
import { appBytes } from './bytes.ts';
import { lighthouse } from './lighthouse.ts';
import { homeScreenLoads } from './home-bytes.ts';
import { controlledPage, enroll, firstCode, idle, type FirstCodeRun, type IdleFigures } from './page-timing.ts';
import { peerFigures } from './peer-timing.ts';
import { CODE_OBSERVER } from './code-observer.ts';
import { SIGNATURE_BUDGET_MS, signatureTiming } from './sign-timing.ts';
import { TRANSACTION_SCHEME } from '../src/core/transaction.ts';
import signEn from '../src/ui/i18n/en/sign.ts';
import signJa from '../src/ui/i18n/ja/sign.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { quantile, spread } from './stats.ts';
import { add, round, rows, stage, started } from './report.ts';
import { otherBenches } from './other-benches.ts';
import { arg } from './cli.ts';

const IDLE_SECONDS = Number(arg('idle') ?? '60');
const RUNS = Number(arg('runs') ?? '5');
const SKIP = new Set((arg('skip') ?? '').split(',').filter(Boolean));

const kb = (bytes: number) => bytes / 1000;
/** Beside the main thread: what drawing the idle page costs the threads a battery also pays for. */
const drawing = (f: IdleFigures) =>
  `thread CPU; main thread woken ${round(f.mainTasksPerSecond)} tasks/s; compositor threads ${round(f.compositorPercent)} %, ${round(f.compositorTasksPerSecond)} tasks/s`;
const fmtSpread = (r: FirstCodeRun) => {
  const s = spread(r.ms);
  return `on screen; median of ${s.runs}, ${round(s.min)}–${round(s.max)} ms; frame begun ${round(spread(r.begun).median)} ms${r.checked ? '' : ', NOT ALL CHECKED'}`;
};

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
  cleanups.length = 0;
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  stage('building the app and the floor page');
  const builds = await buildAll();
  cleanups.push(() => fs.rmSync(builds.tmp, { recursive: true, force: true }));

  // 1. Bytes.
  const bytes = appBytes(builds.app);
  const floorBytes = appBytes(builds.floor);
  add({
    group: 'bytes',
    name: 'home screen JS + CSS, gzip',
    value: kb(bytes.home.total.gzip),
    unit: 'KB',
    budget: '≤ 15 KB',
    pass: bytes.home.total.gzip <= 15_000,
    detail: [...bytes.home.js, ...bytes.home.css].map((f) => `${path.basename(f.file)} ${round(kb(f.gzip))}`).join(', '),
  });
  add({ group: 'bytes', name: 'home screen JS + CSS, brotli', value: kb(bytes.home.total.brotli), unit: 'KB' });
  for (const f of bytes.lazy)
    add({ group: 'bytes', name: `lazy ${path.basename(f.file)}`, value: kb(f.gzip), unit: 'KB', detail: `gzip; brotli ${round(kb(f.brotli))} KB, raw ${round(kb(f.raw))} KB` });

  const app = await serveStatic(builds.app);
  cleanups.push(() => app.close());
  const floorServer = await serveStatic(builds.floor);
  cleanups.push(() => floorServer.close());
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  cleanups.push(() => browser.close());

  // 1b. What the home screen (one token) downloads, per browser language, file by file.
  stage('home screen bytes per language');
  for (const locale of ['ja-JP', 'en-US']) {
    const loaded = await homeScreenLoads(browser, builds.app, app.origin, locale);
    add({
      group: 'bytes',
      name: `home screen as loaded, ${locale} browser, gzip`,
      value: kb(loaded.total.gzip),
      unit: 'KB',
      budget: '≤ 25 KB',
      pass: loaded.total.gzip <= 25_000,
      detail: `brotli ${round(kb(loaded.total.brotli))} KB; all files fetched until 1 s after the first code`,
    });
    add({ group: 'bytes', name: `  of which before the first code`, value: kb(loaded.beforeFirstCode.gzip), unit: 'KB', detail: `brotli ${round(kb(loaded.beforeFirstCode.brotli))} KB` });
    for (const f of loaded.files)
      add({ group: 'bytes', name: `  ${locale} ${path.basename(f.file)}${f.afterFirstCode ? ' (after first code)' : ''}`, value: kb(f.gzip), unit: 'KB', detail: `brotli ${round(kb(f.brotli))}, raw ${round(kb(f.raw))} KB` });
    const tap = loaded.onTap.reduce((sum, f) => sum + f.gzip, 0);
    add({ group: 'bytes', name: `  a first tap adds (the app), ${locale}`, value: kb(tap), unit: 'KB', detail: loaded.onTap.map((f) => `${path.basename(f.file)} ${round(kb(f.gzip))}`).join(', ') });
    // Signing loads with its screen: no loaded file has the transaction QR's scheme, the OCRA
    // suite grammar or the signing screen's own sentences (nor does the app a first tap loads).
    const signing = [TRANSACTION_SCHEME, 'OCRA-1', signJa.sign.intro, signJa.sign.checkDetails, signEn.sign.intro, signEn.sign.checkDetails];
    const leaks = [...loaded.files, ...loaded.onTap].filter((f) => signing.some((m) => fs.readFileSync(path.join(builds.app, f.file), 'utf8').includes(m)));
    add({ group: 'bytes', name: `${locale} home files with signing code or strings`, value: leaks.length, unit: '', budget: '= 0', pass: leaks.length === 0, detail: leaks.map((f) => path.basename(f.file)).join(', ') });
    if (locale.startsWith('en'))
      add({ group: 'bytes', name: 'English browser: files with Japanese strings', value: loaded.japanese.length, unit: '', budget: '= 0', pass: loaded.japanese.length === 0, detail: loaded.japanese.map((f) => path.basename(f)).join(', ') });
  }

  // 1c. First code side by side with the peer build, same server kind, same run.
  if (!SKIP.has('peers')) {
    stage('first code beside the peer pwa-authenticator');
    await peerFigures(browser, root, builds.app, RUNS);
  }

  // 2. First code, served by the service worker with the network off.
  stage('first code');
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  await context.addInitScript(CODE_OBSERVER);
  const page = await controlledPage(context, `${app.origin}/`);
  const cdp = await context.newCDPSession(page);
  await enroll(page, 0, 1);
  await context.setOffline(true);
  const fc: Record<string, FirstCodeRun> = {};
  fc.one = await firstCode(page, cdp, `${app.origin}/`, { runs: RUNS, cpu: 1, tokens: 1 });
  fc.one4 = await firstCode(page, cdp, `${app.origin}/`, { runs: RUNS, cpu: 4, tokens: 1 });
  await enroll(page, 1, 20);
  fc.twenty = await firstCode(page, cdp, `${app.origin}/`, { runs: RUNS, cpu: 1, tokens: 20 });
  fc.twenty4 = await firstCode(page, cdp, `${app.origin}/`, { runs: RUNS, cpu: 4, tokens: 20 });
  fc.blank = await firstCode(page, cdp, `${app.origin}/bench-blank.html`, { runs: RUNS, cpu: 1, tokens: 0 });
  fc.blank4 = await firstCode(page, cdp, `${app.origin}/bench-blank.html`, { runs: RUNS, cpu: 4, tokens: 0 });
  const med = (r: FirstCodeRun) => spread(r.ms).median;
  add({ group: 'first code', name: '1 token', value: med(fc.one), unit: 'ms', detail: fmtSpread(fc.one) });
  add({ group: 'first code', name: '1 token, 4× CPU slow-down', value: med(fc.one4), unit: 'ms', detail: fmtSpread(fc.one4) });
  add({ group: 'first code', name: '20 tokens', value: med(fc.twenty), unit: 'ms', budget: '≤ 100 ms', pass: med(fc.twenty) <= 100 && fc.twenty.checked, detail: fmtSpread(fc.twenty) });
  add({ group: 'first code', name: '20 tokens, 4× CPU slow-down', value: med(fc.twenty4), unit: 'ms', budget: '≤ 400 ms', pass: med(fc.twenty4) <= 400 && fc.twenty4.checked, detail: fmtSpread(fc.twenty4) });
  add({ group: 'first code', name: 'blank page (a static code)', value: med(fc.blank), unit: 'ms', detail: fmtSpread(fc.blank) });
  add({ group: 'first code', name: 'blank page, 4× CPU slow-down', value: med(fc.blank4), unit: 'ms', detail: fmtSpread(fc.blank4) });
  add({ group: 'first code', name: '20 tokens ÷ blank page', value: med(fc.twenty) / med(fc.blank), unit: '×' });
  add({ group: 'first code', name: '20 tokens ÷ blank page, 4×', value: med(fc.twenty4) / med(fc.blank4), unit: '×' });

  // 2b. A transaction signature: submit of a typed numeric challenge → the response in the page.
  if (!SKIP.has('sign')) {
    stage('signature after submitting a challenge');
    for (const cpu of [1, 4]) {
      const r = await signatureTiming(browser, app.origin, { runs: Math.max(RUNS, 7), cpu });
      for (const [label, run] of [['', r.plain], [', under the app lock', r.locked]] as const) {
        const s = spread(run.ms);
        add({
          group: 'signing',
          name: `typed challenge → signature${label}${cpu > 1 ? `, ${cpu}×` : ''}`,
          value: s.median,
          unit: 'ms',
          ...(cpu === 1 ? { budget: `≤ ${SIGNATURE_BUDGET_MS} ms`, pass: s.median <= SIGNATURE_BUDGET_MS && run.checked } : {}),
          detail: `median of ${s.runs}, ${round(s.min)}–${round(s.max)} ms to the frame; mark ${round(spread(run.markMs).median)} ms${run.checked ? '' : ', A WRONG SIGNATURE'}`,
        });
      }
    }
  }

  // 3 + 4. Rollover and idle cost, 20 tokens visible, then hidden.
  stage(`idle for ${IDLE_SECONDS} s with 20 tokens`);
  await page.goto(`${app.origin}/`);
  await page.waitForFunction(() => performance.getEntriesByName('first-code').length > 0);
  const idleFigures = await idle(browser, page, cdp, { seconds: IDLE_SECONDS, hiddenSeconds: 5 });
  const late = idleFigures.rolloverLateMs;
  add({
    group: 'rollover',
    name: 'lateness p95, 20 tokens',
    value: late.length ? quantile(late, 0.95) : 'none',
    unit: late.length ? 'ms' : '',
    budget: '≤ 50 ms',
    pass: late.length > 0 && quantile(late, 0.95) <= 50,
    detail: late.length ? `${late.length} rollovers, median ${round(quantile(late, 0.5))}, max ${round(Math.max(...late))} ms` : 'no boundary in the idle window',
  });
  add({ group: 'idle', name: `main-thread busy, 20 tokens, ${round(idleFigures.seconds)} s`, value: idleFigures.busyPercent, unit: '%', budget: '≤ 1 %', pass: idleFigures.busyPercent <= 1, detail: drawing(idleFigures) });
  add({
    group: 'idle',
    name: 'wake-ups per second visible',
    value: idleFigures.wakeupsPerSecond,
    unit: '/s',
    budget: '≤ 1 /s',
    pass: idleFigures.wakeupsPerSecond <= 1,
    detail: `${idleFigures.timerFires} timers, ${idleFigures.animationFrames} animation frames`,
  });
  add({
    group: 'idle',
    name: `timers while hidden (${idleFigures.hiddenSeconds} s)`,
    value: idleFigures.hiddenTimerFires + idleFigures.hiddenAnimationFrames,
    unit: '',
    budget: '= 0',
    pass: idleFigures.hiddenTimerFires + idleFigures.hiddenAnimationFrames === 0,
  });
  // The same home screen once the app has taken over (a first touch loads it): also the user's.
  await page.dispatchEvent('body', 'pointerdown');
  await page.dispatchEvent('body', 'pointerup');
  await page.locator('#main-menu').waitFor({ state: 'attached' });
  const appIdle = await idle(browser, page, cdp, { seconds: IDLE_SECONDS, hiddenSeconds: 5 });
  add({ group: 'idle', name: `  same after a tap (the app), ${round(appIdle.seconds)} s`, value: appIdle.busyPercent, unit: '%', budget: '≤ 1 %', pass: appIdle.busyPercent <= 1, detail: drawing(appIdle) });
  add({
    group: 'idle',
    name: '  wake-ups per second, after a tap',
    value: appIdle.wakeupsPerSecond,
    unit: '/s',
    budget: '≤ 1 /s',
    pass: appIdle.wakeupsPerSecond <= 1,
    detail: `${appIdle.timerFires} timers, ${appIdle.animationFrames} animation frames; hidden: ${appIdle.hiddenTimerFires + appIdle.hiddenAnimationFrames}`,
  });
  await context.close();

  // 6. The stack's floor, served the same way.
  stage('floor page');
  const floorContext = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  await floorContext.addInitScript(CODE_OBSERVER);
  const floorPage = await controlledPage(floorContext, `${floorServer.origin}/`);
  const floorCdp = await floorContext.newCDPSession(floorPage);
  await floorContext.setOffline(true);
  fc.floor = await firstCode(floorPage, floorCdp, `${floorServer.origin}/`, { runs: RUNS, cpu: 1, tokens: 0 });
  fc.floor4 = await firstCode(floorPage, floorCdp, `${floorServer.origin}/`, { runs: RUNS, cpu: 4, tokens: 0 });
  await floorContext.close();
  add({ group: 'floor', name: 'Svelte 5 static number: JS + CSS, gzip', value: kb(floorBytes.home.total.gzip), unit: 'KB', detail: `brotli ${round(kb(floorBytes.home.total.brotli))} KB` });
  add({ group: 'floor', name: 'app home bytes ÷ floor (gzip)', value: bytes.home.total.gzip / floorBytes.home.total.gzip, unit: '×' });
  add({ group: 'floor', name: 'first paint', value: med(fc.floor), unit: 'ms', detail: fmtSpread(fc.floor) });
  add({ group: 'floor', name: 'first paint, 4× CPU slow-down', value: med(fc.floor4), unit: 'ms', detail: fmtSpread(fc.floor4) });
  add({ group: 'floor', name: 'app first code (20 tokens) ÷ floor', value: med(fc.twenty) / med(fc.floor), unit: '×' });
  add({ group: 'floor', name: 'app first code (20 tokens) ÷ floor, 4×', value: med(fc.twenty4) / med(fc.floor4), unit: '×' });
  await browser.close();

  // 5. Lighthouse, mobile preset, the app served statically (fresh profile, so an empty vault).
  if (!SKIP.has('lighthouse')) {
    stage('lighthouse');
    const lh = await lighthouse(`${app.origin}/`, builds.tmp);
    const missed = lh.failedAudits.length ? `losing points: ${lh.failedAudits.join(', ')}` : '';
    add({ group: 'lighthouse', name: 'performance (mobile)', value: lh.performance, unit: '', budget: '≥ 98', pass: lh.performance >= 98, detail: missed });
    add({ group: 'lighthouse', name: 'accessibility', value: lh.accessibility, unit: '', budget: '= 100', pass: lh.accessibility === 100 });
    add({ group: 'lighthouse', name: 'best practices', value: lh.bestPractices, unit: '', budget: '= 100', pass: lh.bestPractices === 100 });
    add({ group: 'lighthouse', name: 'SEO', value: lh.seo, unit: '' });
  }
  await cleanup();

  // The other parts' benches, when present.
  await otherBenches(SKIP);
} finally {
  await cleanup();
}

const results = {
  when: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  options: { idleSeconds: IDLE_SECONDS, runs: RUNS, skip: [...SKIP] },
  rows,
};
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const missed = rows.filter((r) => r.pass === false);
console.log(`\n${rows.filter((r) => r.pass !== undefined).length - missed.length} budgets met, ${missed.length} missed; ${results.seconds} s; bench/results/latest.json`);
