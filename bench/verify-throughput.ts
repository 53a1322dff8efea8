/**
 * Bank verifier throughput: the real service (`server/main.ts`, embedded database) in a child
 * process on a loopback port, N users with active tokens seeded straight into its database, then
 * each user signs in once with its current code (the success path: the verifier's write) from
 * a keep-alive client with a fixed number of requests in flight. A first set of users signs in
 * the same way untimed, so the figures are the warmed-up service's. Bounded in count and time.
 * Target: ≥ 2,000 verifications/s with p99 ≤ 20 ms. Run alone: `npx tsx bench/verify-throughput.ts`
 * (options `--users=N --concurrency=N`).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Issuer } from '../src/issuer/issuer.ts';
import { importMasterKey, sealSeed } from '../src/issuer/seal.ts';
import { migrate, openPglite } from '../server/db.ts';
import { scryptPinHasher } from '../server/passwords.ts';
import { SqlStore } from '../server/sql-store.ts';
// The tests' independent node:crypto TOTP: the phone side of each sign-in.
import { referenceTotp } from '../tests/e2e/reference.ts';

/** The integration API's key the bench's service is started with (VERIFY_API_KEY). */
const API_KEY = randomBytes(24).toString('base64url');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export interface VerifyBenchOptions {
  print?: boolean;
  users?: number;
  concurrency?: number;
  /** Extra users who sign in first, untimed (JIT and caches warm). */
  warmupUsers?: number;
  /** Stop sending after this long even if not every user has signed in. */
  maxSeconds?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, path: '/api/v1/verify', method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${API_KEY}` },
      },
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

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

export async function benchVerify(o: VerifyBenchOptions = {}): Promise<Record<string, number | boolean>> {
  const users = o.users ?? 4000;
  // 16 keep the saturated service busy, each statement accepting a batch; more only queue
  // (Little's law: latency = in flight / throughput): at 32, p99 was 30–50 ms for a similar rate.
  const concurrency = o.concurrency ?? 16;
  const warmupUsers = o.warmupUsers ?? 2000;
  const maxMs = (o.maxSeconds ?? 30) * 1000;
  const log = (s: string) => o.print !== false && console.log(s);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-verify-bench-'));
  const masterKeyRaw = randomBytes(32);
  let child: ReturnType<typeof spawn> | undefined;
  try {
    // Seed: the demo company and N users with active tokens, in bulk statements.
    const db = await openPglite(dataDir);
    await migrate(db, Date.now());
    const masterKey = await importMasterKey(masterKeyRaw);
    const issuer = new Issuer({ store: new SqlStore(db), masterKey, pinHasher: scryptPinHasher });
    await issuer.ensureCompany({ companyId: 'demo', name: 'Bench Co.', pin: 'bench1234' });
    const secrets = Array.from({ length: warmupUsers + users }, () => randomBytes(20));
    const serials = secrets.map((_, i) => `BNCH${String(i).padStart(8, '0')}`);
    const sealed = await Promise.all(secrets.map((s, i) => sealSeed(masterKey, serials[i]!, s)));
    const now = Date.now();
    await db.query(
      `INSERT INTO tokens (serial, kind, sealed_seed, algorithm, digits, period, status, company_id, reserved_for, last_step, drift, failures, created_at, expires_at)
       SELECT s, 'software', seed, 'SHA1', 6, 30, 'active', 'demo', NULL, -1, 0, 0, $3, NULL FROM unnest($1::text[], $2::bytea[]) AS v(s, seed)`,
      [serials, sealed, now],
    );
    await db.query(
      `INSERT INTO users (company_id, user_id, serial, stopped, created_at) SELECT 'demo', 'u' || s, s, false, $2 FROM unnest($1::text[]) AS v(s)`,
      [serials, now],
    );
    await db.close();

    const port = await freePort();
    // tsx as a loader in the server's own process (no extra relay process); BENCH_SERVER_NODE_ARGS
    // adds node flags to it, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the service.
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'server', 'main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, MASTER_KEY: masterKeyRaw.toString('base64'), ADMIN_PIN: 'bench1234', DATABASE_URL: '', VERIFY_API_KEY: API_KEY, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start in 180 s')), 180_000);
      child!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('/api/')) { clearTimeout(timer); resolve(); } });
      child!.on('exit', (c) => reject(new Error(`server exited (${c})`)));
    });

    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    /** Users [from, to) sign in, `concurrency` at a time, until `deadline`. */
    const signIns = async (from: number, to: number, deadline: number) => {
      const latencies: number[] = [];
      let ok = 0;
      let next = from;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (next < to && performance.now() < deadline) {
          const i = next++;
          const body = JSON.stringify({ companyId: 'demo', userId: `u${serials[i]}`, code: referenceTotp(secrets[i]!, Date.now()) });
          const t0 = performance.now();
          const res = await post(agent, port, body);
          latencies.push(performance.now() - t0);
          if (res.status === 200 && res.text.includes('"ok"')) ok++;
        }
      }));
      return { latencies, ok };
    };
    // Warm the connections and the server's code paths with real sign-ins (not counted).
    const warm = await signIns(0, warmupUsers, performance.now() + maxMs);
    if (warm.ok !== warm.latencies.length) throw new Error(`warm-up: ${warm.latencies.length - warm.ok} sign-ins not ok`);

    const start = performance.now();
    const { latencies, ok } = await signIns(warmupUsers, warmupUsers + users, start + maxMs);
    const seconds = (performance.now() - start) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const perSecond = latencies.length / seconds;
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    const figures = {
      'requests in flight': concurrency,
      'verifications sent': latencies.length,
      'verifications ok': ok,
      'verifications/s': Math.round(perSecond),
      'p50 latency ms': Math.round(p50 * 100) / 100,
      'p99 latency ms': Math.round(p99 * 100) / 100,
      'meets target (≥ 2000/s, p99 ≤ 20 ms)': perSecond >= 2000 && p99 <= 20,
    };
    log(`bank verifier on loopback, embedded database, ${concurrency} in flight, ${os.cpus().length} cores, after ${warmupUsers} untimed sign-ins:`);
    for (const [k, v] of Object.entries(figures)) log(`  ${k}: ${v}`);
    return figures;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  await benchVerify({ print: true, users: Number(arg('users') ?? 4000), concurrency: arg('concurrency') ? Number(arg('concurrency')) : undefined });
}
