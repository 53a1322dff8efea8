#!/usr/bin/env node
// The one test command: browser, type check, build, unit + browser (vitest), end to end
// (Playwright). Prints a closing line "N passed, N failed" summed over all suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const reports = '.vitest-reports';
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const lines = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function step(name, cmd, args) {
  const ok = run(cmd, args);
  ok ? passed++ : failed++;
  lines.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

if (!run('bash', ['scripts/ensure-chromium.sh'])) { console.log('0 passed, 1 failed'); process.exit(1); }

step('type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);
const built = step('build', 'npm', ['run', '--silent', 'build']);
// Every built chunk within the browser floor (iOS 15.4, Chrome 98); the checker's own test plants failures.
if (built) step('browser floor (dist/)', 'node', ['scripts/browser-floor-check.mjs', 'dist']);

// vitest: unit (Node) and browser (Chromium)
const vitestOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
const v = readJson(`${reports}/vitest.json`);
if (v) {
  passed += v.numPassedTests; failed += v.numFailedTests;
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`);
  if (!vitestOk && v.numFailedTests === 0) { failed++; lines.push('vitest: run failed outside a test'); }
} else { failed++; lines.push('vitest: no report'); }

// The bank service's tests again on PostgreSQL (Debian's package, installed when missing), as
// DATABASE_URL deployments run them. A machine that cannot have PostgreSQL says so and skips.
{
  const pg = spawnSync('bash', ['scripts/postgres-for-tests.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const url = pg.status === 0 ? pg.stdout.trim().split('\n').pop() : '';
  if (url) {
    run('npx', ['vitest', 'run', '--project', 'unit', 'tests/unit/server', '-t', 'PostgreSQL', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/postgres.json`], { DATABASE_URL: url });
    const r = readJson(`${reports}/postgres.json`);
    if (r && r.numPassedTests + r.numFailedTests > 0) {
      passed += r.numPassedTests; failed += r.numFailedTests;
      lines.push(`server on PostgreSQL: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    } else { failed++; lines.push('server on PostgreSQL: no report'); }
  } else {
    lines.push('server on PostgreSQL: skipped (PostgreSQL could not be installed or started here)');
  }
}

// Playwright end to end, against the build
if (built) {
  const e2eOk = run('npx', ['playwright', 'test']);
  const e = readJson(`${reports}/e2e.json`);
  if (e) {
    const s = e.stats;
    const ep = s.expected + s.flaky; const ef = s.unexpected;
    passed += ep; failed += ef;
    lines.push(`e2e: ${ep} passed, ${ef} failed${s.flaky ? ` (${s.flaky} only on retry)` : ''}${s.skipped ? `, ${s.skipped} skipped` : ''}`);
    if (!e2eOk && ef === 0) { failed++; lines.push('e2e: run failed outside a test'); }
  } else { failed++; lines.push('e2e: no report'); }
} else {
  failed++; lines.push('e2e: not run (build failed)');
}

// WebKit, the engine of every iPhone browser: Debian's WebKitGTK through WebDriver (installed when
// missing), the core flows against the same build.
if (built) {
  if (run('bash', ['scripts/ensure-webkit.sh'])) {
    const tap = `${reports}/webkit.tap`;
    const wkOk = run('node', ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`, 'tests/webkit/flows.test.ts']);
    const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
    const wp = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? NaN);
    const wf = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? NaN);
    if (Number.isFinite(wp) && Number.isFinite(wf)) {
      passed += wp; failed += wf;
      lines.push(`webkit: ${wp} passed, ${wf} failed`);
      if (!wkOk && wf === 0) { failed++; lines.push('webkit: run failed outside a test'); }
    } else { failed++; lines.push('webkit: no report'); }
  } else { failed++; lines.push('webkit: WebKitGTK could not be installed'); }
} else {
  failed++; lines.push('webkit: not run (build failed)');
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
