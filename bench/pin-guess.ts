/**
 * Bench: the offline cost of one PIN guess against a copied profile, with the app's own code
 * (src/vault/lock/pin-key.ts `pinKeys` with PIN_KDF). Every guess needs one full derivation (the
 * 8-bit check is computed from it), so a guess costs what an unlock costs: timed in Chromium at 1×
 * and 4× CPU slow-down (a mid-range phone; wall time) and in Node (an attacker's CPU core; CPU time), with the memory
 * each derivation holds (measured: Node's external memory grown by the first derivation), and the
 * old PBKDF2 lock in the same run as the reference. What it means for all 6- and 8-digit PINs.
 * Alone: `npx tsx bench/pin-guess.ts`; the bench runner calls `benchPinGuess()`.
 */
import { PIN_KDF, pinKeys, type PinKdf } from '../src/vault/lock/pin-key.ts';
import { withBenchPage } from './browser-page.ts';
import { derivationTimes } from './pin-derivations.ts';
import { isMain } from './cli.ts';
import { spread } from './stats.ts';

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

const median = (xs: number[]) => spread(xs).median;

/** CPU time (user + system) per derivation: what a guesser pays, and unlike wall time not inflated by a busy machine. */
function nodeTimes(kdf: PinKdf, runs: number): Promise<number[]> {
  return derivationTimes(kdf, runs, 20_000_000, () => process.cpuUsage(), (t0) => {
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000;
  });
}

function chromiumTimes(runs: number): Promise<{ x1: { argon2id: number[]; pbkdf2: number[] }; x4: { argon2id: number[]; pbkdf2: number[] } }> {
  return withBenchPage('pin-guess', async (page) => {
    const run = () => page.evaluate((n) => (window as unknown as { runPinBench: (n: number) => Promise<{ argon2id: number[]; pbkdf2: number[] }> }).runPinBench(n), runs);
    const x1 = await run();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const x4 = await run();
    return { x1, x4 };
  });
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

if (isMain(import.meta.url)) await benchPinGuess();
