/**
 * The real bank service (`server/main.ts`) for a bench: its own process on a free loopback port,
 * a fresh embedded database in a temporary folder, fixed demo credentials, and a stop that always
 * ends it and removes the folder.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, startServiceProcess } from '../tests/service-process.ts';

export { freePort };

export const BENCH_ACCOUNTS = {
  admin: { user: 'admin', password: 'bench-admin-pass', pin: 'bench1234', card: '31415926535897932384' },
  operator: { user: 'operator', password: 'bench-operator-pass' },
} as const;

export interface BenchService {
  port: number;
  origin: string;
  dataDir: string;
  /** The service's process, for its CPU time (bench/verify-load.ts processCpuMs). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * `seed` runs on the database folder before the service opens it; `cwd` is where the service
 * looks for dist/ and dist-admin/ (a bench's own build), the repository by default; `nodeArgs`
 * are the service's node flags (BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
 */
export async function startService(o: {
  masterKey: Buffer; env?: Record<string, string>; seed?: (dataDir: string) => Promise<void>; cwd?: string; nodeArgs?: string[];
}): Promise<BenchService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-bench-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    await o.seed?.(dataDir);
    const A = BENCH_ACCOUNTS;
    const service = await startServiceProcess({
      cwd: o.cwd,
      nodeArgs: o.nodeArgs ?? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      env: {
        DATA_DIR: dataDir, DATABASE_URL: '', MASTER_KEY: o.masterKey.toString('base64'), ADMIN_USER: A.admin.user, ADMIN_PASSWORD: A.admin.password,
        ADMIN_PIN: A.admin.pin, ADMIN_CARD: A.admin.card, OPERATOR_USER: A.operator.user, OPERATOR_PASSWORD: A.operator.password, ...o.env,
      },
    });
    // Its own warnings and errors stay visible in the bench's output.
    service.child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    return { port: service.port, origin: service.url, dataDir, pid: service.child.pid!, stop: async () => { await service.stop(); removeDir(); } };
  } catch (error) {
    removeDir();
    throw error;
  }
}

export interface Reply {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** One request on loopback (no proxy, no keep-alive surprises). */
export function request(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const CARD_CELLS = [...'イロハニホヘトチリヌルヲワカヨタレソツネ'];

/** Sign in by the API (with the customer card when the service asks); the cookie and CSRF token of the session. */
export async function signIn(port: number, role: 'admin' | 'operator'): Promise<{ cookie: string; csrf: string }> {
  const a = BENCH_ACCOUNTS[role];
  const origin = `http://127.0.0.1:${port}`;
  const body = { role, user: a.user, password: a.password };
  let res = await request(port, 'POST', '/api/session', { 'content-type': 'application/json', origin }, JSON.stringify(body));
  const refusal = res.status === 401 ? (JSON.parse(res.text) as { error?: string; challenge?: { id: string; cells: string[] } }) : {};
  if (refusal.error === 'card-required' && refusal.challenge && 'card' in a) {
    // The customer card's cells, in the order docs/api.md gives (ADMIN_CARD).
    const digits = refusal.challenge.cells.map((cell) => a.card[CARD_CELLS.indexOf(cell)]).join('');
    res = await request(port, 'POST', '/api/session', { 'content-type': 'application/json', origin }, JSON.stringify({ ...body, challengeId: refusal.challenge.id, card: digits }));
  }
  if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status} ${res.text.slice(0, 200)}`);
  const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  return { cookie, csrf: (JSON.parse(res.text) as { csrf: string }).csrf };
}
