/** Starts the reference service over HTTPS with client certificates (its own data folder and port). */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { ADMIN, OPERATOR, TLS_PORT } from './accounts.ts';
import type { TestCertificates } from '../../test-certificates.ts';

export interface TlsService {
  stop(): Promise<void>;
}

function ready(ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port: TLS_PORT, path: '/healthz', ca, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => (req.destroy(), resolve(false)));
  });
}

export async function startTlsService(certs: TestCertificates): Promise<TlsService> {
  const dataDir = path.join('.data', 'e2e-tls');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const files = { cert: path.join(certs.dir, 'server.pem'), key: path.join(certs.dir, 'server.key'), ca: path.join(certs.dir, 'ca.pem') };
  // Its own process group, so stopping it stops tsx's child too.
  const child: ChildProcess = spawn(path.resolve('node_modules/.bin/tsx'), ['server/main.ts'], {
    detached: true,
    env: {
      ...process.env, PORT: String(TLS_PORT), DATA_DIR: dataDir, TLS_CERT: files.cert, TLS_KEY: files.key,
      ADMIN_CLIENT_CA: files.ca, ADMIN_USER: ADMIN.user, ADMIN_PASSWORD: ADMIN.password, ADMIN_PIN: ADMIN.pin,
      ADMIN_CARD: ADMIN.card, LOGIN_LIMIT_PER_MINUTE: '10000', OPERATOR_USER: OPERATOR.user, OPERATOR_PASSWORD: OPERATOR.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 170_000;
  while (!(await ready(certs.server.cert + certs.ca))) {
    if (child.exitCode !== null) throw new Error(`the HTTPS service exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the HTTPS service did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      process.kill(-child.pid!, 'SIGTERM');
    }),
  };
}
