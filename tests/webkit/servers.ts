// What the WebKit flows load: the built PWA on a plain static server, the same build on a second
// origin where a test script removes crypto.subtle before anything else runs (a browser below the
// floor), and the reference bank service on its own port for provisioning.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createStaticServer } from '../../scripts/serve-static.mjs';
import { freePort } from './webkit-browser.ts';

export interface Served {
  url: string;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<Served> {
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function serveBuild(dir = 'dist'): Promise<Served> {
  return listen(createStaticServer(dir));
}

/** WebDriver has no init scripts: this origin's page loads one first, in its <head>, from the server. */
const REMOVE_SUBTLE = "Object.defineProperty(Crypto.prototype, 'subtle', { get: function () { return undefined; }, configurable: true });\n";

export function serveBuildWithoutSubtle(dir = 'dist'): Promise<Served> {
  const files = createStaticServer(dir);
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8').replace('<head>', '<head><script src="/test-remove-subtle.js"></script>');
  return listen(
    http.createServer((req, res) => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      if (p === '/test-remove-subtle.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(REMOVE_SUBTLE);
      if (p === '/' || p === '/index.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(index);
      files.emit('request', req, res);
    }),
  );
}

/** The bank service (embedded database in a fresh folder); resolves once it answers. */
export async function startBank(): Promise<Served> {
  const port = Number(process.env.WEBKIT_BANK_PORT) || (await freePort());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soft-token-webkit-bank-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir };
  delete env.DATABASE_URL; // the embedded database, whatever the caller's environment says
  const proc = spawn(process.execPath, ['scripts/start-server.mjs'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) => proc.on('exit', (code) => reject(new Error(`bank service exited (${code})`))));
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('bank service did not start');
    const up = await Promise.race([fetch(`${url}/api/session`).then(() => true, () => false), exited]);
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async close() {
      proc.kill();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
