/**
 * The verifier's window search (RFC 6238 §5.2, RFC 4226 §7.4): candidates around the server's
 * current step plus the token's remembered drift, searched outward from the centre, each step
 * accepted at most once (replay), compared as fixed-length digit strings in constant time.
 */
import type { Sign } from '../core/algorithms.ts';
import { codesEqual } from '../core/compare.ts';
import { hotp } from '../core/hotp.ts';
import { timeStep } from '../core/totp.ts';

export type WindowMatch =
  | { kind: 'match'; step: number; drift: number }
  /** The code is right for a step at or below the last accepted one: a replay. */
  | { kind: 'replay' }
  | { kind: 'wrong' };

/**
 * Which counters `code` is right for, every one computed and compared (no early exit); null for
 * a code of the wrong shape, which never reaches the HMAC.
 */
export async function matchesAt(a: { sign: Sign; code: string; digits: number }, counters: readonly number[]): Promise<boolean[] | null> {
  if (a.code.length !== a.digits || !/^[0-9]+$/.test(a.code)) return null;
  const codes = await Promise.all(counters.map((counter) => hotp({ sign: a.sign, counter, digits: a.digits })));
  return codes.map((c) => codesEqual(c, a.code));
}

/** Steps to try, centre first, then ±1, ±2 … up to `window`, never past ±maxDrift from now. */
export function candidateSteps(current: number, drift: number, window: number, maxDrift: number): number[] {
  const centre = current + Math.max(-maxDrift, Math.min(maxDrift, drift));
  const steps = [centre];
  for (let d = 1; d <= window; d++) steps.push(centre - d, centre + d);
  return steps.filter((s) => s >= 0 && Math.abs(s - current) <= maxDrift);
}

export async function matchInWindow(a: {
  sign: Sign;
  code: string;
  digits: number;
  period: number;
  timestamp: number;
  drift: number;
  lastStep: number;
  window: number;
  maxDrift: number;
}): Promise<WindowMatch> {
  const current = timeStep({ timestamp: a.timestamp, period: a.period });
  const steps = candidateSteps(current, a.drift, a.window, a.maxDrift);
  // Every candidate compared first, then the first fresh match in search order.
  const matches = await matchesAt(a, steps);
  if (!matches) return { kind: 'wrong' };
  let replay = false;
  for (let i = 0; i < steps.length; i++) {
    if (!matches[i]) continue;
    const step = steps[i]!;
    if (step > a.lastStep) return { kind: 'match', step, drift: step - current };
    replay = true;
  }
  return replay ? { kind: 'replay' } : { kind: 'wrong' };
}
