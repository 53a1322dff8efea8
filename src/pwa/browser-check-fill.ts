// What the build writes into public/browser-check.js (vite.config.ts), declared once for the build
// and for the tests that run the script as built: its two markers and what fills them.

/** The home screen's string chunks per language, for the script to preload the reader's. */
export interface HomeStringsFill {
  key: string;
  first: string;
  files: Record<string, string[]>;
}

/** The vault's database, for the script to open as the page loads (src/vault/store-handle.ts). */
export interface VaultFill {
  db: string;
  store: string;
  name: string;
}

const MARKERS = {
  home: /\/\*HOME_STRINGS\*\/ \{[^}]*\{\}\s*\}/,
  vault: /\/\*VAULT\*\/ \{[^}]*\}/,
} as const;

/**
 * The script with the parts given written in (a part left out stays empty, as without a build:
 * the dev server), without its comment lines: it blocks the parser, and they were a third of its
 * bytes (1.6 → 1.1 KB gzip). Throws when a part's marker is gone from the script.
 */
export function fillBrowserCheck(template: string, fill: { home?: HomeStringsFill; vault?: VaultFill }): string {
  let source = template;
  for (const part of ['home', 'vault'] as const) {
    const value = fill[part];
    if (!value) continue;
    if (!MARKERS[part].test(source)) throw new Error(`public/browser-check.js: the ${part === 'home' ? 'HOME_STRINGS' : 'VAULT'} marker is gone`);
    source = source.replace(MARKERS[part], JSON.stringify(value));
  }
  return source
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
}
