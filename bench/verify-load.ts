/**
 * The verifier benches' tools: users with active tokens seeded straight into a database, and a
 * lean load client. The client shares the machine's cores with the service, so it does as little
 * as it can: every request's bytes are made before the clock starts (codes included), and it
 * speaks HTTP/1.1 keep-alive on raw sockets, one request in flight per connection. It is C
 * (bench/load-client.c, built here with the machine's cc), 20–25 µs of CPU a request where node's
 * sockets and event loop took 57–76; without a C compiler, the same client in node (`loadNode`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Issuer } from '../src/issuer/issuer.ts';
import { root } from './builds.ts';
import { importMasterKey, sealSeed } from '../src/issuer/seal.ts';
import { migrate, type Db } from '../server/db.ts';
import { scryptPinHasher } from '../server/passwords.ts';
import { SqlStore } from '../server/sql-store.ts';
// The tests' independent node:crypto TOTP: the phone side of each verification.
import { referenceTotp } from '../tests/reference-otp.ts';

export interface SeededUsers {
  userIds: string[];
  secrets: Uint8Array[];
}

/** The demo company and `n` users with active tokens, in bulk statements. */
export async function seedUsers(db: Db, masterKeyRaw: Uint8Array, n: number): Promise<SeededUsers> {
  await migrate(db, Date.now());
  const masterKey = await importMasterKey(masterKeyRaw);
  const issuer = new Issuer({ store: new SqlStore(db), masterKey, pinHasher: scryptPinHasher });
  await issuer.ensureCompany({ companyId: 'demo', name: 'Bench Co.', pin: 'bench1234' });
  const secrets = Array.from({ length: n }, () => new Uint8Array(randomBytes(20)));
  const serials = secrets.map((_, i) => `BNCH${String(i).padStart(10, '0')}`);
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
  return { userIds: serials.map((s) => `u${s}`), secrets };
}

/** One POST /api/v1/verify per user in [from, to), with the code of now, as bytes on the wire. */
export function verifyRequests(users: SeededUsers, from: number, to: number, apiKey: string): Buffer[] {
  const now = Date.now();
  const out: Buffer[] = [];
  for (let i = from; i < to; i++) {
    const body = JSON.stringify({ companyId: 'demo', userId: users.userIds[i], code: referenceTotp(users.secrets[i]!, now) });
    out.push(Buffer.from(
      `POST /api/v1/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${apiKey}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ));
  }
  return out;
}

export interface LoadResult {
  /** Milliseconds per request, sorted. */
  latencies: number[];
  ok: number;
  seconds: number;
  /** The client's own CPU time per request, µs. */
  clientCpuUs: number;
}

const CLIENT_SOURCE = path.join(root, 'bench', 'load-client.c');
let clientBinary: string | null | undefined;

/** bench/load-client.c built once (by its source's hash, in the temp folder); null without cc or with BENCH_LOAD_CLIENT=node. */
export function cLoadClient(): string | null {
  if (clientBinary !== undefined) return clientBinary;
  if (process.env.BENCH_LOAD_CLIENT === 'node') return (clientBinary = null);
  const source = fs.readFileSync(CLIENT_SOURCE);
  const out = path.join(os.tmpdir(), `soft-token-load-client-${createHash('sha256').update(source).digest('hex').slice(0, 12)}`);
  try {
    if (!fs.existsSync(out)) {
      execFileSync(process.env.CC ?? 'cc', ['-O2', '-o', `${out}.tmp${process.pid}`, CLIENT_SOURCE], { stdio: ['ignore', 'ignore', 'pipe'] });
      fs.renameSync(`${out}.tmp${process.pid}`, out);
    }
    clientBinary = out;
  } catch {
    clientBinary = null;
  }
  return clientBinary;
}

/** Which load client `load` runs. */
export const loadClientName = () => (cLoadClient() ? 'the C load client' : 'the node load client');

/** Send `requests` over `connections` sockets spread over `ports`, one in flight on each. */
export async function load(ports: number[], connections: number, requests: Buffer[], maxMs = 30_000): Promise<LoadResult> {
  const binary = cLoadClient();
  return binary ? loadC(binary, ports, connections, requests, maxMs) : loadNode(ports, connections, requests, maxMs);
}

async function loadC(binary: string, ports: number[], connections: number, requests: Buffer[], maxMs: number): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `soft-token-requests-${process.pid}-${randomBytes(4).toString('hex')}`);
  const framed: Buffer[] = [];
  for (const r of requests) {
    const len = Buffer.alloc(4);
    len.writeUInt32LE(r.length);
    framed.push(len, r);
  }
  fs.writeFileSync(file, Buffer.concat(framed));
  try {
    const child = spawn(binary, [file, String(connections), String(maxMs), ...ports.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`load client exited with ${code}: ${err}`);
    const lines = out.trim().split('\n');
    const field = (name: string) => Number(lines.find((l) => l.startsWith(`${name} `))!.slice(name.length + 1));
    const latencies = lines.slice(3).map(Number).sort((a, b) => a - b);
    return { latencies, ok: field('ok'), seconds: field('seconds'), clientCpuUs: field('cpu_us') / Math.max(1, latencies.length) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The same client in node: what runs where there is no C compiler. */
export async function loadNode(ports: number[], connections: number, requests: Buffer[], maxMs = 30_000): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const deadline = start + maxMs;
  await Promise.all(Array.from({ length: connections }, (_, c) => new Promise<void>((resolve, reject) => {
    const socket = net.connect(ports[c % ports.length]!, '127.0.0.1');
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    const send = () => {
      if (next >= requests.length || performance.now() > deadline) return void socket.end(resolve);
      sentAt = performance.now();
      socket.write(requests[next++]!);
    };
    socket.on('connect', send);
    socket.on('error', reject);
    socket.on('data', (d: Buffer) => {
      buffer = buffer.length ? Buffer.concat([buffer, d]) : d;
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = buffer.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
      if (!Number.isFinite(length)) return reject(new Error(`response without Content-Length:\n${head}`));
      if (buffer.length < headEnd + 4 + length) return;
      latencies.push(performance.now() - sentAt);
      if (head.startsWith('HTTP/1.1 200') && buffer.subarray(headEnd + 4, headEnd + 4 + length).toString().includes('"ok"')) ok++;
      buffer = buffer.subarray(headEnd + 4 + length);
      send();
    });
  })));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return { latencies, ok, seconds, clientCpuUs: (cpu.user + cpu.system) / Math.max(1, latencies.length) };
}

/** A process's CPU time so far (user + system), ms, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return NaN;
  }
}

/**
 * The CPU time so far of this machine's PostgreSQL processes, ms, by what they are: `backends`
 * (the connections' own work; only those of `database` when given, as the server may be shared
 * with other checkouts' tests) and `background` (WAL writer, checkpointer, autovacuum, …, shared
 * by every database); NaN without /proc. Processes that end in between take their time with them.
 */
export function postgresCpuMs(database?: string): { backends: number; background: number } {
  const sum = { backends: 0, background: 0 };
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return { backends: NaN, background: NaN };
  }
  for (const pid of pids) {
    let stat: string;
    let title: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.split(') ')[1]!.split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    // A backend's title is "postgres: <cluster>: <user> <database> <host>(<port>) <state>".
    const backend = /^postgres: \S+: (\S+) (\S+) (\S+\(\d+\)|\[local\])/.exec(title);
    if (!backend) sum.background += ms;
    else if (database === undefined || backend[2] === database) sum.backends += ms;
  }
  return sum;
}
