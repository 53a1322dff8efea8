// What makes the painted home screen load the Svelte app. Left alone, the home screen is only the
// first paint (a few KB, one timer a second); the app comes when the user reaches for anything, or
// when there is something to say that only the app says: another tab's change, an update or
// offline-ready notice, an install offer, a clock warning, tokens lost since the last visit.
import { watchVault } from '../../vault/reader.ts';
import { controlledAtLoad, onWorkerEvent, registerWorker } from '../../pwa/sw-registration.ts';
import { measureOffset, TOLERANCE_SECONDS } from '../clock-check/clock-offset.ts';
import { onInstallPrompt } from '../install/install-event.ts';
import { missingSinceLastVisit } from '../lock/token-marker.ts';
import { afterFirstCode } from '../first-code.ts';

/** The user's first touch, key or focus loads the app (it then takes the tap itself). */
const REACHING = ['pointerdown', 'touchstart', 'keydown', 'focusin', 'input'] as const;

export function wakeWhenNeeded(cardIds: string[], wake: () => void): () => void {
  const offs: (() => void)[] = [];
  const listen = (target: EventTarget, type: string, f: (e: Event) => void) => {
    target.addEventListener(type, f, true);
    offs.push(() => target.removeEventListener(type, f, true));
  };
  for (const type of REACHING) listen(document, type, wake);
  listen(window, 'hashchange', wake);
  offs.push(watchVault(wake), onInstallPrompt(wake));
  // A new version took over from another tab: nothing is lost by reloading the home screen.
  if ('serviceWorker' in navigator) listen(navigator.serviceWorker, 'controllerchange', () => controlledAtLoad && location.reload());
  offs.push(onWorkerEvent((e) => (e === 'need-reload' ? location.reload() : wake())));
  if (missingSinceLastVisit(cardIds) > 0) wake();

  // After the first code's frame: the worker's registration (its chunk's fetch and run, then the
  // browser's work on the registration), then the clock against the origin's.
  void afterFirstCode()
    .then(registerWorker)
    .then(() => (navigator.onLine ? measureOffset() : undefined))
    .then((offset) => {
      if (offset !== undefined && Math.abs(Math.round(offset / 1000)) > TOLERANCE_SECONDS) wake();
    })
    .catch(() => {}); // no answer: nothing to say
  return () => offs.forEach((off) => off());
}
