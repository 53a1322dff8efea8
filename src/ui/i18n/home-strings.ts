// The home part of the catalogue in the reader's language, without the app's reactive catalogue
// (locale.svelte.ts), for the first paint. The same chunk as the app's `home` part.
import { readerLanguage } from '../../i18n/languages.ts';
import type { HomeStrings } from './ja/home.ts';

import { LANG_KEY } from './lang-key.ts';

export { LANG_KEY };

const parts = import.meta.glob<{ default: HomeStrings }>('./*/home.ts');

export async function homeStrings(): Promise<HomeStrings> {
  const lang = readerLanguage(LANG_KEY);
  document.documentElement.lang = lang;
  return (await parts[`./${lang}/home.ts`]!()).default;
}
