/** The bank screens' language and strings (the shared format: src/i18n/catalogues.svelte.ts). */
import { Catalogues } from '../../../src/i18n/catalogues.svelte.ts';
import { LANGUAGES } from '../../../src/i18n/languages.ts';
import type { ApiErrorCode } from '../../../server/errors.ts';
import { ApiError } from '../api.ts';
import type { AdminStrings } from './ja/admin.ts';
import type { BankStrings } from './ja/bank.ts';
import type { CommonStrings } from './ja/common.ts';
import type { SigninStrings } from './ja/signin.ts';

export type Strings = CommonStrings & AdminStrings & BankStrings & SigninStrings;
/** `common` for every page; each page (its main.ts) loads its own part before it mounts. */
export type Part = 'common' | 'admin' | 'bank' | 'signin';

export const locale = new Catalogues<Strings, Part>(import.meta.glob<{ default: object }>('./*/*.ts'), 'soft-token-admin-lang', ['common']);

/** Dates and amounts as the reader's language writes them. */
export function dateLocale(): string {
  return LANGUAGES.find((l) => l.code === locale.lang)!.dateLocale;
}

/** A refusal in the reader's language: the service sends only its code, and the code is said here. */
export function errorText(e: unknown): string {
  const t = locale.t;
  if (e instanceof ApiError) {
    if (Object.hasOwn(t.apiError, e.code)) return t.apiError[e.code as ApiErrorCode];
    const own = (t.error as Record<string, unknown>)[e.code];
    if (typeof own === 'string') return own;
    return t.error.generic({ code: e.code });
  }
  return t.error.generic({ code: e instanceof Error ? e.name : 'unknown' });
}
