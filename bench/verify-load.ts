/**
 * The verifier benches' tools: users with active tokens seeded straight into a database, and a
 * lean load client. The client shares the machine's cores with the service, so it does as little
 * as it can: every request's bytes are made before the clock starts (codes included), and it
 * speaks HTTP/1.1 keep-alive on raw sockets, one request in flight per connection.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { Issuer } from '../src/issuer/issuer.ts';
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

/** Send `requests` over `connections` sockets spread over `ports`, one in flight on each. */
export async function load(ports: number[], connections: number, requests: Buffer[], maxMs = 30_000): Promise<LoadResult> {
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
 * (the connections' own work) and `background` (WAL writer, checkpointer, autovacuum, …); NaN
 * without /proc. Processes that end in between take their time with them.
 */
export function postgresCpuMs(): { backends: number; background: number } {
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
    if (/\(\d+\)/.test(title) || title.includes('[local]')) sum.backends += ms;
    else sum.background += ms;
  }
  return sum;
}
