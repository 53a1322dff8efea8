/** HOTP tokens (RFC 4226): otpauth parameters, the code for a counter, and its check. */
import type { Sign } from './algorithms.ts';
import { checkOf } from './compare.ts';
import { hotp } from './hotp.ts';
import { OtpauthError } from './otpauth-errors.ts';
import { DEFAULTS } from './limits.ts';
import { parseAlgorithm, parseCounter, parseDigits, otpTypeModule } from './token-fields.ts';
import type { HotpParams } from './token-spec.ts';

export function parseHotpParams(query: ReadonlyMap<string, string>): HotpParams {
  const counter = query.get('counter');
  const params: HotpParams = {
    type: 'hotp',
    algorithm: query.has('algorithm') ? parseAlgorithm(query.get('algorithm')!) : DEFAULTS.algorithm,
    digits: query.has('digits') ? parseDigits(query.get('digits')!) : DEFAULTS.digits,
    period: DEFAULTS.period, // an HOTP's period= is ignored
    counter: 0,
  };
  if (counter === undefined) throw new OtpauthError('hotp-without-counter');
  params.counter = parseCounter(counter);
  return params;
}

export function formatHotpParams(p: HotpParams): string {
  return `&algorithm=${p.algorithm}&digits=${p.digits}&counter=${p.counter}`;
}

/** The code for `counter`. */
export function hotpCode(a: { sign: Sign; params: Pick<HotpParams, 'digits'>; counter: number }): Promise<string> {
  return hotp({ sign: a.sign, counter: a.counter, digits: a.params.digits });
}

/** Whether `code` is the code for `counter` (look-ahead is the verifier's). */
export const checkHotp = checkOf(hotpCode);

export const hotpType = otpTypeModule<HotpParams>('hotp', parseHotpParams, formatHotpParams);
