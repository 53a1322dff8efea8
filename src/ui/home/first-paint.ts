// The first code before the rest of the app: this plain module opens the vault, computes the codes
// with src/core and paints the home screen (first-paint-markup.ts) while the Svelte app loads. The
// app then mounts beside it, starts from the same codes (painted-codes.ts) and this paint removes
// itself in the same task, so nothing on screen changes. A tap made meanwhile is replayed on the
// app's element with the same hook. Anything but plain cards (a lock, no tokens, a storage
// failure) is the app's own: this paint then shows nothing and the app mounts at once.
import { hotp } from '../../core/hotp.ts';
import { secondsLeft, timeStep } from '../../core/totp.ts';
import type { Sign } from '../../core/algorithms.ts';
import type { TokenMeta } from '../../vault/records.ts';
import { homeStrings } from '../i18n/home-strings.ts';
import type { HomeStrings } from '../i18n/ja/home.ts';
import { markFirstCode } from '../first-code.ts';
import { rememberCode } from '../state/painted-codes.ts';
import { cardName, isSigningKey, signingKeyOf } from '../state/token-list.ts';
import { openVault } from '../state/vault-opening.ts';
import { DISPLAY_MODE_KEY } from '../state/display-mode-key.ts';
import { SEARCH_FROM } from './search-from.ts';
import * as m from './first-paint-markup.ts';
import './home.css';

export interface FirstPaint {
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

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

async function codeFor(id: string, sign: Sign, counter: number, digits: number): Promise<string> {
  const code = await hotp({ sign, counter, digits });
  rememberCode(id, counter, code);
  return code;
}

function ringStill(left: number, period: number) {
  if (!reducedMotion()) return undefined;
  const elapsed = 360 * (1 - left / period);
  return { right: `rotate(${45 - 180 + Math.min(elapsed, 180)}deg)`, left: `rotate(${45 + Math.max(elapsed - 180, 0)}deg)` };
}

/** One TOTP card's face for the current step: code, ring and, in the last 5 s, the next code. */
async function paintTimeCard(t: HomeStrings, c: TimeCard, now: number): Promise<void> {
  const { period, digits, id } = c.token;
  const left = secondsLeft({ timestamp: now, period });
  const step = timeStep({ timestamp: now, period });
  if (step !== c.step) {
    c.step = step;
    const code = await codeFor(id, c.sign, step, digits);
    c.face.replaceChildren(...m.codeButton(t, code, c.name, false), c.ring);
    c.ring.firstElementChild!.replaceChildren(m.el('span', { class: 'dial' }), ...m.ringCovers(period, now - step * period * 1000, ringStill(left, period)));
  } else if (reducedMotion()) {
    c.ring.firstElementChild!.replaceChildren(m.el('span', { class: 'dial' }), ...m.ringCovers(period, now - step * period * 1000, ringStill(left, period)));
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

/** Paints the home screen into `target` when the vault opens to plain cards; else resolves undefined. */
export async function firstPaint(target: HTMLElement): Promise<FirstPaint | undefined> {
  const [vault, t] = await Promise.all([openVault().catch(() => undefined), homeStrings()]);
  if (!vault || vault.lockState() === 'locked') return undefined;
  const all = vault.list();
  const cards = all.filter((x) => !isSigningKey(x));
  const keys = all.filter(isSigningKey);
  if (cards.length === 0) return undefined;

  const serialMode = localStorage.getItem(DISPLAY_MODE_KEY) === 'serial';
  const broken = vault.broken();
  const now = Date.now();
  const timeCards: TimeCard[] = [];
  const items = await Promise.all(
    cards.map(async (token) => {
      const sign = vault.signer(token.id);
      if (broken.has(token.id) || !sign) return m.brokenCard(t, token);
      const name = cardName(token);
      const face: HTMLElement[] = [];
      if (token.type === 'totp') {
        const c: TimeCard = { token, sign, name, step: -1, face: m.el('div', { class: 'value' }), ring: m.ring(token.period) };
        if (!serialMode) await paintTimeCard(t, c, now);
        timeCards.push(c);
        face.push(c.face);
        if (c.next) face.push(c.next);
      } else if (token.type === 'hotp') {
        const code = await codeFor(token.id, sign, token.counter, token.digits);
        face.push(m.el('div', { class: 'value' }, ...m.codeButton(t, code, name, true), m.el('button', { class: 'next', 'data-testid': 'next-hotp' }, t.home.nextHotp)));
      } else {
        face.push(m.ocraFace(t, token.suite));
      }
      return m.card(t, token, face, serialMode, !!signingKeyOf(token, keys), m.cardControls(t, name, cards.length > 1));
    }),
  );

  const searching = cards.length >= SEARCH_FROM;
  const home = m.el(
    'section',
    { class: 'home', 'aria-labelledby': 'home-title' },
    m.el('h2', { id: 'home-title', class: 'mode' }, serialMode ? t.home.displaySerial : t.home.displayCode),
    searching && m.el('label', { class: 'search' }, m.el('span', { class: 'visually-hidden' }, t.home.search), m.el('input', { type: 'search', 'data-testid': 'token-search', placeholder: t.home.search })),
    m.el('ul', { class: 'cards' }, ...items),
    m.el('button', { class: 'add', 'data-testid': 'add-token' }, `＋ ${t.home.addToken}`),
  );
  const nodes = [m.header(t), m.el('main', { class: 'app-main' }, home)];
  document.title = t.app.title;
  target.prepend(...nodes);
  markFirstCode();

  // Until the app takes over: the seconds and the codes stay right, and a tap waits for the app.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const at = Date.now();
    if (!serialMode) for (const c of timeCards) void paintTimeCard(t, c, at);
    timer = setTimeout(tick, 1000 - (at % 1000) + 1);
  };
  timer = setTimeout(tick, 1000 - (now % 1000) + 1);
  let tapped: { hook: string; token?: string } | undefined;
  const onClick = (e: Event) => {
    const hooked = (e.target as Element).closest<HTMLElement>('[data-testid]');
    e.preventDefault();
    if (hooked) tapped = { hook: hooked.dataset.testid!, token: hooked.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId };
  };
  for (const n of nodes) n.addEventListener('click', onClick, true);

  return {
    handOver(app) {
      clearTimeout(timer);
      const query = (home.querySelector('[data-testid="token-search"]') as HTMLInputElement | null)?.value;
      for (const n of nodes) n.remove();
      if (query) {
        const input = app.querySelector<HTMLInputElement>('[data-testid="token-search"]');
        if (input) (input.value = query), input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (!tapped) return;
      const scope = tapped.token ? app.querySelector(`[data-token-id="${CSS.escape(tapped.token)}"]`) : app;
      scope?.querySelector<HTMLElement>(`[data-testid="${tapped.hook}"]`)?.click();
    },
  };
}
