// The first code before the rest of the app: this plain module reads the vault (vault/reader.ts, read
// only), computes the codes with src/core and paints the home screen (first-paint-markup.ts): the
// cards that fit the first screen, with their rings at rest and no grip or ⋯ yet, then, once that
// frame is drawn, those controls, the rings' sweep and the other cards; it keeps the seconds and codes
// right (one timer a second, none while hidden) until the Svelte app is needed (app-wake.ts). The
// app then mounts beside it, starts from the same codes (painted-codes.ts) and this paint removes
// itself in the same task, so nothing on screen changes; taps and keys made meanwhile are replayed
// on the app's element with the same hook, and focus moves there. Anything but plain cards (a
// lock, no tokens, a storage failure) is the app's own: this paint then shows nothing.
import { hotp } from '../../core/hotp.ts';
import { secondsLeft, timeStep } from '../../core/totp.ts';
import type { Sign } from '../../core/algorithms.ts';
import type { TokenMeta } from '../../vault/records.ts';
import { homeStrings } from '../i18n/home-strings.ts';
import type { HomeStrings } from '../i18n/ja/home.ts';
import { markFirstCode } from '../first-code.ts';
import { rememberCode } from '../state/painted-codes.ts';
import { cardName, isSigningKey, signingKeyOf } from '../state/token-list.ts';
import { readVault, type VaultRead } from '../../vault/reader.ts';
import { DISPLAY_MODE_KEY } from '../state/display-mode-key.ts';
import { SEARCH_FROM } from './search-from.ts';
import { wakeWhenNeeded } from './app-wake.ts';
import { hideInBackground } from './hide-in-background.ts';
import { stillCovers, type StillCovers } from './ring-covers.ts';
import { noteCodeShown } from '../clock-check/last-shown.ts';
import { applyTheme, savedTheme } from '../settings/theme-choice.ts';
import * as m from './first-paint-markup.ts';
import './home.css';

export interface FirstPaint {
  /** Resolves when no finger or button is down on the paint (a tap in progress ends on it). */
  settled(): Promise<void>;
  /** Removes the paint (call right after the app's first render) and replays a tap made on it. */
  handOver(app: ParentNode): void;
}

interface TimeCard {
  token: TokenMeta & { type: 'totp' };
  sign: Sign;
  name: string;
  step: number;
  face: HTMLElement;
  ring: HTMLElement;
  next?: HTMLElement;
}

/**
 * No card is shorter than this (a code card is ~138 px): the cards that fit the first screen at
 * that height are painted first, the rest once the frame with the first code is drawn. With 20
 * tokens at 4× CPU that frame's own style, layout and paint were most of the time to the code
 * on screen, for cards below the fold (bench/peer-timing.ts).
 */
const CARD_MIN_HEIGHT_PX = 96;

const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
const reducedMotion = () => motionQuery.matches;

// Codes asked for before the strings arrived (warmCodes), each taken once by the paint.
const warmed = new Map<string, Promise<string>>();

function codeFor(id: string, sign: Sign, counter: number, digits: number): Promise<string> {
  const key = `${id}/${counter}`;
  const early = warmed.get(key);
  warmed.delete(key);
  return early ?? hotp({ sign, counter, digits }).then((code) => (rememberCode(id, counter, code), code));
}

/**
 * Starts every code the paint will show as soon as the seeds are open, so the HMACs (WebCrypto,
 * off the main thread) run while the strings are still on the network, not after.
 */
function warmCodes(read: VaultRead, now: number): void {
  for (const token of read.tokens) {
    const sign = read.signer(token.id);
    if (!sign || token.type === 'ocra') continue;
    const counters = token.type === 'hotp' ? [token.counter] : [timeStep({ timestamp: now, period: token.period })];
    if (token.type === 'totp' && secondsLeft({ timestamp: now, period: token.period }) <= 5) counters.push(counters[0]! + 1);
    for (const counter of counters) warmed.set(`${token.id}/${counter}`, codeFor(token.id, sign, counter, token.digits));
  }
}

function ringStill(left: number, period: number) {
  return reducedMotion() ? stillCovers(left, period) : undefined;
}

// Until the frame with the first code is on screen the rings rest, each its dial alone at the
// second's angle (restingDial): no covers, no animation and no layer per cover in that frame.
let ringsAtRest = true;

/**
 * The ring's dial and covers for its step, their animation started from the clock read here (not
 * from a time read earlier: a code's HMAC can take a long while on a loaded phone, and covers
 * started before it would trail the number for the whole period).
 */
function sweepRing(c: TimeCard, still: StillCovers | undefined): void {
  const { period } = c.token;
  c.ring.firstElementChild!.replaceChildren(m.el('span', { class: 'dial' }), ...m.ringCovers(period, Date.now() - c.step * period * 1000, still));
}

/** A resting ring's sweep, from the clock read now. */
function startRing(c: TimeCard): void {
  c.ring.classList.remove('at-rest');
  if (c.step < 0) return; // serial mode: no covers
  const { period } = c.token;
  sweepRing(c, ringStill(secondsLeft({ timestamp: Date.now(), period }), period));
}

/** One TOTP card's face for the current step: code, ring and, in the last 5 s, the next code. */
async function paintTimeCard(t: HomeStrings, c: TimeCard, now: number): Promise<void> {
  const { period, digits, id } = c.token;
  const left = secondsLeft({ timestamp: now, period });
  const step = timeStep({ timestamp: now, period });
  const newStep = step !== c.step;
  if (newStep) {
    c.step = step;
    const code = await codeFor(id, c.sign, step, digits);
    c.face.replaceChildren(...m.codeButton(t, code, c.name, false), c.ring);
  }
  // A new step restarts the ring's animation; with reduced motion its covers move to rest each second.
  if (ringsAtRest) {
    c.ring.classList.add('at-rest');
    m.restingDial(c.ring, left, period);
  } else {
    const still = ringStill(left, period);
    if (newStep) sweepRing(c, still);
    else if (still) m.setStill(c.ring, still);
  }
  m.setRing(c.ring, left, t.home.secondsLeft(left));
  if (left <= 5 && !c.next) {
    c.next = m.nextCode(t, await codeFor(id, c.sign, step + 1, digits));
    c.face.after(c.next);
  } else if (left > 5 && c.next) {
    c.next.remove();
    c.next = undefined;
  }
}

/** Runs `f` in a task of its own, after the events of this one (a message: no timer, so no clock). */
function afterThisTask(f: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => (channel.port1.close(), f());
  channel.port2.postMessage(undefined);
}

/**
 * Runs `f` once the frame with the first code is drawn: in a task after the next frame's
 * animation-frame callbacks, one frame later. One frame later, not right after: the work queued
 * behind the first frame's callbacks ran while that frame was still being rastered and drawn, and
 * delayed it (20 tokens: the code on screen 0.9× with the wait, paired loads).
 */
function afterFirstFrame(f: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => afterThisTask(f)));
}

/** A tap or key made before the app took over, by the hook (and card) it was made on. */
interface Reach {
  hook: string;
  token?: string;
  key?: string;
}

function hookOf(target: EventTarget | null): Reach | undefined {
  const hooked = (target as Element | null)?.closest?.<HTMLElement>('[data-testid]');
  return hooked ? { hook: hooked.dataset.testid!, token: hooked.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId } : undefined;
}

function find(app: ParentNode, at: Reach): HTMLElement | null {
  const scope = at.token ? app.querySelector(`[data-token-id="${CSS.escape(at.token)}"]`) : app;
  return scope?.querySelector<HTMLElement>(`[data-testid="${at.hook}"]`) ?? null;
}

/**
 * Paints the home screen into `target` when the vault opens to plain cards (else resolves
 * undefined); `wake` is called whenever the app is needed.
 */
export async function firstPaint(target: HTMLElement, wake: () => void): Promise<FirstPaint | undefined> {
  // IndexedDB first: its open and read run in the browser while the strings load and the theme applies.
  // Each step's end is marked (first-paint:…): bench/first-code-steps.ts reads them beside the fetches.
  const reading = readVault().then(
    (read) => (performance.mark('first-paint:vault'), read && warmCodes(read, Date.now()), read),
    () => undefined,
  );
  const strings = homeStrings().then((t) => (performance.mark('first-paint:strings'), t));
  applyTheme(savedTheme());
  const [read, t] = await Promise.all([reading, strings]);
  if (!read) return undefined;
  const all = read.tokens;
  const cards = all.filter((x) => !isSigningKey(x));
  const keys = all.filter(isSigningKey);
  if (cards.length === 0) return undefined;

  const serialMode = localStorage.getItem(DISPLAY_MODE_KEY) === 'serial';
  const broken = read.broken;
  const now = Date.now();
  const timeCards: TimeCard[] = [];
  // The first screen's cards get their grip and ⋯ once the code is on screen (`controlsLater`):
  // the frame with the codes has fewer elements to style, lay out and paint.
  const controlsLater: (() => void)[] = [];
  // A card as of `at` (the later ones are made after the first frame, perhaps in another second).
  const cardFor = async (token: TokenMeta, at: number, first = false): Promise<HTMLElement> => {
    const sign = read.signer(token.id);
    if (broken.has(token.id) || !sign) return m.brokenCard(t, token);
    const name = cardName(token);
    const face: HTMLElement[] = [];
    if (token.type === 'totp') {
      const c: TimeCard = { token, sign, name, step: -1, face: m.el('div', { class: 'value' }), ring: m.ring(token.period) };
      if (!serialMode) await paintTimeCard(t, c, at);
      timeCards.push(c);
      face.push(c.face);
      if (c.next) face.push(c.next);
    } else if (token.type === 'hotp') {
      const code = await codeFor(token.id, sign, token.counter, token.digits);
      face.push(m.el('div', { class: 'value' }, ...m.codeButton(t, code, name, true), m.el('button', { class: 'next', 'data-testid': 'next-hotp' }, t.home.nextHotp)));
    } else {
      face.push(m.ocraFace(t, token.suite));
    }
    const controls = () => m.cardControls(t, name, cards.length > 1);
    const li = m.card(t, token, face, serialMode, !!signingKeyOf(token, keys), first ? [] : controls());
    if (first) controlsLater.push(() => li.append(...controls()));
    return li;
  };
  const firstScreen = Math.max(1, Math.ceil(innerHeight / CARD_MIN_HEIGHT_PX));
  const items = await Promise.all(cards.slice(0, firstScreen).map((x) => cardFor(x, now, true)));
  const list = m.el('ul', { class: 'cards', 'data-first-paint': '' }, ...items);

  const searching = cards.length >= SEARCH_FROM;
  const home = m.el(
    'section',
    { class: 'home', 'aria-labelledby': 'home-title' },
    m.el('h2', { id: 'home-title', class: 'mode' }, serialMode ? t.home.displaySerial : t.home.displayCode),
    searching && m.el('label', { class: 'search' }, m.el('span', { class: 'visually-hidden' }, t.home.search), m.el('input', { type: 'search', 'data-testid': 'token-search', placeholder: t.home.search })),
    list,
    m.el('button', { class: 'add', 'data-testid': 'add-token' }, `＋ ${t.home.addToken}`),
  );
  const nodes = [m.header(t), m.el('main', { class: 'app-main' }, home)];
  document.title = t.app.title;
  target.prepend(...nodes);
  performance.mark('first-paint:dom');
  markFirstCode();
  // Once the code is on screen: the rings sweep, the first cards get their controls, and the cards
  // below the first screen follow in order (none if the app took over).
  let handedOver = false;
  const later = cards.slice(firstScreen);
  afterFirstFrame(() => {
    ringsAtRest = false;
    if (handedOver) return;
    for (const c of timeCards) startRing(c);
    for (const add of controlsLater) add();
    if (later.length) void Promise.all(later.map((x) => cardFor(x, Date.now()))).then((rest) => handedOver || list.append(...rest));
  });

  // Until the app takes over: the seconds and the codes stay right, and taps wait for the app.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const showsTime = !serialMode && timeCards.length > 0;
  let paintedSecond = Math.floor(now / 1000);
  const tick = () => {
    clearTimeout(timer);
    timer = undefined;
    if (document.visibilityState === 'hidden' || !showsTime) return;
    const at = Date.now();
    // The cards show `now`'s second already: repainted only once the clock has moved past it (the
    // first tick, right after the paint, would redo every card before the first frame for nothing).
    if (Math.floor(at / 1000) !== paintedSecond) for (const c of timeCards) void paintTimeCard(t, c, at);
    paintedSecond = -1;
    if (noteCodeShown(at) !== undefined) wake(); // the clock went back: the app's warning says so
    timer = setTimeout(tick, 1000 - (at % 1000) + 1);
  };
  const onVisibility = () => tick();
  document.addEventListener('visibilitychange', onVisibility);
  addEventListener('pageshow', onVisibility);
  tick();
  const stopHiding = hideInBackground();
  const reached: Reach[] = [];
  const onClick = (e: Event) => {
    e.preventDefault();
    const at = hookOf(e.target);
    if (at) reached.push(at);
  };
  // Tab moves focus here as anywhere (focus moves over with the takeover); Enter and Space become
  // the button's own click (above); other keys (a grip's arrows) wait for the app.
  const onKey = (e: KeyboardEvent) => {
    const at = hookOf(e.target);
    if (!at || e.key === 'Tab' || e.key === 'Enter' || e.key === ' ') return;
    reached.push({ ...at, key: e.key });
    e.preventDefault();
  };
  for (const n of nodes) n.addEventListener('click', onClick, true), n.addEventListener('keydown', onKey, true);
  // A press that began on the paint ends on it, so its click is the paint's to pass on.
  let pressed = false;
  let released: (() => void) | undefined;
  const onPress = (e: Event) => {
    pressed = e.type === 'pointerdown';
    if (!pressed) afterThisTask(() => released?.()); // after the click that follows the release
  };
  for (const type of ['pointerdown', 'pointerup', 'pointercancel']) document.addEventListener(type, onPress, true);
  const stopWaking = wakeWhenNeeded(cards.map((x) => x.id), wake);

  return {
    // A press held long (or whose release went elsewhere) waits no more than a second.
    settled: () => (pressed ? new Promise<void>((r) => ((released = r), setTimeout(r, 1000))) : Promise.resolve()),
    handOver(app) {
      handedOver = true;
      for (const type of ['pointerdown', 'pointerup', 'pointercancel']) document.removeEventListener(type, onPress, true);
      stopWaking();
      stopHiding();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      removeEventListener('pageshow', onVisibility);
      const focused = nodes.some((n) => n.contains(document.activeElement)) ? hookOf(document.activeElement) : undefined;
      const query = (home.querySelector('[data-testid="token-search"]') as HTMLInputElement | null)?.value;
      for (const n of nodes) n.remove();
      if (query) {
        const input = app.querySelector<HTMLInputElement>('[data-testid="token-search"]');
        if (input) (input.value = query), input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (focused) find(app, focused)?.focus();
      for (const at of reached) {
        const el = find(app, at);
        if (at.key) el?.dispatchEvent(new KeyboardEvent('keydown', { key: at.key, bubbles: true, cancelable: true }));
        else el?.click();
      }
    },
  };
}
