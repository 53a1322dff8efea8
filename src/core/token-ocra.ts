/**
 * OCRA tokens (RFC 6287): `otpauth://ocra/…?suite=…` parameters, the response to a challenge,
 * and its check. A signing token shows no code of its own: it answers challenges.
 */
import type { Sign } from './algorithms.ts';
import { codesEqual } from './compare.ts';
import { ocra, type OcraInput } from './ocra.ts';
import { OcraSuiteError, parseOcraSuite, type OcraSuite } from './ocra-suite.ts';
import { OtpauthError } from './otpauth-errors.ts';
import type { TokenTypeModule } from './token-type.ts';
import { parseCounter, parseSerial, validateCounter } from './token-fields.ts';
import type { OcraParams } from './token-spec.ts';

/** The suite, with the suite parser's refusal as OtpauthError('bad-suite', its code). */
export function suiteOf(text: string): OcraSuite {
  try {
    return parseOcraSuite(text);
  } catch (error) {
    if (error instanceof OcraSuiteError) throw new OtpauthError('bad-suite', error.code);
    throw error;
  }
}

/** The parameters a suite fixes (hash, truncation, time step), with a counter when it has C. */
export function ocraParams(suiteText: string, counter = 0): OcraParams {
  const suite = suiteOf(suiteText);
  return {
    type: 'ocra', suite: suite.text, algorithm: suite.hash, digits: suite.digits,
    period: suite.timeStep ?? 30, counter: suite.counter ? counter : 0,
  };
}

export function parseOcraParams(query: ReadonlyMap<string, string>): OcraParams {
  const text = query.get('suite');
  if (text === undefined || text === '') throw new OtpauthError('bad-suite', 'missing');
  const counter = query.get('counter');
  // Counter only for a suite with C (RFC 6287 §5.1); elsewhere it is ignored, as a TOTP's is.
  return ocraParams(text, suiteOf(text).counter && counter !== undefined ? parseCounter(counter) : 0);
}

export function formatOcraParams(p: OcraParams): string {
  return `&suite=${p.suite}` + (suiteOf(p.suite).counter ? `&counter=${p.counter}` : '');
}

export function validateOcraParams(p: OcraParams): void {
  const fixed = ocraParams(p.suite);
  if (p.algorithm !== fixed.algorithm) throw new OtpauthError('bad-algorithm', String(p.algorithm));
  if (p.digits !== fixed.digits) throw new OtpauthError('bad-digits', String(p.digits));
  if (p.period !== fixed.period) throw new OtpauthError('bad-period', String(p.period));
  validateCounter(p.counter);
  if (p.signingFor !== undefined && parseSerial(p.signingFor) !== p.signingFor) throw new OtpauthError('bad-serial', p.signingFor);
}

/** The response to `question` (RFC 6287 §5); `timestamp` for a T suite. Throws OcraInputError. */
export function ocraResponse(a: { sign: Sign; params: Pick<OcraParams, 'suite' | 'counter'> } & Omit<OcraInput, 'counter'>): Promise<string> {
  const { sign, params, ...input } = a;
  return ocra({ sign, suite: params.suite, ...input, counter: params.counter });
}

/** Whether `code` answers `question` (one counter and time step; the verifier searches its own). */
export async function checkOcra(a: Parameters<typeof ocraResponse>[0] & { code: string }): Promise<boolean> {
  const { code, ...rest } = a;
  return codesEqual(await ocraResponse(rest), code);
}

export const ocraType: TokenTypeModule<OcraParams> = {
  type: 'ocra',
  params: { suite: 'bad-suite', counter: 'bad-counter' },
  parse: parseOcraParams,
  format: formatOcraParams,
  validate: validateOcraParams,
};
