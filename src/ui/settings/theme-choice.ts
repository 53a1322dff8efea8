// The saved colour theme and how it is applied (plain: the first paint applies it before painting).
// app.css reads `data-theme` on <html>; without it, prefers-color-scheme decides.
export type Theme = 'system' | 'light' | 'dark';
export const THEME_KEY = 'soft-token.theme';

export function savedTheme(): Theme {
  const value = globalThis.localStorage?.getItem(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
