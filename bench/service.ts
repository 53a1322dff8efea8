/**
 * The real bank service (`server/main.ts`) for a bench: its own process on a free loopback port,
 * a fresh embedded database in a temporary folder, fixed demo credentials, and a stop that always
 * ends it and removes the folder.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './builds.ts';

export const BENCH_ACCOUNTS = {
  admin: { user: 'admin', password: 'bench-admin-pass', pin: 'bench1234', card: '31415926535897932384' },
  operator: { user: 'operator', password: 'bench-operator-pass' },
} as const;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface BenchService {
  port: number;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `seed` runs on the database folder before the service opens it; `cwd` is where the service
 * looks for dist/ and dist-admin/ (a bench's own build), the repository by default.
 */
export async function startService(o: {
  masterKey: Buffer; env?: Record<string, string>; seed?: (dataDir: string) => Promise<void>; cwd?: string;
}): Promise<BenchService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-bench-'));
  let child: ReturnType<typeof spawn> | undefined;
  const stop = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await o.seed?.(dataDir);
    const port = await freePort();
    const A = BENCH_ACCOUNTS;
    // tsx by its file, so the service also starts in a folder without node_modules.
    const tsx = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    child = spawn(process.execPath, ['--import', tsx, path.join(root, 'server', 'main.ts')], {
      cwd: o.cwd ?? root,
      env: {
        ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '',
        MASTER_KEY: o.masterKey.toString('base64'), ADMIN_USER: A.admin.user, ADMIN_PASSWORD: A.admin.password,
        ADMIN_PIN: A.admin.pin, ADMIN_CARD: A.admin.card, OPERATOR_USER: A.operator.user, OPERATOR_PASSWORD: A.operator.password, ...o.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('server did not start in 180 s')), 180_000);
      child!.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('/api/')) { clearTimeout(timer); resolve(); } });
      child!.on('exit', (c) => reject(new Error(`server exited (${c})`)));
    });
    return { port, origin: `http://127.0.0.1:${port}`, dataDir, stop };
  } catch (error) {
    await stop();
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
