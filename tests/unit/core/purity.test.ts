// The core must run unchanged in Node, Chromium and the server: no DOM, storage, clock, network or
// WebCrypto of its own (HMAC is injected), and no `new URL()` for the non-special otpauth scheme.
import { describe, expect, it } from 'vitest';

// Vite inlines the sources at build time, so this reads them in the browser project too.
const sources = import.meta.glob('../../../src/core/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const FORBIDDEN: [string, RegExp][] = [
  ['clock', /\bDate\.now\b|\bnew Date\b|\bperformance\.now\b/],
  ['DOM', /\b(window|document|navigator|localStorage|sessionStorage|indexedDB)\b/],
  ['network', /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b/],
  ['WebCrypto', /\bcrypto\.(subtle|getRandomValues)\b|\bMath\.random\b/],
  ['URL parser', /\bnew URL\b|\bURLSearchParams\b/],
  ['timers', /\bset(Timeout|Interval)\b/],
];

describe('src/core stays pure', () => {
  it('has the modules the API names', () => {
    const names = Object.keys(sources).map((path) => path.split('/').pop());
    expect(names).toEqual(expect.arrayContaining([
      'algorithms.ts', 'base32.ts', 'hotp.ts', 'totp.ts', 'token-spec.ts', 'otpauth-errors.ts',
      'otpauth-uri.ts', 'migration.ts', 'enrollment-text.ts', 'serial.ts', 'format.ts', 'limits.ts', 'names.ts',
    ]));
  });

  it.each(FORBIDDEN)('uses no %s', (_what, pattern) => {
    for (const [path, source] of Object.entries(sources)) {
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention them
      expect(pattern.test(code), `${path} matches ${pattern}`).toBe(false);
    }
  });

  it('imports nothing outside src/core', () => {
    for (const [path, source] of Object.entries(sources)) {
      for (const [, from] of source.matchAll(/\bfrom\s+'([^']+)'/g)) expect(from, path).toMatch(/^\.\/[a-z0-9-]+\.ts$/);
    }
  });
});
