// Where the reader's chosen language is kept (localStorage); also read by public/browser-check.js
// through the build (vite.config.ts), so it is declared once here.
export const LANG_KEY = 'soft-token.lang';
