/**
 * The event-token verifier (RFC 4226 §7.4): the next counter after the last accepted one and a
 * look-ahead of `lookAhead` presses (the button pressed without signing in), each counter accepted
 * at most once; a code of a counter already used is a replay. Every candidate is computed and
 * compared, in constant time, before one is chosen.
 */
import type { Sign } from '../core/algorithms.ts';
import { matchesAt, type WindowMatch } from './code-window.ts';

/** Counters tried: the next one first, then the presses ahead, `lookAhead` in all. */
export function candidateCounters(lastCounter: number, lookAhead: number): number[] {
  return Array.from({ length: Math.max(1, lookAhead) }, (_, i) => lastCounter + 1 + i);
}

export async function matchCounter(a: {
  sign: Sign;
  code: string;
  digits: number;
  /** The last accepted counter; -1 before the first. */
  lastCounter: number;
  lookAhead: number;
}): Promise<WindowMatch> {
  const ahead = candidateCounters(a.lastCounter, a.lookAhead);
  // The last few used counters, so a code typed twice is told apart from a wrong one.
  const behind = Array.from({ length: Math.min(a.lookAhead, a.lastCounter + 1) }, (_, i) => a.lastCounter - i);
  const matches = await matchesAt(a, [...ahead, ...behind]);
  if (!matches) return { kind: 'wrong' };
  for (let i = 0; i < ahead.length; i++) {
    if (matches[i]) return { kind: 'match', step: ahead[i]!, drift: 0 };
  }
  return matches.some(Boolean) ? { kind: 'replay' } : { kind: 'wrong' };
}
