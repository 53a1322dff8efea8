#!/usr/bin/env node
// Fails when a built file uses syntax, an API or CSS newer than the browser floor (iOS 15.4,
// Chrome/WebView 98; see src/pwa/browser-floor.ts). es-check parses every chunk as ES2022 (the
// floor's language, less what the rules below add), then the rules catch what an ES version
// cannot name: features from ES2022 that Safari 15.4 lacks, and later browser APIs.
// Usage: node scripts/browser-floor-check.mjs [dist]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FLOOR_ES_VERSION = 'es2022';

/** Syntax the floor cannot parse although es2022 allows it, found in any JS text (strings too). */
export const SYNTAX_RULES = [
  // A bundler turns a literal into new RegExp("(?<=…)") for old targets: still a SyntaxError there.
  { name: 'regex lookbehind (Safari 16.4)', pattern: /\(\?<[=!]/ },
  { name: 'class static block (Safari 16.4)', pattern: /\bstatic\s*\{/ },
];

/**
 * Globals and methods newer than the floor. A use is allowed when the same file also tests for
 * the name (`typeof X`, `"X" in …`), so a feature-detected fallback passes.
 */
export const API_RULES = [
  ['OffscreenCanvas', 'Safari 16.4'],
  ['requestIdleCallback', 'not in Safari'],
  ['scheduler', 'not in Safari'],
  ['CompressionStream', 'Safari 16.4'],
  ['DecompressionStream', 'Safari 16.4'],
  ['AbortSignal.timeout', 'Chrome 103, Safari 16'],
  ['AbortSignal.any', 'Chrome 116, Safari 17.4'],
  ['Promise.withResolvers', 'Chrome 119, Safari 17.4'],
  ['Object.groupBy', 'Chrome 117, Safari 17.4'],
  ['Map.groupBy', 'Chrome 117, Safari 17.4'],
  ['Array.fromAsync', 'Chrome 121, Safari 16.4'],
  ['.toSorted', 'Chrome 110, Safari 16'],
  ['.toReversed', 'Chrome 110, Safari 16'],
  ['.toSpliced', 'Chrome 110, Safari 16'],
  ['.isWellFormed', 'Chrome 111, Safari 16.4'],
  ['.toWellFormed', 'Chrome 111, Safari 16.4'],
  ['.union', 'Chrome 122, Safari 17'],
  ['.symmetricDifference', 'Chrome 122, Safari 17'],
  ['.isSubsetOf', 'Chrome 122, Safari 17'],
  ['.transferToFixedLength', 'Chrome 114, Safari 17.4'],
  ['.showPicker', 'Chrome 99, Safari 16'],
  ['.checkVisibility', 'Chrome 105, Safari 17.4'],
  ['.showPopover', 'Chrome 114, Safari 17'],
  ['navigator.wakeLock', 'Safari 16.4'],
  ['URL.canParse', 'Chrome 120, Safari 17'],
  ['Iterator.from', 'Chrome 122, Safari 18.4'],
].map(([name, since]) => {
  const bare = name.replace(/^.*\./, '');
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const use = name.startsWith('.') ? new RegExp(`\\.${esc(bare)}\\s*\\(`) : new RegExp(`(?:^|[^\\w$.])${esc(name)}\\b`);
  const guard = new RegExp(`typeof\\s*(?:[\\w$.]+\\.)?${esc(bare)}\\b|["'\`]${esc(bare)}["'\`]\\s*in\\b`);
  return { name, since, use, guard };
});

/** CSS the floor drops (a whole rule or block, not one declaration). */
export const CSS_RULES = [
  { name: '@layer (Chrome 99)', pattern: /@layer\b/ },
  { name: '@container (Chrome 105, Safari 16)', pattern: /@container\b/ },
  { name: ':has() (Chrome 105)', pattern: /:has\(/ },
  { name: 'nesting (Chrome 112, Safari 16.5)', pattern: /\{[^{}]*&[^{}]*\{/ },
  { name: 'color-mix() (Chrome 111, Safari 16.2)', pattern: /color-mix\(/ },
  { name: 'light-dark() (Chrome 123, Safari 17.5)', pattern: /light-dark\(/ },
];

/** Problems in one JS file's text, as strings ("" none). */
export function checkScriptText(text) {
  const problems = [];
  for (const rule of SYNTAX_RULES) if (rule.pattern.test(text)) problems.push(rule.name);
  for (const rule of API_RULES) {
    if (rule.use.test(text) && !rule.guard.test(text)) problems.push(`${rule.name} without a feature test (${rule.since})`);
  }
  return problems;
}

export function checkStyleText(text) {
  // Drop strings and comments so content like `"&"` does not count.
  const bare = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return CSS_RULES.filter((rule) => rule.pattern.test(bare)).map((rule) => rule.name);
}

function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** es-check over the files; returns its complaint, or "" when they all parse at the floor's ES version. */
export function esCheck(files) {
  if (files.length === 0) return '';
  const cli = fileURLToPath(new URL('../node_modules/es-check/lib/cli/index.js', import.meta.url));
  const r = spawnSync(process.execPath, [cli, FLOOR_ES_VERSION, ...files, '--module', '--checkFeatures', '--noColor', '--noCache'], { encoding: 'utf8' });
  return r.status === 0 ? '' : (r.stdout + r.stderr).split('\n').filter((l) => /erroring file|error:/.test(l)).join('\n') || 'es-check failed';
}

/** Every problem in a built folder, as "file: problem" lines. */
export function checkBuild(dir) {
  const files = listFiles(dir);
  const js = files.filter((f) => /\.m?js$/.test(f));
  const problems = [];
  for (const f of js) for (const p of checkScriptText(fs.readFileSync(f, 'utf8'))) problems.push(`${path.relative(dir, f)}: ${p}`);
  for (const f of files.filter((f) => f.endsWith('.css'))) for (const p of checkStyleText(fs.readFileSync(f, 'utf8'))) problems.push(`${path.relative(dir, f)}: ${p}`);
  const es = esCheck(js);
  if (es) problems.push(es);
  return { files: js.length + files.filter((f) => f.endsWith('.css')).length, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2] ?? 'dist';
  if (!fs.existsSync(dir)) { console.error(`${dir}/ is missing: run npm run build first`); process.exit(2); }
  const { files, problems } = checkBuild(dir);
  if (problems.length) {
    console.error(`Newer than the browser floor (iOS 15.4, Chrome 98):\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log(`browser floor: ${files} built files parse and run on iOS 15.4 and Chrome 98`);
}
