/**
 * Figures taken in real Chromium on the built app: first code (navigation start to the code on
 * screen, and to the frame that showed it begun, the app's `performance.mark('first-code')`) served
 * by the service worker with the network off, at 1× and 4× CPU slow-down; rollover lateness; idle cost while visible and timers while hidden.
 */
import crypto from 'node:crypto';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright';
// The end-to-end tests' independent node:crypto reference: the painted codes are checked against it.
import { referenceTotp, toBase32 } from '../tests/e2e/reference.ts';
import { codeSeen } from './code-observer.ts';

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
  /** The code on screen: the frame that showed it, presented (bench/code-observer.ts). */
  ms: number[];
  /** That frame begun: the page's own `first-code` mark, set in its animation-frame callback. */
  begun: number[];
  /** Every run was answered by the service worker and, for the app, showed the right code. */
  checked: boolean;
}

/**
 * Loads `url` `runs` times (after one warm-up load) and reads when the first code was on screen
 * (the context needs CODE_OBSERVER as an init script) and the page's first-code mark. The CPU
 * slow-down is set on the page's CDP session before each load, since a navigation may reset it.
 */
export async function firstCode(
  page: Page,
  cdp: CDPSession,
  url: string,
  { runs, cpu, tokens }: { runs: number; cpu: number; tokens: number },
): Promise<FirstCodeRun> {
  const ms: number[] = [];
  const begun: number[] = [];
  let checked = true;
  for (let i = -1; i < runs; i++) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const { mark, painted } = await codeSeen(page, () => page.goto(url, { waitUntil: 'commit' }));
    if (mark === null) throw new Error(`${url}: no first-code mark by the time the code was on screen`);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
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
      ms.push(painted);
      begun.push(mark);
      checked &&= served && right;
    }
  }
  return { ms, begun, checked };
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
  ts: number;
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
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] });
  // The window between two marks: the trace also runs while it starts and stops (a second or two),
  // and what fired then, counted over the window's length, read as more than one wake-up a second.
  await page.evaluate(() => performance.mark('bench-window-start'));
  await work();
  await page.evaluate(() => performance.mark('bench-window-end'));
  const all = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const markAt = (name: string) => all.find((e) => e.name === name)?.ts;
  const from = markAt('bench-window-start');
  const to = markAt('bench-window-end');
  if (from === undefined || to === undefined) throw new Error('the idle window marks are missing from the trace');
  const trace = { traceEvents: all.filter((e) => e.ph === 'M' || (e.ts >= from && e.ts <= to)) };
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
  const timers = mine.filter((e) => e.name === 'TimerFire');
  const frames = mine.filter((e) => e.name === 'FireAnimationFrame');
  return {
    seconds: (to - from) / 1e6,
    wakeTimes: [...timers, ...frames].map((e) => e.ts),
    timerFires: timers.length,
    animationFrames: frames.length,
    mainTasks,
    compositorTasks,
    compositorMs,
  };
}

/** How long after its first code a page is left before its idle figures are taken. */
const SETTLE_MS = 2000;

/**
 * Wake-ups a second: `count` over the time from the first seen to the last (trace µs), one fewer
 * than their count, so a once-a-second timer reads 1.0 whatever the window's edges cut off (a
 * 30.3 s window holds 30 or 31 of its firings); over the window where they are few or bunched.
 */
function wakeRate(count: number, times: number[], windowSeconds: number): number {
  const span = times.length >= 2 ? (Math.max(...times) - Math.min(...times)) / 1e6 : 0;
  const rate = count >= 2 && span >= windowSeconds / 2 ? (count - 1) / span : count / windowSeconds;
  // To a thousandth: the timer keeps to the wall clock's seconds, the trace to its own (1.0000034 seen).
  return Math.round(rate * 1000) / 1000;
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
  // As the page sits on a desk: the load's one-off work (a frame's wait, the worker's registration) done.
  await page.waitForTimeout(SETTLE_MS);
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
    // By card, not by element: the first paint puts a new code element in at each step.
    const codes = () => new Map([...document.querySelectorAll('[data-token-id]')].map((card) => [card.getAttribute('data-token-id'), card.querySelector('[data-testid="code"]')?.textContent ?? '']));
    const seen = codes();
    new MutationObserver((records) => {
      // The rings' numbers change every second: only a new element or a code's own text is looked at.
      if (!records.some((r) => r.type === 'childList' || r.target.parentElement?.closest('[data-testid="code"]'))) return;
      for (const [id, text] of codes()) {
        const before = seen.get(id);
        seen.set(id, text);
        if (before === undefined || text === before) continue;
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
    wakeupsPerSecond: wakeRate(visible.timerFires + appFrames, visible.wakeTimes, visible.seconds),
    timerFires: visible.timerFires,
    animationFrames: appFrames,
    rolloverLateMs: late,
    hiddenSeconds,
    hiddenTimerFires: hidden.timerFires,
    hiddenAnimationFrames: hidden.animationFrames,
    mainTasksPerSecond: visible.mainTasks / visible.seconds,
    compositorPercent: (visible.compositorMs / 1000 / visible.seconds) * 100,
    compositorTasksPerSecond: visible.compositorTasks / visible.seconds,
  };
}
