// The home screen as plain DOM, for the first paint: the same elements, classes (home.css) and
// test hooks as App.svelte's header and the Svelte home, so the app can take over unseen. Text
// only through textContent: nothing from a token's names is ever markup.
import { groupDigits } from '../../core/format.ts';
import type { TokenMeta } from '../../vault/records.ts';
import type { HomeStrings } from '../i18n/ja/home.ts';
import { coverTimings, type StillCovers } from './ring-covers.ts';

type Attrs = Record<string, string | number | boolean | undefined>;

export function el(tag: string, attrs: Attrs = {}, ...children: (Node | string | false | undefined)[]): HTMLElement {
  const e = document.createElement(tag);
  // for…in, not Object.entries: no array per element (the first paint makes ~25 elements a card).
  for (const name in attrs) {
    const value = attrs[name];
    if (value === undefined || value === false) continue;
    if (name === 'class') e.className = String(value);
    else e.setAttribute(name, value === true ? '' : String(value));
  }
  for (const c of children) if (c !== false && c !== undefined) e.append(c);
  return e;
}

/** The header of App.svelte with the ≡ button of Menu.svelte (its items come with the app). */
export function header(t: HomeStrings): HTMLElement {
  return el(
    'header',
    { class: 'top' },
    el('h1', {}, t.app.title),
    el(
      'div',
      { class: 'menu-root' },
      el('button', { class: 'menu-button', 'data-testid': 'menu', 'aria-label': t.app.menu, 'aria-expanded': 'false', 'aria-controls': 'main-menu' }, '≡'),
    ),
  );
}

/** CountdownRing.svelte's covers for one period: one CSS animation each, started `elapsedMs` in. */
export function ringCovers(period: number, elapsedMs: number, still: StillCovers | undefined): HTMLElement[] {
  const timings = coverTimings(period, elapsedMs);
  return (['right', 'left'] as const).map((side) => {
    const cover = el('span', { class: 'cover' });
    cover.style.setProperty('animation-duration', timings[side].duration);
    cover.style.setProperty('animation-timing-function', timings[side].easing);
    cover.style.setProperty('animation-delay', timings[side].delay);
    if (still) cover.style.setProperty('--still', still[side]);
    return el('span', { class: `half ${side}` }, cover);
  });
}

export function ring(period: number): HTMLElement {
  return el(
    'div',
    { class: 'ring', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': period, 'data-testid': 'countdown' },
    el('span', { class: 'face', 'aria-hidden': 'true' }, el('span', { class: 'dial' })),
    el('span', { class: 'seconds', 'aria-hidden': 'true' }, ''),
  );
}

/**
 * The ring at rest in one element, the dial: the part gone of the period in the track colour, as
 * the covers would show it (ring.css, .at-rest), with no covers and no halves to style and paint.
 */
export function restingDial(ringEl: Element, left: number, period: number): void {
  // A ring rests only until the covers are first made (first-paint.ts): its face holds the dial alone.
  ringEl.querySelector<HTMLElement>('.dial')!.style.setProperty('--gone', `${360 * (1 - left / period)}deg`);
}

/** Reduced motion: the covers rest at the angles for the seconds left. */
export function setStill(ringEl: Element, still: StillCovers): void {
  const [right, left] = ringEl.querySelectorAll<HTMLElement>('.cover');
  right?.style.setProperty('--still', still.right);
  left?.style.setProperty('--still', still.left);
}

/** The ring's number and its accessible value for `left` seconds (CountdownRing.svelte's attributes). */
export function setRing(ringEl: Element, left: number, label: string): void {
  ringEl.classList.toggle('urgent', left <= 5);
  ringEl.setAttribute('aria-valuenow', String(left));
  ringEl.setAttribute('aria-valuetext', label);
  ringEl.setAttribute('aria-label', label);
  // The same text node each second: its new text needs layout inside the ring only, no new node's style.
  (ringEl.lastElementChild!.firstChild as Text).data = String(left);
}

/** CodeButton.svelte: the grouped code and its copy status line. */
export function codeButton(t: HomeStrings, code: string, name: string, small: boolean): HTMLElement[] {
  return [
    el('button', { class: small ? 'code hotp' : 'code', 'data-testid': 'code', 'aria-label': codeLabel(t, code, name), title: t.home.copy }, groupDigits(code)),
    el('span', { class: 'copied', role: 'status', 'aria-live': 'polite' }),
  ];
}

export function codeLabel(t: HomeStrings, code: string, name: string): string {
  return `${t.home.codeFor(name)}: ${code.split('').join(' ')}. ${t.home.copy}`;
}

/** NextCode.svelte. */
export function nextCode(t: HomeStrings, code: string): HTMLElement {
  return el(
    'span',
    { class: 'next-code', 'data-testid': 'next-code' },
    el('span', { 'aria-hidden': 'true' }, `${t.home.next}: ${groupDigits(code)}`),
    el('span', { class: 'visually-hidden' }, t.home.nextFor(code.split('').join(' '))),
  );
}

const GRIP_DOTS = [
  [3, 4], [9, 4], [3, 10], [9, 10], [3, 16], [9, 16],
] as const;

let gripDots: SVGSVGElement | undefined;

/** ReorderHandle.svelte's dots: made once, then cloned for each card (one call instead of 20). */
function gripSvg(): SVGSVGElement {
  if (!gripDots) {
    gripDots = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    gripDots.setAttribute('viewBox', '0 0 12 20');
    gripDots.setAttribute('aria-hidden', 'true');
    for (const [cx, cy] of GRIP_DOTS) {
      const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
      dot.setAttribute('cx', String(cx));
      dot.setAttribute('cy', String(cy));
      dot.setAttribute('r', '1.6');
      gripDots.append(dot);
    }
  }
  return gripDots.cloneNode(true) as SVGSVGElement;
}

/** ReorderHandle.svelte and the ⋯ of TokenActions.svelte (they work once the app is in). */
export function cardControls(t: HomeStrings, name: string, reorderable: boolean): HTMLElement[] {
  const controls: HTMLElement[] = [];
  if (reorderable) {
    const grip = el('button', { type: 'button', class: 'grip', 'data-testid': 'reorder-handle', 'aria-label': t.home.reorder(name) });
    grip.append(gripSvg());
    controls.push(grip, el('span', { class: 'visually-hidden', role: 'status' }));
  }
  controls.push(el('details', { class: 'actions' }, el('summary', { 'aria-label': t.home.actions, 'data-testid': 'token-actions' }, '⋯')));
  return controls;
}

/** TokenCard.svelte's frame: names, then `face`, serial, signing action and controls. */
export function card(t: HomeStrings, token: TokenMeta, face: HTMLElement[], serialMode: boolean, signs: boolean, controls: HTMLElement[]): HTMLElement {
  return el(
    'li',
    { class: 'card', 'data-testid': 'token', 'data-token-id': token.id, 'data-type': token.type },
    el('div', { class: 'names' }, el('span', { class: 'issuer', 'data-testid': 'issuer' }, token.issuer), el('span', { class: 'label', 'data-testid': 'label' }, token.label)),
    ...(serialMode
      ? [el('div', { class: 'value serial-mode' }, el('span', { class: 'caption' }, t.home.serial), el('span', { class: 'serial', 'data-testid': 'serial' }, token.serial ?? t.home.noSerial))]
      : [...face, token.serial ? el('span', { class: 'serial-small', 'data-testid': 'serial' }, `${t.home.serial}: ${token.serial}`) : undefined]
    ).filter((x): x is HTMLElement => !!x),
    signs && el('button', { class: 'sign', 'data-testid': 'sign-transaction' }, t.home.signTransaction),
    ...controls,
  );
}

export function brokenCard(t: HomeStrings, token: TokenMeta): HTMLElement {
  return el('li', { class: 'broken', 'data-testid': 'token', role: 'alert' }, el('strong', {}, `${token.issuer} ${token.label}`), el('span', {}, t.home.tokenBroken));
}

export function ocraFace(t: HomeStrings, suite: string): HTMLElement {
  return el('p', { class: 'value signing-only' }, t.home.signingOnly, el('span', { class: 'suite' }, suite));
}
