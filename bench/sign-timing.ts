/**
 * Signing speed in real Chromium on the built app: a signing-only token of the bank's numeric
 * suite (otpauth://ocra, OCRA-1:HOTP-SHA256-8:QN24), the signing screen open, a typed challenge;
 * from the submit to the first animation frame with the new response in the page (the screen's
 * `performance.mark('signature-shown')` is also read). Each response is checked against the tests'
 * independent node:crypto OCRA. With and without the app lock (unlocked by its PIN first).
 * Budget: ≤ 50 ms. Run alone: `npx tsx bench/sign-timing.ts` (after `npm run build`).
 */
import type { Browser, Page } from 'playwright';
import { ocraUri, referenceOcra } from '../tests/e2e/ocra-reference.ts';
import { controlledPage } from './page-timing.ts';
import { isMain } from './cli.ts';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN24';
const KEY = Buffer.from('12345678901234567890123456789012');
const PIN = '24681357';
export const SIGNATURE_BUDGET_MS = 50;

export interface SignRun {
  /** Submit → first frame with the response in the page, per run. */
  ms: number[];
  /** Submit → the screen's mark, per run. */
  markMs: number[];
  /** Every response equal to the reference's. */
  checked: boolean;
}

async function testId(page: Page, id: string) {
  const el = page.getByTestId(id).first();
  await el.waitFor({ timeout: 60_000 });
  return el;
}

async function openSigning(page: Page): Promise<void> {
  await (await testId(page, 'sign-transaction')).click();
  await testId(page, 'challenge-input');
}

/** `runs` typed challenges on the open signing screen, timed in the page. */
async function timeRuns(page: Page, runs: number): Promise<SignRun> {
  const out: SignRun = { ms: [], markMs: [], checked: true };
  for (let i = 0; i < runs + 1; i++) {
    const challenge = `${1_000_000 + i * 7919}${10_000 + i}${String(1000 + i)}`;
    await page.getByTestId('challenge-input').fill(challenge);
    const t = await page.evaluate(async () => {
      const marks = () => performance.getEntriesByName('signature-shown');
      const before = marks().length;
      const button = document.querySelector<HTMLButtonElement>('[data-testid="challenge-submit"]')!;
      const t0 = performance.now();
      button.click();
      // Each frame until the new response is in the page.
      const shown = await new Promise<number>((resolve) => {
        const frame = () => {
          const text = document.querySelector('[data-testid="signature"]')?.textContent ?? '';
          if (marks().length > before && /\d/.test(text)) resolve(performance.now());
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      const mark = marks()[marks().length - 1]!.startTime;
      return { ms: shown - t0, markMs: mark - t0, text: document.querySelector('[data-testid="signature"]')!.textContent ?? '' };
    });
    if (t.text.replace(/\D/g, '') !== referenceOcra(KEY, SUITE, challenge)) out.checked = false;
    if (i === 0) continue; // the first loads the screen's code paths
    out.ms.push(t.ms);
    out.markMs.push(t.markMs);
  }
  return out;
}

/** The figures for one browser: without the lock, then with it (set, reloaded, unlocked by PIN). */
export async function signatureTiming(browser: Browser, origin: string, o: { runs: number; cpu?: number }): Promise<{ plain: SignRun; locked: SignRun }> {
  const context = await browser.newContext({ serviceWorkers: 'allow', viewport: { width: 390, height: 844 }, locale: 'ja-JP' });
  try {
    const page = await controlledPage(context, `${origin}/`);
    const cdp = await context.newCDPSession(page);
    if (o.cpu && o.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: o.cpu });
    await (await testId(page, 'add-token')).click();
    await page.getByTestId('uri-input').fill(ocraUri({ key: KEY, suite: SUITE, issuer: 'Bench Bank', label: 'signing' }));
    await page.getByTestId('uri-submit').click();
    await (await testId(page, 'enroll-confirm')).click();
    await openSigning(page);
    const plain = await timeRuns(page, o.runs);

    // The app lock: set a PIN, reload (locked), unlock, sign again.
    await page.goto(`${origin}/#/settings`);
    await (await testId(page, 'lock-setup')).click();
    await page.getByTestId('lock-pin').fill(PIN);
    await page.getByTestId('lock-pin-confirm').fill(PIN);
    await page.getByTestId('lock-submit').click();
    await page.getByTestId('lock-settings').getByRole('status').waitFor({ timeout: 120_000 });
    await page.evaluate(() => { location.hash = ''; });
    await page.reload();
    await page.getByTestId('unlock-pin').fill(PIN);
    await page.getByTestId('unlock-submit').click();
    await openSigning(page);
    const locked = await timeRuns(page, o.runs);
    return { plain, locked };
  } finally {
    await context.close();
  }
}

if (isMain(import.meta.url)) {
  const path = await import('node:path');
  const { chromium } = await import('playwright');
  const { chromiumArgs, chromiumPath } = await import('../scripts/chromium-path.mjs');
  const { serveStatic } = await import('./static-server.ts');
  const { spread } = await import('./stats.ts');
  const { root } = await import('./builds.ts');
  const server = await serveStatic(path.join(root, 'dist'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    for (const cpu of [1, 4]) {
      const r = await signatureTiming(browser, server.origin, { runs: 9, cpu });
      for (const [name, run] of Object.entries(r)) {
        const s = spread(run.ms);
        console.log(`${cpu}× ${name}: median ${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)}), mark ${spread(run.markMs).median.toFixed(1)} ms, checked ${run.checked}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
