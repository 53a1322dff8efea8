/**
 * Bench: the offline cost of one PIN guess against a copied profile, with the app's own code
 * (src/vault/lock/pin-key.ts `pinKeys` with PIN_KDF). Every guess needs one full derivation (the
 * 8-bit check is computed from it), so a guess costs what an unlock costs: timed in Chromium at 1×
 * and 4× CPU slow-down (a mid-range phone; wall time) and in Node (an attacker's CPU core; CPU time), with the memory
 * each derivation holds (measured: Node's external memory grown by the first derivation), and the
 * old PBKDF2 lock in the same run as the reference. What it means for all 6- and 8-digit PINs.
 * Alone: `npx tsx bench/pin-guess.ts`; the bench runner calls `benchPinGuess()`.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../scripts/chromium-path.mjs';
import { PIN_KDF, pinKeys, type PinKdf } from '../src/vault/lock/pin-key.ts';

export interface PinGuessFigures {
  kdf: string;
  chromiumMs: number;
  chromium4xMs: number;
  nodeMs: number;
  mibPerGuess: number;
  pbkdf2Ms: number;
  pbkdf2NodeMs: number;
  /** All 10⁶ six-digit PINs, in CPU-hours of one core (Node). */
  sixDigitCpuHours: number;
  /** All 10⁸ eight-digit PINs, in CPU-years of one core (Node). */
  eightDigitCpuYears: number;
  /** GiB a guesser must hold to run 1,000 guesses at once. */
  gibPerThousandParallel: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** CPU time (user + system) per derivation: what a guesser pays, and unlike wall time not inflated by a busy machine. */
async function nodeTimes(kdf: PinKdf, runs: number): Promise<number[]> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    await pinKeys(String(20_000_000 + i), salt, kdf);
    const t = process.cpuUsage(t0);
    ms.push((t.user + t.system) / 1000);
  }
  return ms;
}

async function chromiumTimes(runs: number): Promise<{ x1: { argon2id: number[]; pbkdf2: number[] }; x4: { argon2id: number[]; pbkdf2: number[] } }> {
  const server = await createServer({
    root, configFile: false, logLevel: 'error', server: { host: '127.0.0.1', port: 0 },
    optimizeDeps: { entries: ['bench/pin-guess.html'] },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/pin-guess.html`);
    await page.waitForFunction(() => document.title === 'ready', null, { timeout: 120_000 });
    const run = () => page.evaluate((n) => (window as unknown as { runPinBench: (n: number) => Promise<{ argon2id: number[]; pbkdf2: number[] }> }).runPinBench(n), runs);
    const x1 = await run();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const x4 = await run();
    return { x1, x4 };
  } finally {
    await browser.close();
    await server.close();
  }
}

export async function benchPinGuess({ runs = 5, print = true } = {}): Promise<PinGuessFigures> {
  // Memory first, in a process where no derivation has run yet.
  const before = process.memoryUsage().external;
  await pinKeys('12345678', new Uint8Array(16), PIN_KDF);
  const mibPerGuess = (process.memoryUsage().external - before) / 2 ** 20;
  const node = median(await nodeTimes(PIN_KDF, runs));
  const pbkdf2Node = median(await nodeTimes({ name: 'pbkdf2-sha256', iterations: 600_000 }, runs));
  const c = await chromiumTimes(runs);
  const figures: PinGuessFigures = {
    kdf: `Argon2id ${PIN_KDF.memoryKiB / 1024} MiB, t=${PIN_KDF.iterations}, p=${PIN_KDF.parallelism}`,
    chromiumMs: median(c.x1.argon2id),
    chromium4xMs: median(c.x4.argon2id),
    nodeMs: node,
    mibPerGuess,
    pbkdf2Ms: median(c.x1.pbkdf2),
    pbkdf2NodeMs: pbkdf2Node,
    sixDigitCpuHours: (1e6 * node) / 3.6e6,
    eightDigitCpuYears: (1e8 * node) / (3.6e6 * 24 * 365),
    gibPerThousandParallel: (1000 * mibPerGuess) / 1024,
  };
  if (print) {
    console.log(`PIN guess offline (${figures.kdf}; median of ${runs})`);
    console.log(`  Chromium          ${figures.chromiumMs.toFixed(0)} ms   (4× slow-down, mid-range phone: ${figures.chromium4xMs.toFixed(0)} ms; target 500–1000)`);
    console.log(`  Node, one core    ${figures.nodeMs.toFixed(0)} ms of CPU, ${figures.mibPerGuess.toFixed(1)} MiB per guess`);
    console.log(`  old PBKDF2 600k   ${figures.pbkdf2Ms.toFixed(0)} ms in Chromium, ${figures.pbkdf2NodeMs.toFixed(0)} ms of CPU in Node, no memory to speak of`);
    console.log(`  all 6-digit PINs  ${figures.sixDigitCpuHours.toFixed(0)} CPU-hours; all 8-digit PINs ${figures.eightDigitCpuYears.toFixed(1)} CPU-years`);
    console.log(`  1,000 guesses in parallel hold ${figures.gibPerThousandParallel.toFixed(0)} GiB`);
  }
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchPinGuess();
