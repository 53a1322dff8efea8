/**
 * The languages of every screen, the PWA's and the bank's, in order: Japanese first. A language is
 * one entry here and one catalogue folder per app (docs/architecture.md).
 */
/** `name`: in its own language; `dateLocale`: how dates and times are written for its readers. */
export const LANGUAGES = [
  { code: 'ja', name: '日本語', dateLocale: 'ja-JP' },
  { code: 'en', name: 'English', dateLocale: 'en-GB' },
] as const;

export type Lang = (typeof LANGUAGES)[number]['code'];

export const FIRST_LANGUAGE: Lang = LANGUAGES[0].code;

export function isLang(value: unknown): value is Lang {
  return LANGUAGES.some((l) => l.code === value);
}

/** The first of the browser's languages that we have (by primary subtag: "en-GB" is "en"); else Japanese. */
export function preferredLanguage(browser: readonly string[]): Lang {
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLang(primary)) return primary;
  }
  return FIRST_LANGUAGE;
}

/** The language after `lang` in the list: what the one-tap switch in a header or menu goes to. */
export function nextLanguage(lang: Lang): (typeof LANGUAGES)[number] {
  const at = LANGUAGES.findIndex((l) => l.code === lang);
  return LANGUAGES[(at + 1) % LANGUAGES.length]!;
}

/** The reader's language: the one they chose (kept under `storageKey`), else the browser's. */
export function readerLanguage(storageKey: string): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(storageKey);
    if (isLang(saved)) return saved;
  } catch {
    // storage may be blocked: the browser's languages decide
  }
  const nav = globalThis.navigator;
  return nav ? preferredLanguage(nav.languages?.length ? nav.languages : [nav.language]) : FIRST_LANGUAGE;
}
