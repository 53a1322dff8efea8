/**
 * Figures taken in real Chromium on the built app: first code (navigation start to the app's
 * `performance.mark('first-code')`) served by the service worker with the network off, at 1× and
 * 4× CPU slow-down; rollover lateness; idle cost while visible and timers while hidden.
 */
import crypto from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
// The end-to-end tests' independent node:crypto reference: the painted codes are checked against it.
import { referenceTotp, toBase32 } from '../tests/e2e/reference.ts';

/** The bench's token i: a fixed secret, so the painted code can be checked against node:crypto. */
export function benchSecret(i: number): Buffer {
  return crypto.createHash('sha1').update(`soft-token bench ${i}`).digest();
}

export function benchUri(i: number): string {
  const n = String(i + 1).padStart(2, '0');
  return `otpauth://totp/Bench%20Bank:user${n}?secret=${toBase32(benchSecret(i))}&issuer=Bench%20Bank`;
}

export async function enroll(page: Page, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    await page.getByTestId('add-token').click();
    await page.getByTestId('uri-input').fill(benchUri(i));
    await page.getByTestId('uri-submit').click();
    await page.getByTestId('enroll-confirm').click();
    await page.getByTestId('token').nth(i).waitFor();
  }
}

/** Opens the origin, waits until its service worker is active and controls the page. */
export async function controlledPage(context: BrowserContext, url: string): Promise<Page> {
  // tsx compiles the functions handed to page.evaluate with esbuild's keepNames helper.
  await context.addInitScript('globalThis.__name = (f) => f');
  const page = await context.newPage();
  // A page that fails is a figure we cannot take: say why instead of waiting on it.
  page.on('pageerror', (e) => console.warn(`  page error at ${page.url()}: ${e.message}`));
  await page.goto(url);
  // Through `ready` (polling getRegistration() instead left the reloaded page uncontrolled here).
  await page.evaluate(async () => {
    const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error('no service worker in 60 s')), 60_000));
    const reg = await Promise.race([navigator.serviceWorker.ready, timeout]);
    while (reg.active?.state !== 'activated') await Promise.race([new Promise((r) => setTimeout(r, 50)), timeout]);
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  return page;
}

export interface FirstCodeRun {
  ms: number[];
  /** Every run was answered by the service worker and, for the app, showed the right code. */
  checked: boolean;
}

/**
 * Loads `url` `runs` times (after one warm-up load) and reads the first-code mark. The CPU
 * slow-down is set on the page's CDP session before each load, since a navigation may reset it.
 */
export async function firstCode(
  page: Page,
  cdp: CDPSession,
  url: string,
  { runs, cpu, tokens }: { runs: number; cpu: number; tokens: number },
): Promise<FirstCodeRun> {
  const ms: number[] = [];
  let checked = true;
  for (let i = -1; i < runs; i++) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(url, { waitUntil: 'commit' });
    const at = await page.waitForFunction(
      () => performance.getEntriesByName('first-code')[0]?.startTime,
      null,
      { timeout: 30_000, polling: 50 },
    );
    const startTime = (await at.jsonValue()) as number;
    const served = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    let right = true;
    if (tokens > 0) {
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('[data-testid="code"]')].map((e) => (e.textContent ?? '').replace(/\s/g, '')),
      );
      const now = Date.now();
      // The code may have rolled over between the mark and this read: either step is right.
      right =
        shown.length === tokens &&
        shown.every((code, k) => code === referenceTotp(benchSecret(k), now) || code === referenceTotp(benchSecret(k), now - 30_000));
    }
    if (i >= 0) {
      ms.push(startTime);
      checked &&= served && right;
    }
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return { ms, checked };
}

export interface IdleFigures {
  seconds: number;
  busyPercent: number;
  wakeupsPerSecond: number;
  timerFires: number;
  animationFrames: number;
  rolloverLateMs: number[];
  hiddenSeconds: number;
  hiddenTimerFires: number;
  hiddenAnimationFrames: number;
  /** Tasks the renderer's main thread ran a second, whatever woke it (timers, frames, the compositor's feedback). */
  mainTasksPerSecond: number;
  /** Thread CPU of the compositor threads (the renderer's and the GPU process's), % of one core. */
  compositorPercent: number;
  compositorTasksPerSecond: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** Threads whose tasks draw the page: the renderer's compositor and the GPU process's display compositor. */
const COMPOSITOR_THREADS = new Set(['Compositor', 'VizCompositorThread']);

async function traced(browser: Browser, page: Page, frame: string, work: () => Promise<void>) {
  // `toplevel` adds one event per task of every thread: what woke each thread, and for how long.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await work();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  const mine = trace.traceEvents.filter((e) => e.args?.data?.frame === frame);
  const threadName = new Map(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  // The page's renderer: the process whose main thread fired the frame's events.
  const renderer = mine.find((e) => threadName.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')?.pid;
  let mainTasks = 0;
  let compositorTasks = 0;
  let compositorMs = 0;
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue;
    const thread = threadName.get(`${e.pid}:${e.tid}`) ?? '';
    if (thread === 'CrRendererMain' && e.pid === renderer) mainTasks++;
    else if (COMPOSITOR_THREADS.has(thread) && (thread !== 'Compositor' || e.pid === renderer)) {
      compositorTasks++;
      compositorMs += (e.tdur ?? e.dur ?? 0) / 1000;
    }
  }
  return {
    timerFires: mine.filter((e) => e.name === 'TimerFire').length,
    animationFrames: mine.filter((e) => e.name === 'FireAnimationFrame').length,
    mainTasks,
    compositorTasks,
    compositorMs,
  };
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m: { name: string }) => m.name === 'TaskDuration')?.value ?? NaN;
}

/**
 * The page as it sits on a phone: `seconds` visible with its tokens, then `hiddenSeconds` hidden.
 * While visible, a MutationObserver notes when each code changes and takes the next animation
 * frame's time, minus the period boundary, as that rollover's lateness; its own frames are
 * subtracted from the wake-ups. Headless Chromium never hides a page, so hidden is told to the
 * page as a browser does it: `visibilityState` 'hidden' and a `visibilitychange` event.
 */
export async function idle(
  browser: Browser,
  page: Page,
  cdp: CDPSession,
  { seconds, hiddenSeconds, period = 30 }: { seconds: number; hiddenSeconds: number; period?: number },
): Promise<IdleFigures> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const frame = frameTree.frame.id as string;
  // Thread CPU time, not wall time: on a shared machine a task's wall time includes waiting for a
  // core. (The domain must be off to change it; an unknown parameter name is silently ignored.)
  await cdp.send('Performance.disable');
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await page.evaluate((periodMs) => {
    const w = window as unknown as { benchLate: number[]; benchFrames: number };
    w.benchLate = [];
    w.benchFrames = 0;
    const seen = new Map<Element, string>();
    for (const el of document.querySelectorAll('[data-testid="code"]')) seen.set(el, el.textContent ?? '');
    new MutationObserver(() => {
      for (const [el, before] of seen) {
        const text = el.textContent ?? '';
        if (text === before) continue;
        seen.set(el, text);
        const boundary = Math.floor(Date.now() / periodMs) * periodMs;
        w.benchFrames++;
        requestAnimationFrame(() => w.benchLate.push(performance.timeOrigin + performance.now() - boundary));
      }
    }).observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true });
  }, period * 1000);

  // Busy time and wall time both over the same window, inside the trace (stopping a trace is slow).
  let busy = 0;
  let wall = 0;
  const visible = await traced(browser, page, frame, async () => {
    const before = await taskSeconds(cdp);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    busy = (await taskSeconds(cdp)) - before;
    wall = (Date.now() - t0) / 1000;
  });
  const { late, ownFrames } = await page.evaluate(() => {
    const w = window as unknown as { benchLate: number[]; benchFrames: number };
    return { late: w.benchLate, ownFrames: w.benchFrames };
  });

  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hidden = await traced(browser, page, frame, () => new Promise((r) => setTimeout(r, hiddenSeconds * 1000)));
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });

  const appFrames = Math.max(0, visible.animationFrames - ownFrames);
  return {
    seconds: wall,
    busyPercent: (busy / wall) * 100,
    wakeupsPerSecond: (visible.timerFires + appFrames) / wall,
    timerFires: visible.timerFires,
    animationFrames: appFrames,
    rolloverLateMs: late,
    hiddenSeconds,
    hiddenTimerFires: hidden.timerFires,
    hiddenAnimationFrames: hidden.animationFrames,
    mainTasksPerSecond: visible.mainTasks / wall,
    compositorPercent: (visible.compositorMs / 1000 / wall) * 100,
    compositorTasksPerSecond: visible.compositorTasks / wall,
  };
}
