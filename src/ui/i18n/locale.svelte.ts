// The display language: Japanese when the browser prefers it, else English; the menu switch
// overrides and is remembered (a preference, not a secret).
import { ja, type Strings } from './ja.ts';
import { en } from './en.ts';

export type Lang = 'ja' | 'en';
const KEY = 'soft-token.lang';
const catalogues: Record<Lang, Strings> = { ja, en };

function initial(): Lang {
  const saved = globalThis.localStorage?.getItem(KEY);
  if (saved === 'ja' || saved === 'en') return saved;
  const langs = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'ja'];
  return langs.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

class Locale {
  #lang = $state<Lang>(initial());

  get lang(): Lang {
    return this.#lang;
  }

  get t(): Strings {
    return catalogues[this.#lang];
  }

  set(lang: Lang) {
    this.#lang = lang;
    localStorage.setItem(KEY, lang);
    document.documentElement.lang = lang;
  }

  toggle() {
    this.set(this.#lang === 'ja' ? 'en' : 'ja');
  }
}

export const locale = new Locale();
