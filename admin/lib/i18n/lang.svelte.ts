/** The screens' language: Japanese first, English second; from the browser, switchable, remembered. */
import { ja, type MessageKey } from './ja.ts';
import { en } from './en.ts';
import { ApiError } from '../api.ts';

export type Lang = 'ja' | 'en';
const catalogues: Record<Lang, Record<MessageKey, string>> = { ja, en };
const STORAGE_KEY = 'soft-token-admin-lang';

function initial(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    // storage may be blocked; fall back to the browser's languages
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    if (l.toLowerCase().startsWith('ja')) return 'ja';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'ja';
}

class Language {
  #current = $state<Lang>(initial());

  constructor() {
    document.documentElement.lang = this.#current;
  }

  get current(): Lang {
    return this.#current;
  }

  set current(l: Lang) {
    this.#current = l;
    document.documentElement.lang = l;
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not remembered; still switched for this page
    }
  }

  toggle(): void {
    this.current = this.#current === 'ja' ? 'en' : 'ja';
  }
}

export const lang = new Language();

/** The message for `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[lang.current][key].replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** A refusal in the current language: the service's own message, else ours for its code. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.localized) return e.localized[lang.current];
    const key = `error.${e.code}` as MessageKey;
    if (key in ja) return t(key);
    return t('error.generic', { code: e.code });
  }
  return t('error.generic', { code: e instanceof Error ? e.name : 'unknown' });
}
