import './pwa/trusted-types.ts'; // first: the Trusted Types policy must exist before any markup is made
import './ui/app.css';
import { firstPaint } from './ui/home/first-paint.ts';

// public/browser-check.js ran first: below the floor it shows its message, and the app starts
// nothing (no vault, so no IndexedDB; no mount, so no service worker).
if (document.documentElement.dataset.browser !== 'unsupported') {
  const target = document.getElementById('app')!;
  // The codes first (plain DOM, a few KB); the Svelte app once they are on screen, so its bytes
  // never stand between the user and a code. No paint (a lock, no tokens): the app at once.
  void firstPaint(target).catch(() => undefined).then((paint) => {
    const start = () => import('./ui/start-app.ts').then(({ startApp }) => startApp(target, paint));
    if (paint) requestAnimationFrame(() => setTimeout(start, 0));
    else void start();
  });
}
