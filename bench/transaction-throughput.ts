/**
 * Transaction-signature throughput: the real service (`server/main.ts`, embedded database) in a
 * child process (bench/service.ts), N users with active tokens and signing keys seeded straight
 * into its database. Each user's transfer challenge is made through the bank systems' API
 * (untimed), the phone's signature computed with the tests' independent node:crypto OCRA, then
 * every signature is checked by POST /api/v1/verify-transaction from a keep-alive client with a
 * fixed number of requests in flight; the first set untimed (JIT and caches warm). Rounds of
 * signatures alternate with rounds of one-time codes (POST /api/v1/verify) on the same service,
 * so the ratio of the two holds on a noisy machine. Target: ≥ 2,000 checks/s. Run alone: `npx tsx bench/transaction-throughput.ts` (`--users=N --concurrency=N`, users per kind).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { Issuer } from '../src/issuer/issuer.ts';
import { importMasterKey, sealSeed } from '../src/issuer/seal.ts';
import { BANK_SIGNING_SUITE } from '../src/issuer/transactions.ts';
import { migrate, openPglite } from '../server/db.ts';
import { scryptPinHasher } from '../server/passwords.ts';
import { SqlStore } from '../server/sql-store.ts';
import { referenceOcra } from '../tests/e2e/ocra-reference.ts';
import { referenceTotp } from '../tests/e2e/reference.ts';
import { BENCH_ACCOUNTS, startService } from './service.ts';
import { quantile, spread } from './stats.ts';
import { processCpuMs } from './verify-load.ts';
import { arg, isMain, printFigures } from './cli.ts';

export const TRANSACTION_TARGET_PER_SECOND = 2000;

export interface TransactionBenchOptions {
  print?: boolean;
  users?: number;
  concurrency?: number;
  warmupUsers?: number;
  /** Rounds alternating signatures and codes; the figures are their medians. */
  rounds?: number;
  maxSeconds?: number;
}

function post(agent: http.Agent, port: number, path: string, key: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${key}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` requests from index `from`, `concurrency` at a time, until `deadline`; each one's latency. */
async function inFlight(count: number, concurrency: number, deadline: number, send: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let ok = 0;
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      if (await send(i)) ok++;
      latencies.push(performance.now() - t0);
    }
  }));
  return { latencies, ok };
}

export async function benchTransactions(o: TransactionBenchOptions = {}): Promise<Record<string, number | boolean>> {
  const users = o.users ?? 3000;
  const rounds = o.rounds ?? 3;
  const concurrency = o.concurrency ?? 16;
  const warmupUsers = o.warmupUsers ?? 1000;
  const maxMs = (o.maxSeconds ?? 20) * 1000;
  const log = (s: string) => o.print !== false && console.log(s);
  const apiKey = randomBytes(24).toString('base64url');
  const masterKeyRaw = randomBytes(32);
  // Users [0, warm) warm up signatures, [warm, 2·warm) codes; then per round a slice of each.
  const chunk = Math.ceil(users / rounds);
  const total = 2 * warmupUsers + 2 * chunk * rounds;
  const serials = Array.from({ length: total }, (_, i) => `SIGN${String(i).padStart(9, '0')}`);
  const seeds = serials.map(() => randomBytes(20));
  const signingKeys = serials.map(() => randomBytes(32));

  const service = await startService({
    masterKey: masterKeyRaw,
    env: { VERIFY_API_KEY: apiKey, LOG_LEVEL: 'warn' },
    seed: async (dataDir) => {
      const db = await openPglite(dataDir);
      await migrate(db, Date.now());
      const masterKey = await importMasterKey(masterKeyRaw);
      const issuer = new Issuer({ store: new SqlStore(db), masterKey, pinHasher: scryptPinHasher });
      await issuer.ensureCompany({ companyId: 'demo', name: 'Bench Co.', pin: BENCH_ACCOUNTS.admin.pin });
      const sealedSeeds = await Promise.all(serials.map((s, i) => sealSeed(masterKey, s, seeds[i]!)));
      const sealedKeys = await Promise.all(serials.map((s, i) => sealSeed(masterKey, `${s}/signing`, signingKeys[i]!)));
      const now = Date.now();
      await db.query(
        `INSERT INTO tokens (serial, kind, sealed_seed, algorithm, digits, period, status, company_id, reserved_for, last_step, drift, failures, created_at, expires_at)
         SELECT s, 'software', seed, 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, $3, NULL FROM unnest($1::text[], $2::bytea[]) AS v(s, seed)`,
        [serials, sealedSeeds, now],
      );
      await db.query(`INSERT INTO users (company_id, user_id, serial, stopped, created_at) SELECT 'demo', 'u' || s, s, false, $2 FROM unnest($1::text[]) AS v(s)`, [serials, now]);
      await db.query(`INSERT INTO signing_keys (serial, suite, sealed_seed) SELECT s, $3, k FROM unnest($1::text[], $2::bytea[]) AS v(s, k)`, [serials, sealedKeys, BANK_SIGNING_SUITE]);
      await db.close();
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const signers = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
    const signatureUsers = [signers(0, warmupUsers), ...Array.from({ length: rounds }, (_, r) => signers(2 * warmupUsers + 2 * r * chunk, chunk))];
    const codeUsers = [signers(warmupUsers, warmupUsers), ...Array.from({ length: rounds }, (_, r) => signers(2 * warmupUsers + (2 * r + 1) * chunk, chunk))];

    // The transfer challenges, through the API (untimed), and the phone's signature of their digits.
    const challenges = new Map<number, { id: string; signature: string }>();
    const toSign = signatureUsers.flat();
    const made = await inFlight(toSign.length, concurrency, performance.now() + 20 * maxMs, async (k) => {
      const i = toSign[k]!;
      const body = JSON.stringify({ companyId: 'demo', userId: `u${serials[i]}`, bank: 'ベンチ信用金庫', branch: '本店', account: String(1_000_000 + i), name: 'ﾍﾞﾝﾁ', amount: 1000 + i });
      const res = await post(agent, service.port, '/api/v1/transactions', apiKey, body);
      if (res.status !== 201) throw new Error(`challenge ${i}: ${res.status} ${res.text.slice(0, 200)}`);
      const c = JSON.parse(res.text) as { id: string; typed: string };
      challenges.set(i, { id: c.id, signature: referenceOcra(signingKeys[i]!, BANK_SIGNING_SUITE, c.typed) });
      return true;
    });
    if (made.ok !== toSign.length) throw new Error(`only ${made.ok} of ${toSign.length} challenges made`);

    const checkSignatures = (who: number[]) => inFlight(who.length, concurrency, performance.now() + maxMs, async (k) => {
      const i = who[k]!;
      const c = challenges.get(i)!;
      const res = await post(agent, service.port, '/api/v1/verify-transaction', apiKey, JSON.stringify({ companyId: 'demo', userId: `u${serials[i]}`, challenge: c.id, code: c.signature }));
      return res.status === 200 && res.text.includes('"ok"');
    });
    const checkCodes = (who: number[]) => inFlight(who.length, concurrency, performance.now() + maxMs, async (k) => {
      const i = who[k]!;
      const res = await post(agent, service.port, '/api/v1/verify', apiKey, JSON.stringify({ companyId: 'demo', userId: `u${serials[i]}`, code: referenceTotp(seeds[i]!, Date.now()) }));
      return res.status === 200 && res.text.includes('"ok"');
    });
    // Warm-up (untimed), then rounds alternating the two kinds, so both see the same machine.
    for (const [kind, run] of [['signatures', checkSignatures(signatureUsers[0]!)], ['codes', checkCodes(codeUsers[0]!)]] as const) {
      const r = await run;
      if (r.ok !== r.latencies.length) throw new Error(`warm-up ${kind}: ${r.latencies.length - r.ok} not accepted`);
    }
    const rates = { signatures: [] as number[], codes: [] as number[] };
    // The service's CPU per check: what one core could do, whatever else the machine runs.
    const cpuUs = { signatures: [] as number[], codes: [] as number[] };
    const latencies: number[] = [];
    let checked = 0;
    let accepted = 0;
    for (let r = 1; r <= rounds; r++) {
      let t0 = performance.now();
      let cpu0 = processCpuMs(service.pid);
      const s = await checkSignatures(signatureUsers[r]!);
      rates.signatures.push(s.latencies.length / ((performance.now() - t0) / 1000));
      cpuUs.signatures.push(((processCpuMs(service.pid) - cpu0) * 1000) / s.latencies.length);
      latencies.push(...s.latencies);
      checked += s.latencies.length;
      accepted += s.ok;
      t0 = performance.now();
      cpu0 = processCpuMs(service.pid);
      const c = await checkCodes(codeUsers[r]!);
      rates.codes.push(c.latencies.length / ((performance.now() - t0) / 1000));
      cpuUs.codes.push(((processCpuMs(service.pid) - cpu0) * 1000) / c.latencies.length);
    }
    const perSecond = spread(rates.signatures).median;
    const codesPerSecond = spread(rates.codes).median;
    const figures = {
      'requests in flight': concurrency,
      'signatures checked': checked,
      'signatures accepted': accepted,
      'transaction signatures/s (median of rounds)': Math.round(perSecond),
      'one-time codes/s, same service, same rounds': Math.round(codesPerSecond),
      'signatures ÷ codes': Math.round((perSecond / codesPerSecond) * 100) / 100,
      'service CPU per signature check µs': Math.round(spread(cpuUs.signatures).median),
      'service CPU per code check µs': Math.round(spread(cpuUs.codes).median),
      'p50 latency ms': Math.round(quantile(latencies, 0.5) * 100) / 100,
      'p99 latency ms': Math.round(quantile(latencies, 0.99) * 100) / 100,
      [`meets target (≥ ${TRANSACTION_TARGET_PER_SECOND}/s)`]: perSecond >= TRANSACTION_TARGET_PER_SECOND && accepted === checked,
    };
    const heading = [
      `transaction signatures on loopback, embedded database, ${concurrency} in flight, ${os.cpus().length} cores, ${rounds} rounds of ${chunk} after ${warmupUsers} untimed:`,
      `  rounds: signatures ${rates.signatures.map(Math.round).join(', ')}/s; codes ${rates.codes.map(Math.round).join(', ')}/s`,
      `  service CPU: signatures ${cpuUs.signatures.map(Math.round).join(', ')} µs; codes ${cpuUs.codes.map(Math.round).join(', ')} µs`,
    ];
    return printFigures(log, heading.join('\n'), figures);
  } finally {
    agent.destroy();
    await service.stop();
  }
}

if (isMain(import.meta.url)) await benchTransactions({ print: true, users: Number(arg('users') ?? 3000), ...(arg('concurrency') ? { concurrency: Number(arg('concurrency')) } : {}) });
