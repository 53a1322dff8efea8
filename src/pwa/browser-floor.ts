/**
 * The oldest browsers the app is built and tested for: iOS/iPadOS 15.4 (every iPhone browser is
 * WebKit) and Android 6 with Chrome or WebView 98. Lower is ruled out by the stack: Svelte 5 emits
 * private class methods and `:where()` CSS, workbox's worker calls `Promise.allSettled`, and the app
 * needs `structuredClone` and `Array.prototype.at` (Safari 15.4, Chrome 98).
 */
export const BROWSER_FLOOR = { safari: '15.4', ios: '15.4', chrome: '98', android: '6' } as const;

/** The same floor as build targets (vite/oxc and lightningcss names). */
export const BROWSER_FLOOR_TARGETS = ['chrome98', 'safari15.4', 'ios15.4'] as const;
