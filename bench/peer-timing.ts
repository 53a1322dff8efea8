/**
 * First code side by side with a peer app, in one run on the same kind of server: the peer build
 * pwa-authenticator (bmwalters/pwa-authenticator, a plain-TypeScript web authenticator) from
 * ../shared/peers, and this app. Both are timed the same way, by an observer in the page: the
 * frame after the first element whose text is a 6-digit code appears, as presented (Element
 * Timing; when it began is in the detail: the figure before 2026-12-03, which left out the
 * frame's own style, layout and paint), the code checked afterwards against node:crypto.
 * Cold = from the network with the HTTP cache and the service worker bypassed; served by the
 * worker = a repeat visit with the worker in charge (see setMode). The Svelte 4 peer pwa-otp is
 * public too, but it cannot be built offline here (its dependencies are not installed), so it is
 * not measured.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { referenceTotp, toBase32 } from '../tests/e2e/reference.ts';
import { benchSecret, controlledPage, enroll } from './page-timing.ts';
import { serveStatic } from './static-server.ts';
import { spread } from './stats.ts';
import { add, round } from './report.ts';
import { arg, isMain, loadAverage } from './cli.ts';
import { buildNames } from './build-names.ts';
import { CODE_OBSERVER, codeSeen } from './code-observer.ts';

/** The peer builds' folder: ../shared/peers from the checkout (or from its worktree's parent), or PEERS_DIR. */
export function peersDir(root: string): string | undefined {
  const candidates = [process.env.PEERS_DIR, path.join(root, '..', 'shared', 'peers'), path.join(root, '..', '..', 'shared', 'peers')];
  return candidates.find((d): d is string => !!d && fs.existsSync(path.join(d, 'pwa-authenticator', 'index.html')));
}

export interface Subject {
  name: string;
  /** This app (enrolled through its own screens), not the peer. */
  app: boolean;
  page: Page;
  cdp: CDPSession;
  url: string;
}

/** The peer's own "+" form: account, issuer, secret, then Done. */
async function addPeerTokens(page: Page, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    await page.click('#token-list-page .button-add-token');
    const form = page.locator('#add-token-page form');
    await form.locator('input[name=account]').fill(`user${String(i + 1).padStart(2, '0')}`);
    await form.locator('input[name=issuer]').fill('Bench Bank');
    await form.locator('input[name=secret]').fill(toBase32(benchSecret(i)));
    await page.click('#add-token-done');
    await page.locator('#token-list-page .token-list .token-token').nth(i).waitFor();
  }
}

const PEER = 'pwa-authenticator';

export async function openSubject(browser: Browser, name: string, url: string, locale: string): Promise<Subject> {
  const context = await browser.newContext({ locale, serviceWorkers: 'allow', viewport: { width: 390, height: 844 } });
  await context.addInitScript(CODE_OBSERVER);
  const page = await controlledPage(context, url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  return { name, app: name !== PEER, page, cdp, url };
}

export async function addTokens(s: Subject, from: number, to: number): Promise<void> {
  await s.page.goto(s.url);
  if (s.app) await enroll(s.page, from, to);
  else await addPeerTokens(s.page, from, to);
}

export type Mode = 'cold' | 'worker';

/** A load's figures, ms from navigation start (NaN for both if the code shown was wrong). */
interface Load {
  /** The frame with the code presented: on screen. */
  painted: number;
  /** That frame begun. */
  frame: number;
}

/** One load: the frame that shows a correct code, begun and drawn. */
async function once(s: Subject, mode: Mode, cpu: number, tokens: number): Promise<Load> {
  // From a blank page, as an app is launched: otherwise the previous load's page is torn down
  // (its unload, its DOM and animations freed) inside this load's time, and the heavier page pays more.
  await s.page.goto('about:blank');
  await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  const { at: frame, painted, text } = await codeSeen(s.page, () => s.page.goto(s.url, { waitUntil: 'commit' }));
  await s.cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const now = Date.now();
  const right = [...Array(tokens).keys()].some((k) => [now, now - 30_000].some((t) => referenceTotp(benchSecret(k), t) === text));
  const controlled = mode === 'cold' || (await s.page.evaluate(() => navigator.serviceWorker.controller !== null));
  // Left running, this page's work after its first code (a worker's registration, timers) would
  // fall inside the next subject's load: an A/A run of two copies of this app measured the second
  // 1.1× the first (medians of 15). A blank page stops it.
  await s.page.goto('about:blank');
  return right && controlled ? { painted, frame } : { painted: NaN, frame: NaN };
}

/**
 * The peer's service worker caches nothing (it passes every fetch to the network), so "served by
 * the worker" is a repeat visit online with the worker in charge and the HTTP cache on, for both.
 */
async function setMode(s: Subject, mode: Mode): Promise<void> {
  await s.cdp.send('Network.setBypassServiceWorker', { bypass: mode === 'cold' });
  await s.cdp.send('Network.setCacheDisabled', { cacheDisabled: mode === 'cold' });
}

/** `runs` loads of each subject, taken in turns (a, b, a, b…) so drift on a shared machine hits both. */
export async function sideBySide(subjects: Subject[], { mode, cpu, tokens, runs }: { mode: Mode; cpu: number; tokens: number; runs: number }) {
  for (const s of subjects) await setMode(s, mode);
  const ms = new Map<string, Load[]>(subjects.map((s) => [s.name, []]));
  for (let i = -1; i < runs; i++) {
    for (const s of subjects) {
      const t = await once(s, mode, cpu, tokens);
      if (i >= 0) ms.get(s.name)!.push(t);
    }
  }
  for (const s of subjects) await setMode(s, 'worker');
  return ms;
}

/** Which of the 8 cells to measure (all by default): `--tokens=20 --cpu=4 --mode=worker` narrow it. */
export interface Cells {
  tokens?: number;
  cpu?: number;
  mode?: Mode;
  /** The browser language of each build's page, in `appDirs` order (ja-JP when not given). */
  locales?: string[];
}

/**
 * The peers' rows of the bench: first code of this app (built in `appDirs[0]`) ÷ pwa-authenticator's,
 * 1 and 20 tokens, cold and served by the worker, 1× and 4× CPU, each a median of `runs` loads.
 * With more builds (an A/B: base and candidate), each is a subject of its own on its own origin,
 * taken in the same turns, and each later one's ratio to the first is printed beside.
 */
export async function peerFigures(browser: Browser, root: string, appDirs: string | string[], runs: number, cells: Cells = {}): Promise<void> {
  const dirs = typeof appDirs === 'string' ? [appDirs] : appDirs;
  const dir = peersDir(root);
  if (!dir) {
    console.log('peers: ../shared/peers not found (set PEERS_DIR): side-by-side comparison skipped');
    add({ group: 'peers', name: PEER, value: 'skipped', unit: '', detail: '../shared/peers missing' });
    return;
  }
  console.log('peers: pwa-otp (the Svelte 4 peer) cannot be built offline here: not measured');
  const appServers = await Promise.all(dirs.map((d) => serveStatic(d)));
  const peerServer = await serveStatic(path.join(dir, PEER));
  const locales = dirs.map((_, i) => cells.locales?.[i] ?? 'ja-JP');
  // The same build in two languages is told apart by its language.
  const named = buildNames(dirs).map((n, i) => (locales.some((l) => l !== locales[0]) ? `${n} ${locales[i]}` : n));
  const names = dirs.length === 1 ? ['this app'] : named.map((n) => `this app (${n})`);
  try {
    const subjects: Subject[] = [];
    for (const [i, server] of appServers.entries()) subjects.push(await openSubject(browser, names[i]!, `${server.origin}/`, locales[i]!));
    subjects.push(await openSubject(browser, PEER, `${peerServer.origin}/`, 'en-US'));
    const med = (xs: number[]) => (xs.some((x) => Number.isNaN(x)) ? NaN : spread(xs).median);
    const range = (xs: number[]) => `${round(Math.min(...xs))}–${round(Math.max(...xs))}`;
    for (const [from, to] of [[0, 1], [1, 20]] as const) {
      if (cells.tokens !== undefined && cells.tokens < to && from > 0) break;
      for (const s of subjects) await addTokens(s, from, to);
      if (cells.tokens !== undefined && cells.tokens !== to) continue;
      for (const mode of ['cold', 'worker'] as Mode[]) {
        if (cells.mode && cells.mode !== mode) continue;
        for (const cpu of [1, 4]) {
          if (cells.cpu && cells.cpu !== cpu) continue;
          const loads = await sideBySide(subjects, { mode, cpu, tokens: to, runs });
          const of = (name: string, figure: keyof Load) => loads.get(name)!.map((l) => l[figure]);
          const peerAll = of(PEER, 'painted');
          const peer = med(peerAll);
          const firstAll = of(names[0]!, 'painted');
          const first = med(firstAll);
          const begun = (name: string) => round(med(of(name, 'frame')));
          const label = `${to} token${to > 1 ? 's' : ''}, ${mode === 'cold' ? 'cold' : 'service worker'}, ${cpu}×`;
          for (const [i, name] of names.entries()) {
            const mineAll = of(name, 'painted');
            const mine = med(mineAll);
            add({
              group: 'peers',
              name: `first code ${label}${names.length > 1 ? ` ${name.replace('this app ', '')}` : ''}`,
              value: mine / peer,
              unit: '×',
              budget: '≤ 1 ×',
              pass: mine <= peer,
              detail: `on screen: ${name} ${round(mine)} ms (${range(mineAll)}), ${PEER} ${round(peer)} ms (${range(peerAll)}); frame begun: ${begun(name)} and ${begun(PEER)} ms${i > 0 ? `; ÷ ${names[0]} ${round(mine / first)} (paired loads: ${round(med(mineAll.map((x, k) => x / firstAll[k]!)))})` : ''}; medians of ${runs}, load ${loadAverage()}${Number.isNaN(mine + peer) ? '; a WRONG CODE was shown' : ''}`,
            });
          }
        }
      }
    }
    for (const s of subjects) await s.page.context().close();
  } finally {
    for (const server of appServers) await server.close();
    await peerServer.close();
  }
}

// On its own: `npx tsx bench/peer-timing.ts [--dist=dist] [--runs=5]` measures only the side-by-side
// rows, on a build already made (`npm run build`), for quick turns while working on the first code.
// An A/B: `--dist=base,candidate` (two builds, `vite build --outDir=…`) interleaves both with the
// peer in one run; `--tokens=1|20 --cpu=1|4 --mode=cold|worker` measure only those cells;
// `--locale=ja-JP,en-US` sets each build's browser language (the same build twice: what the language costs).
if (isMain(import.meta.url)) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const dists = (arg('dist') ?? path.join(root, 'dist')).split(',').map((d) => path.resolve(d));
    const cells: Cells = { tokens: arg('tokens') ? Number(arg('tokens')) : undefined, cpu: arg('cpu') ? Number(arg('cpu')) : undefined, mode: arg('mode') as Mode | undefined, locales: arg('locale')?.split(',') };
    await peerFigures(browser, root, dists, Number(arg('runs') ?? '5'), cells);
  } finally {
    await browser.close();
  }
}
