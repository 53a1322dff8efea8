// The colour theme: follows the system unless the user picks light or dark (remembered here).
import { applyTheme as apply, savedTheme as saved, THEME_KEY as KEY, type Theme } from './theme-choice.ts';

export type { Theme };

class ThemeState {
  #theme = $state<Theme>(saved());

  constructor() {
    apply(this.#theme);
  }

  get current(): Theme {
    return this.#theme;
  }

  set(theme: Theme) {
    this.#theme = theme;
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
    apply(theme);
  }
}

export const theme = new ThemeState();
