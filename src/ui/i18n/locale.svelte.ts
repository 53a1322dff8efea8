// The PWA's display language and strings (the shared format: src/i18n/catalogues.svelte.ts). The
// shell and home screen need only `home`; the other screens load their part as they open
// (App.svelte), so the first code waits for no other screen's strings, nor another language's.
import { Catalogues } from '../../i18n/catalogues.svelte.ts';
import type { EnrollStrings } from './ja/enroll.ts';
import type { HelpStrings } from './ja/help.ts';
import type { HomeStrings } from './ja/home.ts';
import type { SettingsStrings } from './ja/settings.ts';
import type { SignStrings } from './ja/sign.ts';
import type { LockSetupStrings } from './ja/lock-setup.ts';
import { LANG_KEY } from './home-strings.ts';

export type { Lang } from '../../i18n/languages.ts';
export type Strings = HomeStrings & EnrollStrings & HelpStrings & SettingsStrings & SignStrings & LockSetupStrings;
export type Part = 'home' | 'enroll' | 'help' | 'settings' | 'sign' | 'lock-setup';

export const locale = new Catalogues<Strings, Part>(import.meta.glob<{ default: object }>('./*/*.ts'), LANG_KEY, ['home']);
