/**
 * Bank verifier throughput: the real service (`server/main.ts`) in its own process on loopback,
 * users with active tokens seeded straight into its database, each verified once through
 * POST /api/v1/verify with its current code (the success path: the verifier's write and its audit
 * row, committed before the answer). Three benches, each a few timed runs after an untimed warm-up,
 * reported as medians with their spread:
 * - benchVerify: one instance on the embedded database (budget ≥ 3,000/s, p99 ≤ 20 ms);
 * - benchVerifyPostgres: one and two instances on one PostgreSQL, alternated run by run, and the
 *   ratio (budget two ≥ 1.6× one);
 * - benchAuditCost: what the audit row adds to the verifier's one statement, measured in-process
 *   on each database as the same batch with and without it (interleaved rounds).
 * The load client runs on the same cores (bench/verify-load.ts keeps it lean); its CPU per request
 * and the service's are printed too. Alone: `npx tsx bench/verify-throughput.ts [--runs=N --users=N]`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, type Db } from '../server/db.ts';
import { AuditWriter, SEAL_BATCH, sealAudit, type ChainedAccept } from '../server/sql-audit.ts';
import { freshSchema, postgresSchemaUrl } from '../tests/unit/server/backends.ts';
import { startServiceProcess, type ServiceProcess } from '../tests/service-process.ts';
import { root } from './builds.ts';
import { quantile, spread } from './stats.ts';
import { load, loadClientName, postgresCpuMs, processCpuMs, seedUsers, verifyRequests, type LoadResult, type SeededUsers } from './verify-load.ts';
import { arg, isMain } from './cli.ts';

export interface BenchRow {
  name: string;
  value: number | string;
  unit: string;
  budget?: string;
  pass?: boolean;
  detail?: string;
}

export interface VerifyBenchOptions {
  print?: boolean;
  /** Timed runs per configuration (medians are printed). */
  runs?: number;
  /** Users verified per timed run. */
  users?: number;
  /** Requests in flight per instance. */
  concurrency?: number;
}

const API_KEY = randomBytes(24).toString('base64url');
const WARMUP = 1500;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function serviceEnv(masterKeyRaw: Uint8Array, dataDir: string, databaseUrl = ''): Record<string, string> {
  return {
    DATA_DIR: dataDir, DATABASE_URL: databaseUrl, MASTER_KEY: Buffer.from(masterKeyRaw).toString('base64'), ADMIN_PIN: 'bench1234',
    ADMIN_PASSWORD: 'bench-admin-pass', OPERATOR_PASSWORD: 'bench-operator-pass', VERIFY_API_KEY: API_KEY, LOG_LEVEL: 'warn',
  };
}

interface Run extends LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  /** The service processes' CPU per verification, µs. */
  serviceCpuUs: number;
  /** PostgreSQL's backends' CPU per verification, µs (none on the embedded database). */
  databaseCpuUs: number;
  /** PostgreSQL's background processes' CPU per verification, µs (WAL writer, autovacuum, …). */
  databaseBackgroundCpuUs: number;
  /** Verifications per committed transaction on PostgreSQL (the group commit's batch, seals included). */
  perCommit: number;
}

/** The bench database's committed transactions so far (PostgreSQL; NaN on the embedded one). */
async function commits(db: Db | undefined): Promise<number> {
  if (!db) return NaN;
  await db.query('SELECT pg_stat_clear_snapshot()');
  const [r] = await db.query<{ n: number }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(r?.n ?? NaN);
}

/** One timed run: users [from, from + n) over `services`, `concurrency` connections each. */
async function timedRun(services: ServiceProcess[], users: SeededUsers, from: number, n: number, concurrency: number, stats?: { db: Db; database: string }): Promise<Run> {
  const requests = verifyRequests(users, from, from + n, API_KEY);
  const commits0 = await commits(stats?.db);
  const cpu0 = services.map((s) => processCpuMs(s.child.pid!));
  const db0 = postgresCpuMs(stats?.database);
  const r = await load(services.map((s) => s.port), concurrency * services.length, requests);
  const cpuMs = services.reduce((sum, s, i) => sum + processCpuMs(s.child.pid!) - cpu0[i]!, 0);
  const db1 = postgresCpuMs(stats?.database);
  // The stats collector reports a backend's counts when it goes idle (at most every second or so).
  const commits1 = stats ? (await new Promise((resolve) => setTimeout(resolve, 1100)), await commits(stats.db)) : NaN;
  if (r.ok !== r.latencies.length) throw new Error(`${r.latencies.length - r.ok} of ${r.latencies.length} verifications not ok`);
  return { ...r, perSecond: r.latencies.length / r.seconds, p50: quantile(r.latencies, 0.5), p99: quantile(r.latencies, 0.99), serviceCpuUs: (cpuMs * 1000) / r.latencies.length, databaseCpuUs: ((db1.backends - db0.backends) * 1000) / r.latencies.length,
    databaseBackgroundCpuUs: ((db1.background - db0.background) * 1000) / r.latencies.length, perCommit: r.latencies.length / (commits1 - commits0) };
}

function summary(label: string, runs: Run[]) {
  const s = (pick: (r: Run) => number) => spread(runs.map(pick));
  const rate = s((r) => r.perSecond);
  const p99 = s((r) => r.p99);
  return {
    rate, p99, p50: s((r) => r.p50), serviceCpu: s((r) => r.serviceCpuUs), databaseCpu: s((r) => r.databaseCpuUs), databaseBackgroundCpu: s((r) => r.databaseBackgroundCpuUs), perCommit: s((r) => r.perCommit), clientCpu: s((r) => r.clientCpuUs),
    detail: `${label}; median of ${runs.length}: ${runs.map((r) => Math.round(r.perSecond)).join(', ')}/s; p99 ${runs.map((r) => round(r.p99)).join(', ')} ms`,
  };
}

function printRows(title: string, rows: BenchRow[], print: boolean): BenchRow[] {
  if (!print) return rows;
  console.log(title);
  for (const r of rows) console.log(`  ${r.name}: ${typeof r.value === 'number' ? round(r.value, 2) : r.value} ${r.unit}${r.budget ? `  (budget ${r.budget}: ${r.pass ? 'met' : 'MISSED'})` : ''}${r.detail ? `  — ${r.detail}` : ''}`);
  return rows;
}

/** One instance on the embedded database. */
export async function benchVerify(o: VerifyBenchOptions = {}): Promise<BenchRow[]> {
  const runs = o.runs ?? 5;
  const n = o.users ?? 3000;
  const concurrency = o.concurrency ?? 16;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-verify-bench-'));
  const masterKeyRaw = randomBytes(32);
  let service: ServiceProcess | undefined;
  try {
    const db = await openPglite(dataDir);
    const users = await seedUsers(db, masterKeyRaw, WARMUP + runs * n);
    await db.close();
    service = await startServiceProcess({ env: serviceEnv(masterKeyRaw, dataDir), nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) });
    await timedRun([service], users, 0, WARMUP, concurrency); // JIT, caches and connections warm
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) all.push(await timedRun([service], users, WARMUP + i * n, n, concurrency));
    const m = summary(`${n} users a run, ${concurrency} in flight`, all);
    return printRows(`bank verifier, one instance, embedded database, ${os.cpus().length} cores shared with ${loadClientName()}:`, [
      { name: 'embedded database, 1 instance: verifications/s', value: m.rate.median, unit: '/s', budget: '≥ 3000 /s', pass: m.rate.median >= 3000, detail: m.detail },
      { name: 'embedded database, 1 instance: p99', value: m.p99.median, unit: 'ms', budget: '≤ 20 ms', pass: m.p99.median <= 20, detail: `p50 ${round(m.p50.median, 2)} ms` },
      { name: 'embedded database: service CPU per verification', value: m.serviceCpu.median, unit: 'µs', detail: `load client ${round(m.clientCpu.median)} µs per request on the same cores` },
    ], o.print !== false);
  } finally {
    await service?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** DATABASE_URL, else the project's local PostgreSQL (scripts/postgres-for-tests.sh), else null. */
function postgresUrl(): string | null {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  try {
    const out = execFileSync('bash', [path.join(root, 'scripts', 'postgres-for-tests.sh')], {
      env: { ...process.env, PG_TEST_DB: process.env.PG_TEST_DB ?? 'soft_token_bench' }, stdio: ['ignore', 'pipe', 'ignore'], timeout: 300_000,
    });
    return out.toString().trim().split('\n').pop() || null;
  } catch {
    return null;
  }
}

/** One and two instances on one PostgreSQL, alternated run by run (1, 2, 1, 2, …). */
export async function benchVerifyPostgres(o: VerifyBenchOptions = {}): Promise<BenchRow[]> {
  const runs = o.runs ?? 5;
  const n = o.users ?? 3000;
  const concurrency = o.concurrency ?? 16;
  const url = postgresUrl();
  if (!url) return printRows('bank verifier on PostgreSQL:', [{ name: 'PostgreSQL instances', value: 'skipped', unit: '', detail: 'no DATABASE_URL and scripts/postgres-for-tests.sh failed' }], o.print !== false);
  const schema = await freshSchema(url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-verify-pg-'));
  const masterKeyRaw = randomBytes(32);
  const services: ServiceProcess[] = [];
  let stats: { db: Db; database: string } | undefined;
  try {
    const db = await openPostgres(url, schema.schema);
    const users = await seedUsers(db, masterKeyRaw, WARMUP + 2 * runs * n);
    await db.close();
    const env = serviceEnv(masterKeyRaw, dataDir, postgresSchemaUrl(url, schema.schema));
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    services.push(await startServiceProcess({ env, nodeArgs }), await startServiceProcess({ env, nodeArgs }));
    stats = { db: await openPostgres(url, schema.schema), database: decodeURIComponent(new URL(url).pathname.slice(1)) };
    await timedRun(services, users, 0, WARMUP, concurrency);
    const one: Run[] = [];
    const two: Run[] = [];
    let from = WARMUP;
    for (let i = 0; i < runs; i++) {
      one.push(await timedRun(services.slice(0, 1), users, from, n, concurrency, stats));
      two.push(await timedRun(services, users, from + n, n, concurrency, stats));
      from += 2 * n;
    }
    const a = summary(`${n} users a run, ${concurrency} in flight`, one);
    const b = summary(`${n} users a run, ${concurrency} in flight on each`, two);
    const ratios = spread(one.map((r, i) => two[i]!.perSecond / r.perSecond));
    return printRows(`bank verifier on PostgreSQL (local server), ${os.cpus().length} cores shared by the instances, the database and ${loadClientName()}:`, [
      { name: 'PostgreSQL, 1 instance: verifications/s', value: a.rate.median, unit: '/s', detail: a.detail },
      { name: 'PostgreSQL, 1 instance: p99', value: a.p99.median, unit: 'ms', detail: `p50 ${round(a.p50.median, 2)} ms; CPU per verification: service ${round(a.serviceCpu.median)} µs, PostgreSQL's backends ${round(a.databaseCpu.median)} µs (its background processes ${round(a.databaseBackgroundCpu.median)} µs), load client ${round(a.clientCpu.median)} µs; ${round(a.perCommit.median)} verifications a commit` },
      { name: 'PostgreSQL, 2 instances: verifications/s', value: b.rate.median, unit: '/s', detail: b.detail },
      { name: 'PostgreSQL, 2 instances: p99', value: b.p99.median, unit: 'ms', detail: `p50 ${round(b.p50.median, 2)} ms; CPU per verification: service ${round(b.serviceCpu.median)} µs, PostgreSQL's backends ${round(b.databaseCpu.median)} µs (its background processes ${round(b.databaseBackgroundCpu.median)} µs), load client ${round(b.clientCpu.median)} µs; ${round(b.perCommit.median)} verifications a commit` },
      { name: 'PostgreSQL, 2 instances ÷ 1', value: ratios.median, unit: '×', budget: '≥ 1.6 ×', pass: ratios.median >= 1.6, detail: `ratios of adjacent runs, ${round(ratios.min, 2)}–${round(ratios.max, 2)}` },
    ], o.print !== false);
  } finally {
    for (const s of services) await s.stop();
    await stats?.db.close();
    await schema.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const ownCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

interface AuditCost { withMs: number; withoutMs: number; chainedMs: number; ratio: number; sealUs: number; sealBatch: number; measure: string }

/**
 * The verifier's statement for a batch: with its audit rows chained as they are written (what the
 * service runs: accept_codes_chained, the rows hashed here), with them written plain (accept_codes,
 * before) and the chain's sealing of those rows afterwards (seal_audit, per row), and without them
 * (the same UPDATE alone).
 */
async function auditCostOn(db: Db, masterKeyRaw: Uint8Array, batch: number, rounds: number): Promise<AuditCost> {
  const users = await seedUsers(db, masterKeyRaw, 20_000);
  const serials = users.userIds.map((u) => u.slice(1));
  let off = 0;
  let step = 1;
  const params = () => {
    if (off + batch > serials.length) (off = 0), step++;
    const s = serials.slice(off, (off += batch));
    return [s.map(() => 'demo'), s.map((x) => `u${x}`), s, s.map(() => step), s.map(() => 0), s.map(() => Date.now()), s.map(() => 'api:bench'), s.map(() => '127.0.0.1')];
  };
  const withAudit = async () => { await db.query('SELECT * FROM accept_codes($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::bigint[], $7::text[], $8::text[])', params()); };
  const writer = new AuditWriter(db);
  const chained = async () => {
    const p = params();
    const rows: ChainedAccept[] = p[2]!.map((serial, i) => ({ at: p[5]![i] as number, actor: 'api:bench', companyId: 'demo', userId: `u${serial}`, serial: serial as string, address: '127.0.0.1' }));
    const chain = await writer.link(rows, Date.now());
    const accepted = await db.query('SELECT * FROM accept_codes_chained($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::bigint[], $7::text[], $8::text[], $9::text, $10::bigint, $11::text[], $12::text[])',
      [...p, writer.id, chain.headSeq, chain.prevs, chain.hashes]);
    if (accepted.length !== rows.length) throw new Error('the bench batch was not accepted whole');
    writer.advance(rows.length, chain.hashes[rows.length - 1]!);
  };
  const withoutAudit = async () => {
    await db.query(
      `UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) AS v(company_id, user_id, serial, step, drift)
       JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
       WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step RETURNING t.serial`, params().slice(0, 5));
  };
  const seal = async () => { let n = 0; for (let k; (k = await sealAudit(db)) > 0;) n += k; return n; };
  // The embedded database runs in this process: its CPU time, which the machine's load moves less
  // than the clock. PostgreSQL's work is in its own processes: the clock.
  const clock = db.kind === 'pglite' ? ownCpuMs : () => performance.now();
  const timeOf = async (fn: () => Promise<void>) => {
    const w0 = performance.now();
    const t0 = clock();
    let k = 0;
    while (performance.now() - w0 < 300) { await fn(); k++; }
    return (clock() - t0) / k;
  };
  for (let i = 0; i < 20; i++) { await withAudit(); await withoutAudit(); await chained(); } // plans and caches warm
  await seal();
  const w: number[] = [];
  const wo: number[] = [];
  const ch: number[] = [];
  const sealUs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    ch.push(await timeOf(chained));
    w.push(await timeOf(withAudit));
    const t0 = clock();
    const sealed = await seal();
    sealUs.push(((clock() - t0) * 1000) / sealed);
    wo.push(await timeOf(withoutAudit));
  }
  return { withMs: spread(w).median, withoutMs: spread(wo).median, chainedMs: spread(ch).median, ratio: spread(w.map((x, i) => x / wo[i]!)).median, sealUs: spread(sealUs).median, sealBatch: SEAL_BATCH[db.kind], measure: db.kind === 'pglite' ? 'CPU time' : 'wall time' };
}

/** What the audit row costs the verifier, per database: in its statement, and sealing it into the chain. */
export async function benchAuditCost(o: { print?: boolean; batch?: number; rounds?: number } = {}): Promise<BenchRow[]> {
  const batch = o.batch ?? 16;
  const rounds = o.rounds ?? 9;
  const rows: BenchRow[] = [];
  const masterKeyRaw = randomBytes(32);
  const add = (where: string, m: AuditCost) => {
    rows.push({
      name: `${where}: audit rows chained as they are written (the service's path)`, value: ((m.chainedMs - m.withoutMs) * 1000) / batch, unit: 'µs per verification',
      detail: `batch of ${batch}: ${round(m.chainedMs, 2)} ms with the rows hashed here and written chained (accept_codes_chained), ${round(m.withoutMs, 2)} ms without audit rows (${m.measure}, median of ${rounds} interleaved rounds)`,
    });
    rows.push({
      name: `${where}: audit rows written plain, then sealed (before; still the path of refusals and other rows)`, value: ((m.withMs - m.withoutMs) * 1000) / batch + m.sealUs, unit: 'µs per verification',
      detail: `${round(((m.withMs - m.withoutMs) * 1000) / batch, 1)} µs in the statement (accept_codes, ${round(m.withMs, 2)} ms a batch, × ${round(m.ratio, 2)}) + ${round(m.sealUs, 1)} µs sealing (seal_audit, ${m.sealBatch} rows a statement)`,
    });
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-audit-bench-'));
  try {
    const db = await openPglite(dir);
    try { add('embedded database', await auditCostOn(db, masterKeyRaw, batch, rounds)); } finally { await db.close(); }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = postgresUrl();
  if (url) {
    const schema = await freshSchema(url);
    const db = await openPostgres(url, schema.schema);
    try { add('PostgreSQL', await auditCostOn(db, masterKeyRaw, batch, rounds)); } finally { await db.close(); await schema.drop(); }
  } else rows.push({ name: 'PostgreSQL: audit cost', value: 'skipped', unit: '', detail: 'no PostgreSQL' });
  return printRows('the audit commit (each acceptance is written with its audit row, in one statement, before the answer):', rows, o.print !== false);
}

if (isMain(import.meta.url)) {
  const o = { runs: arg('runs') ? Number(arg('runs')) : undefined, users: arg('users') ? Number(arg('users')) : undefined, concurrency: arg('concurrency') ? Number(arg('concurrency')) : undefined };
  const only = arg('only');
  if (!only || only === 'embedded') await benchVerify(o);
  if (!only || only === 'postgres') await benchVerifyPostgres(o);
  if (!only || only === 'audit') await benchAuditCost();
}
