/** TOTP tokens (RFC 6238): otpauth parameters, the code at an instant, and its check. */
import type { Sign } from './algorithms.ts';
import { checkOf } from './compare.ts';
import { totp } from './totp.ts';
import { DEFAULTS } from './limits.ts';
import { parseAlgorithm, parseDigits, parsePeriod, otpTypeModule } from './token-fields.ts';
import type { TotpParams } from './token-spec.ts';

export function parseTotpParams(query: ReadonlyMap<string, string>): TotpParams {
  return {
    type: 'totp',
    algorithm: query.has('algorithm') ? parseAlgorithm(query.get('algorithm')!) : DEFAULTS.algorithm,
    digits: query.has('digits') ? parseDigits(query.get('digits')!) : DEFAULTS.digits,
    period: query.has('period') ? parsePeriod(query.get('period')!) : DEFAULTS.period,
    counter: 0, // a TOTP's counter= is ignored
  };
}

export function formatTotpParams(p: TotpParams): string {
  return `&algorithm=${p.algorithm}&digits=${p.digits}&period=${p.period}`;
}

/** The code at `timestamp` (ms). */
export function totpCode(a: { sign: Sign; params: Pick<TotpParams, 'digits' | 'period'>; timestamp: number }): Promise<string> {
  return totp({ sign: a.sign, timestamp: a.timestamp, period: a.params.period, digits: a.params.digits });
}

/** Whether `code` is the code at `timestamp` (one step; the verifier's window is its own). */
export const checkTotp = checkOf(totpCode);

export const totpType = otpTypeModule<TotpParams>('totp', parseTotpParams, formatTotpParams);
