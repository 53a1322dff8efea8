/**
 * The verifier asks the token's type to check a code (as privacyIDEA's token classes do): one
 * entry per type, each with its own matching and resynchronising rule. Time-based tokens (RFC 6238)
 * are searched around the bank's clock; event tokens (RFC 4226) from their last used counter on.
 */
import type { HashAlgorithm, Sign } from '../core/algorithms.ts';
import { matchInWindow, type WindowMatch } from './code-window.ts';
import { matchCounter } from './counter-window.ts';
import { RESYNC_WINDOW, resyncClock, resyncCounter, type Resynced } from './resync.ts';
import type { TokenRecord } from './types.ts';

export type TokenType = 'totp' | 'hotp';

/** The parts of a token's record a check reads. */
export interface CheckedToken {
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  lastStep: number;
  drift: number;
}

export interface CheckWindow {
  /** Time steps on each side of the expected one. */
  window: number;
  /** Largest drift (in steps) a time token may accumulate. */
  maxDrift: number;
  /** Presses an event token may be ahead. */
  lookAhead: number;
}

export interface TokenCheck {
  match(a: { sign: Sign; code: string; token: CheckedToken; now: number } & CheckWindow): Promise<WindowMatch>;
  /** The step two consecutive codes end on, within the wide resync window; null when they are not found. */
  resync(a: { sign: Sign; codes: readonly [string, string]; token: CheckedToken; now: number }): Promise<Resynced | null>;
}

export const TOKEN_TYPES: Record<TokenType, TokenCheck> = {
  totp: {
    match: ({ sign, code, token, now, window, maxDrift }) =>
      matchInWindow({
        sign, code, digits: token.digits, period: token.period, timestamp: now,
        drift: token.drift, lastStep: token.lastStep, window,
        // A resync may set the clock's offset anywhere in its window; the verifier follows it there.
        maxDrift: Math.max(maxDrift, Math.ceil(RESYNC_WINDOW.clockMs / (token.period * 1000))),
      }),
    resync: ({ sign, codes, token, now }) =>
      resyncClock({ sign, codes, digits: token.digits, period: token.period, timestamp: now, lastStep: token.lastStep }),
  },
  hotp: {
    match: ({ sign, code, token, lookAhead }) =>
      matchCounter({ sign, code, digits: token.digits, lastCounter: token.lastStep, lookAhead }),
    resync: ({ sign, codes, token }) => resyncCounter({ sign, codes, digits: token.digits, lastCounter: token.lastStep }),
  },
};

export function typeOf(token: Pick<TokenRecord, 'type'> | null): TokenType {
  return token?.type ?? 'totp';
}
