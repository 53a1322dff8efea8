// Whether and how to offer "Add to Home Screen": the browser's own prompt where it fires
// `beforeinstallprompt` (Chromium), a picture guide on iOS/iPadOS Safari, nothing once installed.
// The browser's event is caught early by install-event.ts, before this loads.

import { onInstallPrompt, type InstallPromptEvent } from './install-event.ts';

const DISMISSED = 'soft-token.install-dismissed';

function standalone(): boolean {
  return (
    matchMedia('(display-mode: standalone)').matches ||
    matchMedia('(display-mode: fullscreen)').matches ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

/** iPhone, iPod, or an iPad (which calls itself a Mac but has a touch screen). */
function isIos(): boolean {
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}

class Install {
  #prompt = $state<InstallPromptEvent | undefined>(undefined);
  #standalone = $state(standalone());
  #dismissed = $state(globalThis.localStorage?.getItem(DISMISSED) === '1');
  readonly ios = isIos();

  constructor() {
    onInstallPrompt((e) => (this.#prompt = e));
    addEventListener('appinstalled', () => {
      this.#prompt = undefined;
      this.#standalone = true;
    });
    matchMedia('(display-mode: standalone)').addEventListener('change', () => (this.#standalone = standalone()));
  }

  get installed(): boolean {
    return this.#standalone;
  }
  /** The browser can install it for us: show the install button. */
  get canPrompt(): boolean {
    return !this.#standalone && this.#prompt !== undefined;
  }
  /** iOS/iPadOS in a browser tab: only the Share menu installs, so show the guide. */
  get guideWanted(): boolean {
    return !this.#standalone && this.ios;
  }
  /** The user said "later" to the offer on the home screen (the menu still has it). */
  get dismissed(): boolean {
    return this.#dismissed;
  }

  dismiss() {
    this.#dismissed = true;
    localStorage.setItem(DISMISSED, '1');
  }

  async prompt() {
    const event = this.#prompt;
    if (!event) return;
    this.#prompt = undefined; // a prompt event can be used once
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === 'accepted') this.#standalone = true;
  }
}

export const install = new Install();
