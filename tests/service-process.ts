/**
 * The bank service (`server/main.ts`) as its own process on a free loopback port: for the tests
 * that run several instances on one PostgreSQL and kill them, and for the benches. It runs what
 * `npm start` runs, the built bundle (scripts/build-server.mjs), made again once per test or bench
 * process so it is never stale. Resolves once it prints its URLs; `stop` is SIGTERM, then SIGKILL after 12 s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { root } from '../bench/builds.ts';
import { seedUsers, type SeededUsers } from '../bench/verify-load.ts';
import { openPglite } from '../server/db.ts';
import { buildServer } from '../scripts/build-server.mjs';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let built: Promise<string> | undefined;

/** The service bundle, built once per process (server/ may have changed since the last build). */
export function serverBundle(): Promise<string> {
  built ??= buildServer();
  return built;
}

export interface ServiceProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Everything it wrote, stdout and stderr. */
  output: () => string;
  /** Its exit, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

export async function startServiceProcess(o: {
  env: Record<string, string>;
  /** Where it looks for dist/ and dist-admin/; the repository by default. */
  cwd?: string;
  /** Node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}): Promise<ServiceProcess> {
  const port = await freePort();
  let out = '';
  // By its path, so the service also starts in a folder without node_modules.
  const bundle = await serverBundle();
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), bundle], {
    cwd: o.cwd ?? root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...o.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the service did not start in 180 s:\n${out}`)), 180_000);
      child.stdout!.on('data', () => { if (out.includes('/api/')) { clearTimeout(timer); resolve(); } });
      void exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`the service exited (${code}):\n${out}`)); });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `http://127.0.0.1:${port}`, child, output: () => out, exited, stop };
}

/**
 * The service on a fresh embedded database in `dataDir`: `n` users with active tokens seeded first
 * (bench/verify-load.ts), then started with the integration API key `key`.
 */
export async function seededEmbeddedService(dataDir: string, n: number, key: string, env: Record<string, string> = {}): Promise<{ service: ServiceProcess; users: SeededUsers }> {
  const master = randomBytes(32);
  const db = await openPglite(dataDir);
  const users = await seedUsers(db, master, n);
  await db.close();
  const service = await startServiceProcess({ env: { DATA_DIR: dataDir, DATABASE_URL: '', MASTER_KEY: master.toString('base64'), VERIFY_API_KEY: key, ...env } });
  return { service, users };
}
