// The colour theme: follows the system unless the user picks light or dark (remembered here).
// app.css reads `data-theme` on <html>; without it, prefers-color-scheme decides.
export type Theme = 'system' | 'light' | 'dark';
const KEY = 'soft-token.theme';

function saved(): Theme {
  const value = globalThis.localStorage?.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

function apply(theme: Theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

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
