// The browser floor (iOS 15.4, Chrome/WebView 98) held by the build: every built chunk parses and
// runs there. The checker proves itself first, by failing on planted examples of each rule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuild, checkScriptText, checkStyleText, esCheck } from '../../../scripts/browser-floor-check.mjs';

const DIST = 'dist';
const built = fs.existsSync(path.join(DIST, 'index.html'));

describe('the floor checker refuses what the floor lacks', () => {
  it.each([
    ['a lookbehind literal', 'const r = /(?<![\\ud800-\\udbff])x/;', 'regex lookbehind'],
    ['a lookbehind lowered to a string', 'const r = new RegExp("(?<=a)b", "g");', 'regex lookbehind'],
    ['a class static block', 'class A { static { init(); } }', 'class static block'],
    ['an unguarded OffscreenCanvas', 'const c = new OffscreenCanvas(1, 1);', 'OffscreenCanvas'],
    ['toSorted', 'const b = a.toSorted((x, y) => x - y);', '.toSorted'],
    ['Promise.withResolvers', 'const { promise } = Promise.withResolvers();', 'Promise.withResolvers'],
    ['requestIdleCallback', 'requestIdleCallback(() => work());', 'requestIdleCallback'],
    ['isWellFormed', 'if (!name.isWellFormed()) fail();', '.isWellFormed'],
  ])('%s', (_, source, rule) => {
    expect(checkScriptText(source).join('\n')).toContain(rule);
  });

  it.each([
    ['a named group', 'const r = /(?<year>\\d{4})/;'],
    ['a lookahead', 'const r = /a(?!b)/;'],
    ['a feature-tested OffscreenCanvas', 'const c = typeof OffscreenCanvas == "function" ? new OffscreenCanvas(1, 1) : el;'],
    ['an `in` test', 'if ("requestIdleCallback" in window) requestIdleCallback(f);'],
    ['a property named like a global', 'x.scheduler = 1; const y = x.OffscreenCanvas;'],
    ['a word inside another', 'const isToSortedX = 1; staticValue({});'],
  ])('lets %s pass', (_, source) => {
    expect(checkScriptText(source)).toEqual([]);
  });

  it.each([
    ['@layer', '@layer base{a{color:red}}'],
    ['@container', '@container (min-width:1px){a{color:red}}'],
    [':has()', 'a:has(b){color:red}'],
    ['nesting', '.a{color:red;&:hover{color:blue}}'],
    ['color-mix()', 'a{color:color-mix(in srgb,red,blue)}'],
  ])('CSS %s', (rule, css) => {
    expect(checkStyleText(css).join()).toContain(rule);
  });

  it('CSS the floor has passes (:where, custom properties, an & in a string)', () => {
    expect(checkStyleText(':where(a){--x:1;color:var(--x)}a::after{content:"&{"}')).toEqual([]);
  });

  it('es-check refuses syntax past ES2022 (a regex v flag) and passes ES2022', { timeout: 30_000 }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-'));
    try {
      fs.writeFileSync(path.join(dir, 'new.js'), 'export const r = /[\\p{L}--[a-z]]/v;');
      fs.writeFileSync(path.join(dir, 'ok.js'), 'export class A { #x = 1; get x() { return this.#x; } }\nexport const y = [1].at(-1);');
      expect(esCheck([path.join(dir, 'new.js')])).toMatch(/new\.js/);
      expect(esCheck([path.join(dir, 'ok.js')])).toBe('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// es-check parses every chunk: seconds on a busy machine.
describe.skipIf(!built)('the built app (dist/, made by npm run build)', { timeout: 60_000 }, () => {
  it('every chunk, worker and style sheet is within the floor', () => {
    const { files, problems } = checkBuild(DIST);
    expect(problems).toEqual([]);
    expect(files).toBeGreaterThan(10);
  });

  it('the same build with one planted lookbehind in a real chunk fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floor-dist-'));
    try {
      fs.cpSync(DIST, dir, { recursive: true });
      const chunk = fs.readdirSync(path.join(dir, 'assets')).find((f) => f.startsWith('Enroll-') && f.endsWith('.js'))!;
      fs.appendFileSync(path.join(dir, 'assets', chunk), '\nexport const planted = new RegExp("(?<![\\\\ud800-\\\\udbff])[\\\\udc00-\\\\udfff]");\n');
      expect(checkBuild(dir).problems).toEqual([`assets/${chunk}: regex lookbehind (Safari 16.4)`]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
