// Debian's WebKitGTK as a test browser: Xvfb (display chosen by the server itself), WebKitWebDriver
// (W3C WebDriver) and its MiniBrowser in automation mode, driven by webdriverio.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { remote } from 'webdriverio';

const MINIBROWSERS = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

export function miniBrowserPath(): string | undefined {
  return [process.env.WEBKIT_MINIBROWSER, ...MINIBROWSERS].find((p): p is string => !!p && fs.existsSync(p));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts Xvfb and reads back the display it picked (-displayfd), so parallel runs never collide. */
function startXvfb(): Promise<{ proc: ChildProcess; display: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    proc.on('error', reject);
    let out = '';
    proc.stdio[3]!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ proc, display: `:${out.trim()}` });
    });
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });
}

async function waitForDriver(port: number, deadline = Date.now() + 20_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/status`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

export interface WebKit {
  browser: WebdriverIO.Browser;
  stop(): Promise<void>;
}

export async function startWebKit(): Promise<WebKit> {
  const binary = miniBrowserPath();
  if (!binary) throw new Error('MiniBrowser not found: run scripts/ensure-webkit.sh (or set WEBKIT_MINIBROWSER)');
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: xvfb.display } });
  const stopAll = () => {
    driver.kill();
    xvfb.proc.kill();
  };
  try {
    await waitForDriver(port);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      connectionRetryCount: 1,
      capabilities: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } as WebdriverIO.Capabilities,
    });
    return {
      browser,
      async stop() {
        await browser.deleteSession().catch(() => {});
        stopAll();
      },
    };
  } catch (error) {
    stopAll();
    throw error;
  }
}
