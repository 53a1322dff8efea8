// English: the settings strings, in the shape of ja/settings.ts.
import type { SettingsStrings } from '../ja/settings.ts';

export default {
  settings: {
    theme: 'Colours',
    themeSystem: 'Same as the device',
    themeLight: 'Light',
    themeDark: 'Dark',
    language: 'Language',
  },
} satisfies SettingsStrings;
