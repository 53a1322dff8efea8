// public/browser-check.js (ES5, run before the app) picks the reader's language to preload the home
// screen's strings; the app then imports the strings readerLanguage picks. The two must agree, or
// a reader would download another language's strings as well: both run here on the same stored
// choices and browser languages, the script in a sandbox with the files the build fills in.
import fs from 'node:fs';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_LANGUAGE, LANGUAGES, readerLanguage } from '../../../src/i18n/languages.ts';
import { LANG_KEY } from '../../../src/ui/i18n/lang-key.ts';
import { DB_NAME, EARLY_VAULT_OPEN, STORE_NAME } from '../../../src/vault/store-handle.ts';
import { fillBrowserCheck } from '../../../src/pwa/browser-check-fill.ts';

const SCRIPT = fs.readFileSync('public/browser-check.js', 'utf8');
const FILES = Object.fromEntries(LANGUAGES.map((l) => [l.code, [`/assets/home-${l.code}.js`, '/assets/limits.js']]));

interface Reader {
  saved?: string | null;
  languages: string[];
  language?: string;
  blocked?: boolean;
}

function storage(r: Reader) {
  return {
    getItem(key: string) {
      if (r.blocked) throw new DOMException('denied', 'SecurityError');
      return key === LANG_KEY ? (r.saved ?? null) : null;
    },
  };
}

/** A supported browser's window (every feature the script tests for) for this reader, with `more`. */
function browserWindow(r: Reader, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    crypto: { subtle: {} },
    structuredClone() {},
    HTMLDialogElement: function HTMLDialogElement() {},
    localStorage: storage(r),
    navigator: { languages: r.languages, language: r.language ?? r.languages[0] },
    ...more,
  };
}

const HOME = { key: LANG_KEY, first: FIRST_LANGUAGE, files: FILES };

/** What the script preloads for this reader, in a supported browser (every feature present). */
function preloaded(r: Reader): string[] {
  const links: { rel: string; href: string }[] = [];
  const document = {
    createElement: (tag: string) => (tag === 'script' ? { noModule: false } : { rel: '', href: '' }),
    head: { appendChild: (el: { rel: string; href: string }) => links.push(el) },
    documentElement: { setAttribute() {} },
  };
  const source = fillBrowserCheck(SCRIPT, { home: HOME });
  vm.runInNewContext(source, { window: browserWindow(r), document, Object, String, DOMException });
  expect(links.every((l) => l.rel === 'modulepreload')).toBe(true);
  return links.map((l) => l.href);
}

afterEach(() => vi.unstubAllGlobals());

describe('browser-check.js preloads the strings readerLanguage picks', () => {
  it.each<[string, Reader]>([
    ['a Japanese browser', { languages: ['ja-JP', 'en-US'] }],
    ['an English browser', { languages: ['en-US', 'ja'] }],
    ['a British English browser, region in capitals', { languages: ['EN-GB'] }],
    ['a French browser that also reads English', { languages: ['fr-FR', 'en'] }],
    ['a browser with none of ours', { languages: ['de-DE', 'fr'] }],
    ['a browser with only navigator.language', { languages: [], language: 'en-AU' }],
    ['an English browser whose reader chose Japanese', { languages: ['en-US'], saved: 'ja' }],
    ['a Japanese browser whose reader chose English', { languages: ['ja'], saved: 'en' }],
    ['a stored value that is no language of ours', { languages: ['en-US'], saved: 'xx' }],
    ['storage that refuses to be read', { languages: ['en-US'], saved: 'ja', blocked: true }],
  ])('%s', (_, reader) => {
    vi.stubGlobal('localStorage', storage(reader));
    vi.stubGlobal('navigator', { languages: reader.languages, language: reader.language ?? reader.languages[0] });
    const lang = readerLanguage(LANG_KEY);
    expect(preloaded(reader)).toEqual(FILES[lang]);
  });

  it('has the markers the build fills in', () => {
    expect(SCRIPT).toMatch(/\/\*HOME_STRINGS\*\/ \{ key: '', first: '', files: \{\} \}/);
    expect(SCRIPT).toMatch(/\/\*VAULT\*\/ \{ db: '', store: '', name: '' \}/);
  });

  it('is built without its comment lines, its code kept', () => {
    const built = fillBrowserCheck(SCRIPT, { home: HOME });
    expect(built).not.toMatch(/^\s*\/\//m);
    expect(built.length).toBeLessThan(SCRIPT.length * 0.8);
    expect(built).toContain("m.push('crypto.subtle')");
  });

  it('fails the build when a marker is gone', () => {
    expect(() => fillBrowserCheck(SCRIPT.replace('/*VAULT*/', ''), { home: HOME, vault: { db: DB_NAME, store: STORE_NAME, name: EARLY_VAULT_OPEN } })).toThrow(/the VAULT marker is gone/);
    expect(() => fillBrowserCheck(SCRIPT.replace('/*HOME_STRINGS*/', ''), { home: HOME })).toThrow(/the HOME_STRINGS marker is gone/);
  });
});

/** The script run as built (names filled in) on a window with an IndexedDB that records its opens. */
function withDatabase({ supported = true, vault = true, throws = false } = {}) {
  const opens: string[] = [];
  const made: string[] = [];
  const db = { createObjectStore: (name: string) => made.push(name) };
  const request: Record<string, unknown> = { result: db };
  const window = browserWindow({ languages: ['ja'] }, {
    ...(supported ? {} : { structuredClone: undefined }),
    indexedDB: {
      open(name: string) {
        if (throws) throw new DOMException('denied', 'SecurityError');
        opens.push(name);
        return request;
      },
    },
  });
  const document = {
    createElement: (tag: string) => (tag === 'script' ? { noModule: false } : {}),
    head: { appendChild() {} },
    documentElement: { setAttribute() {} },
    readyState: 'complete',
  };
  const source = fillBrowserCheck(SCRIPT, { home: HOME, vault: vault ? { db: DB_NAME, store: STORE_NAME, name: EARLY_VAULT_OPEN } : undefined });
  vm.runInNewContext(source, { window, document, Object, String, DOMException });
  return { opens, made, db, request, early: window[EARLY_VAULT_OPEN] as Promise<unknown> | undefined };
}

describe('browser-check.js opens the vault while the page loads', () => {
  it('opens the database by name, makes the store on a first open and leaves the connection for the app', async () => {
    const { opens, made, db, request, early } = withDatabase();
    expect(opens).toEqual([DB_NAME]);
    (request.onupgradeneeded as () => void)();
    expect(made).toEqual([STORE_NAME]);
    (request.onsuccess as () => void)();
    await expect(early).resolves.toBe(db);
  });

  it('hands the app a failed open as a rejection (the app then opens the database itself)', async () => {
    const { request, early } = withDatabase();
    request.error = new DOMException('quota', 'QuotaExceededError');
    (request.onerror as () => void)();
    await expect(early).rejects.toMatchObject({ name: 'QuotaExceededError' });
  });

  it('opens nothing below the floor, nor where the open throws, nor unbuilt (the dev server)', () => {
    expect(withDatabase({ supported: false }).opens).toEqual([]);
    expect(withDatabase({ supported: false }).early).toBeUndefined();
    expect(withDatabase({ throws: true }).early).toBeUndefined();
    expect(withDatabase({ vault: false }).opens).toEqual([]);
  });
});
