import './pwa/trusted-types.ts'; // first: the Trusted Types policy must exist before any markup is made
import './ui/app.css';
import './ui/install/install-event.ts'; // the browser offers installation once, early
import { firstPaint, type FirstPaint } from './ui/home/first-paint.ts';
import { afterFirstCode } from './ui/first-code.ts';
import { linkPageIcon } from './ui/page-icon.ts';
// The limits travel in this chunk: the home strings use them, and a chunk of their own was one
// more file (and module) between the entry and the first code.
import './core/limits.ts';

// public/browser-check.js ran first: below the floor it shows its message, and the app starts
// nothing (no vault, so no IndexedDB; no mount, so no service worker).
if (document.documentElement.dataset.browser !== 'unsupported') {
  const target = document.getElementById('app')!;
  // The codes first (plain DOM, a few KB); the Svelte app only once something needs it, so its
  // bytes never stand between the user and a code. No paint (a lock, no tokens): the app at once.
  let painted: Promise<FirstPaint | undefined> | undefined;
  let starting: Promise<void> | undefined;
  const wake = () => {
    starting ??= Promise.all([import('./ui/start-app.ts'), painted]).then(([{ startApp }, paint]) => startApp(target, paint));
  };
  painted = firstPaint(target, wake).catch(() => undefined);
  void painted.then((paint) => paint ?? wake());
  // Where no code shows (a lock, no tokens) the icon comes after 5 s; a slow phone's first code can take over 1 s.
  void afterFirstCode(5000).then(linkPageIcon);
}
