// The benches beside the app's own (bench/run.ts): QR decoder, PIN guess, transaction signatures,
// and the bank side's, each run in its own stage and printed as rows.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './builds.ts';
import { add, round, stage, type Row } from './report.ts';

/** The other parts' benches, each when its file is present and its group is not skipped. */
export async function otherBenches(SKIP: ReadonlySet<string>): Promise<void> {
  const qr = path.join(root, 'bench', 'qr-decode.ts');
  if (!SKIP.has('qr') && fs.existsSync(qr)) {
    stage('QR decoder');
    const { benchQrDecode } = (await import(pathToFileURL(qr).href)) as typeof import('./qr-decode.ts');
    const r = await benchQrDecode({ print: false });
    add({ group: 'qr decode', name: `decoded (${r.engine}, ${r.frames} frames)`, value: r.decodeRate * 100, unit: '%', budget: '≥ 99 %', pass: r.decodeRate >= 0.99, detail: r.failed.length ? `missed ${r.failed.join(', ')}` : '' });
    add({ group: 'qr decode', name: 'median per 640×480 frame', value: r.medianMs, unit: 'ms', budget: '≤ 30 ms', pass: r.medianMs <= 30, detail: `p95 ${round(r.p95Ms)} ms` });
  }
  const pin = path.join(root, 'bench', 'pin-guess.ts');
  if (!SKIP.has('pin') && fs.existsSync(pin)) {
    stage('PIN guess');
    const { benchPinGuess } = (await import(pathToFileURL(pin).href)) as typeof import('./pin-guess.ts');
    const r = await benchPinGuess({ print: false });
    add({ group: 'pin guess', name: `${r.kdf}, Chromium`, value: r.chromiumMs, unit: 'ms', detail: `old PBKDF2 600k ${round(r.pbkdf2Ms)} ms` });
    add({ group: 'pin guess', name: 'same, 4× CPU slow-down (mid-range phone)', value: r.chromium4xMs, unit: 'ms', budget: '500–1000 ms', pass: r.chromium4xMs >= 500 && r.chromium4xMs <= 1000 });
    add({ group: 'pin guess', name: 'offline guess, CPU time of one Node core', value: r.nodeMs, unit: 'ms', detail: `× ${round(r.nodeMs / r.pbkdf2NodeMs)} the old PBKDF2 lock (${round(r.pbkdf2NodeMs)} ms)` });
    add({ group: 'pin guess', name: 'memory per guess', value: r.mibPerGuess, unit: 'MiB', budget: '≥ 64 MiB', pass: r.mibPerGuess >= 63.5 });
    add({ group: 'pin guess', name: 'all 6-digit PINs, one core', value: r.sixDigitCpuHours, unit: 'CPU-h' });
    add({ group: 'pin guess', name: 'all 8-digit PINs, one core', value: r.eightDigitCpuYears, unit: 'CPU-y', detail: `1,000 parallel guesses hold ${round(r.gibPerThousandParallel)} GiB` });
  }
  const transactions = path.join(root, 'bench', 'transaction-throughput.ts');
  if (!SKIP.has('transactions') && fs.existsSync(transactions)) {
    stage('bank: transaction signatures checked');
    const { benchTransactions, TRANSACTION_TARGET_PER_SECOND } = (await import(pathToFileURL(transactions).href)) as typeof import('./transaction-throughput.ts');
    const r = await benchTransactions({ print: false });
    const perSecond = r['transaction signatures/s (median of rounds)'] as number;
    add({
      group: 'signing',
      name: 'transaction signatures checked, embedded DB',
      value: perSecond,
      unit: '/s',
      budget: `≥ ${TRANSACTION_TARGET_PER_SECOND} /s`,
      pass: perSecond >= TRANSACTION_TARGET_PER_SECOND && r['signatures accepted'] === r['signatures checked'],
      detail: `p50 ${r['p50 latency ms']} ms, p99 ${r['p99 latency ms']} ms; ${r['signatures checked']} checked, ${r['signatures accepted']} accepted`,
    });
    add({ group: 'signing', name: 'one-time codes checked, same service and rounds', value: r['one-time codes/s, same service, same rounds'] as number, unit: '/s' });
    add({ group: 'signing', name: 'signatures ÷ codes', value: r['signatures ÷ codes'] as number, unit: '×' });
    const cpu = r['service CPU per signature check µs'] as number;
    add({
      group: 'signing',
      name: 'service CPU per signature check',
      value: cpu,
      unit: 'µs',
      budget: `≤ ${Math.round(1e6 / TRANSACTION_TARGET_PER_SECOND)} µs`,
      pass: cpu <= 1e6 / TRANSACTION_TARGET_PER_SECOND,
      detail: `one core's worth: ${Math.round(1e6 / cpu)} /s; a code check ${r['service CPU per code check µs']} µs`,
    });
  }
  // The bank side's benches: each names its bench…() export (else the module's first), which
  // returns rows (name, value, unit, budget) or named figures.
  const bankBenches = [
    { group: 'verify', file: 'verify-throughput.ts', fn: 'benchVerify', stage: 'bank verifier, embedded database' },
    { group: 'verify-pg', file: 'verify-throughput.ts', fn: 'benchVerifyPostgres', stage: 'bank verifier, one and two instances on PostgreSQL' },
    { group: 'audit', file: 'verify-throughput.ts', fn: 'benchAuditCost', stage: 'the audit commit' },
    { group: 'import', file: 'hardware-import.ts', fn: undefined, stage: 'hardware token import (10,000 PSKC tokens)' },
    { group: 'screens', file: 'admin-users.ts', fn: undefined, stage: 'bank screens with 5,000 users' },
    { group: 'users', file: 'bulk-users.ts', fn: undefined, stage: 'bulk user import (500 and 5,000 users)' },
  ];
  for (const b of bankBenches) {
    const file = path.join(root, 'bench', b.file);
    if (SKIP.has(b.group) || !fs.existsSync(file)) continue;
    stage(b.stage);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const run = (b.fn ? mod[b.fn] : Object.entries(mod).find(([name, v]) => typeof v === 'function' && /^bench/i.test(name))?.[1]) as
      | ((o: { print: boolean }) => Promise<Record<string, unknown> | Array<Omit<Row, 'group'>>>)
      | undefined;
    if (typeof run !== 'function') {
      add({ group: b.group, name: `bench/${b.file}`, value: 'no bench… export', unit: '' });
      continue;
    }
    const figures = await run({ print: false });
    if (Array.isArray(figures)) {
      for (const r of figures) add({ ...r, group: b.group });
      continue;
    }
    for (const [name, value] of Object.entries(figures ?? {})) {
      if (typeof value === 'number') add({ group: b.group, name, value, unit: '' });
      else if (typeof value === 'boolean') add({ group: b.group, name, value: String(value), unit: '', pass: /meets|pass|ok/i.test(name) ? value : undefined });
    }
  }
}

