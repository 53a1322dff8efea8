// The display language: Japanese when the browser prefers it, else English; the menu switch
// overrides and is remembered (a preference, not a secret). English loads on demand: a catalogue
// is the largest part of the home screen's bytes after Svelte itself, and Japanese comes first.
import { ja, type Strings } from './ja.ts';

export type Lang = 'ja' | 'en';
const KEY = 'soft-token.lang';
const load: Record<Lang, () => Promise<Strings>> = {
  ja: async () => ja,
  en: async () => (await import('./en.ts')).en,
};

function initial(): Lang {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved === 'ja' || saved === 'en') return saved;
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'ja'];
  return langs.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

class Locale {
  #lang = $state<Lang>('ja');
  #strings = $state.raw<Strings>(ja);
  /** Settles once the first language's catalogue is in (at once for Japanese); main.ts waits for it. */
  readonly ready: Promise<void>;

  constructor() {
    const first = initial();
    this.ready = first === 'ja' ? Promise.resolve() : this.#use(first).catch(() => {});
  }

  get lang(): Lang {
    return this.#lang;
  }

  get t(): Strings {
    return this.#strings;
  }

  async #use(lang: Lang) {
    const strings = await load[lang]();
    this.#strings = strings;
    this.#lang = lang;
  }

  async set(lang: Lang) {
    await this.#use(lang);
    localStorage.setItem(KEY, lang);
    document.documentElement.lang = lang;
  }

  toggle() {
    return this.set(this.#lang === 'ja' ? 'en' : 'ja');
  }
}

export const locale = new Locale();
