/**
 * The verifier asks the token's type to check a code (as privacyIDEA's token classes do): one
 * entry per type, each with its own matching rule. Time-based (RFC 6238) is the only type so far.
 */
import type { HashAlgorithm, Sign } from '../core/algorithms.ts';
import { matchInWindow, type WindowMatch } from './code-window.ts';
import type { TokenRecord } from './types.ts';

export type TokenType = 'totp';

/** The parts of a token's record a check reads. */
export interface CheckedToken {
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  lastStep: number;
  drift: number;
}

export interface TokenCheck {
  match(a: { sign: Sign; code: string; token: CheckedToken; now: number; window: number; maxDrift: number }): Promise<WindowMatch>;
}

export const TOKEN_TYPES: Record<TokenType, TokenCheck> = {
  totp: {
    match: ({ sign, code, token, now, window, maxDrift }) =>
      matchInWindow({
        sign, code, digits: token.digits, period: token.period, timestamp: now,
        drift: token.drift, lastStep: token.lastStep, window, maxDrift,
      }),
  },
};

export function typeOf(_token: Pick<TokenRecord, 'kind'> | null): TokenType {
  return 'totp';
}
