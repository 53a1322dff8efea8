/**
 * Hardware token import: a vendor-like PSKC file of 10,000 HOTP tokens (AES-128-CBC, HMAC-SHA1
 * ValueMAC, written by the tests' node:crypto writer) posted to the real service's
 * POST /api/bank/hardware-tokens, three times with fresh serials, on the embedded database.
 * Beside it the reader alone (parse + decrypt, in this process), so the database's share shows.
 * Run alone: `npx tsx bench/hardware-import.ts` (option `--tokens=N`).
 */
import { randomBytes } from 'node:crypto';
import { readPskc } from '../src/issuer/pskc/index.ts';
import { writePskc } from '../tests/unit/issuer/pskc-writer.ts';
import { request, signIn, startService } from './service.ts';
import { spread } from './stats.ts';
import { arg, isMain, loadAverage, printFigures } from './cli.ts';

export async function benchHardwareImport(o: { print?: boolean; tokens?: number; runs?: number } = {}): Promise<Record<string, number | boolean>> {
  const tokens = o.tokens ?? 10_000;
  const runs = o.runs ?? 3;
  const log = (s: string) => o.print !== false && console.log(s);
  const transportKey = randomBytes(16);
  const files = Array.from({ length: runs }, (_, run) => writePskc({
    cipher: 'aes128-cbc', transportKey,
    keys: Array.from({ length: tokens }, (_, i) => ({
      serial: `HW${run}${String(i).padStart(8, '0')}`, secret: new Uint8Array(randomBytes(20)), digits: 6, counter: 0, issuer: 'Bench Vendor',
    })),
  }).xml);

  const readerMs: number[] = [];
  for (const xml of files) {
    const t0 = performance.now();
    const { keys } = await readPskc(xml, { key: transportKey }, Date.now());
    readerMs.push(performance.now() - t0);
    if (keys.length !== tokens) throw new Error(`reader: ${keys.length} of ${tokens} keys`);
  }

  const service = await startService({ masterKey: randomBytes(32) });
  try {
    const { cookie, csrf } = await signIn(service.port, 'operator');
    const importMs: number[] = [];
    for (const xml of files) {
      const t0 = performance.now();
      const res = await request(service.port, 'POST', '/api/bank/hardware-tokens', {
        cookie, 'x-csrf-token': csrf, origin: service.origin, 'content-type': 'application/pskc+xml', 'x-pskc-key': transportKey.toString('hex'),
      }, xml);
      importMs.push(performance.now() - t0);
      const body = JSON.parse(res.text) as { imported?: number };
      if (res.status !== 200 || body.imported !== tokens) throw new Error(`import: ${res.status} ${res.text.slice(0, 200)}`);
    }
    const service_ = spread(importMs);
    const reader = spread(readerMs);
    const figures = {
      [`${tokens} tokens: import ms (median of ${runs})`]: Math.round(service_.median),
      [`${tokens} tokens: reader alone ms`]: Math.round(reader.median),
      'file MB': Math.round((Buffer.byteLength(files[0]!) / 1e6) * 10) / 10,
      'tokens/s': Math.round(tokens / (service_.median / 1000)),
      'meets budget (10,000 in ≤ 5 s)': (service_.median / tokens) * 10_000 <= 5_000,
      'load average at the end': loadAverage(),
    };
    return printFigures(log, `hardware import, embedded database, ${tokens} tokens, ${runs} runs (${Math.round(service_.min)}–${Math.round(service_.max)} ms):`, figures);
  } finally {
    await service.stop();
  }
}

if (isMain(import.meta.url)) await benchHardwareImport({ print: true, tokens: Number(arg('tokens') ?? 10_000) });
