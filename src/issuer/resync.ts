/**
 * Resynchronisation from two consecutive codes (RFC 4226 §7.4, RFC 6238 §6): a token pressed
 * many times, or whose clock ran off, is found again within a wide window, and two codes in a row
 * make a chance match negligible (about 2 × window × 10⁻¹² for 6 digits). The codes must be of
 * steps after the last accepted one, so codes already used cannot move a token back.
 */
import type { Sign } from '../core/algorithms.ts';
import { hotp } from '../core/hotp.ts';
import { timeStep } from '../core/totp.ts';
import { codesEqual } from '../core/compare.ts';

export const RESYNC_WINDOW = {
  /** Presses an event token may be ahead of the bank. */
  presses: 100,
  /** How far a time token's clock may be off, either way. */
  clockMs: 10 * 60 * 1000,
} as const;

/** The later of the two codes' step, and for a time token its offset from the bank's clock. */
export type Resynced = { step: number; drift: number };

async function findPair(sign: Sign, codes: readonly [string, string], digits: number, steps: number[]): Promise<number | null> {
  if (codes.some((c) => c.length !== digits || !/^[0-9]+$/.test(c))) return null;
  const all = [...new Set(steps.flatMap((s) => [s, s + 1]))].sort((x, y) => x - y);
  const values = new Map<number, string>();
  await Promise.all(all.map(async (s) => values.set(s, await hotp({ sign, counter: s, digits }))));
  let found: number | null = null;
  for (const s of steps) {
    // Both comparisons always run: no early exit on the first code.
    const first = codesEqual(values.get(s)!, codes[0]);
    const second = codesEqual(values.get(s + 1)!, codes[1]);
    if (first && second && found === null) found = s + 1;
  }
  return found;
}

/** An event (HOTP) token: the pair within `presses` after the last accepted counter. */
export async function resyncCounter(a: {
  sign: Sign; codes: readonly [string, string]; digits: number; lastCounter: number; presses?: number;
}): Promise<Resynced | null> {
  const presses = a.presses ?? RESYNC_WINDOW.presses;
  const steps = Array.from({ length: presses }, (_, i) => a.lastCounter + 1 + i);
  const step = await findPair(a.sign, a.codes, a.digits, steps);
  return step === null ? null : { step, drift: 0 };
}

/** A time (TOTP) token: the pair within ±clockMs of the bank's clock, later than the last accepted step. */
export async function resyncClock(a: {
  sign: Sign; codes: readonly [string, string]; digits: number; period: number; timestamp: number; lastStep: number; clockMs?: number;
}): Promise<Resynced | null> {
  const current = timeStep({ timestamp: a.timestamp, period: a.period });
  const reach = Math.ceil((a.clockMs ?? RESYNC_WINDOW.clockMs) / (a.period * 1000));
  const steps: number[] = [];
  // The second code is the one shown now: it lies within the reach of the bank's step.
  for (let s = current - reach - 1; s < current + reach; s++) if (s >= 0 && s > a.lastStep) steps.push(s);
  const step = await findPair(a.sign, a.codes, a.digits, steps);
  return step === null ? null : { step, drift: step - current };
}
