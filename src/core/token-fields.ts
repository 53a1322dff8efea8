/**
 * The fields of a token checked one by one (parsers from URI text, bounds of stored values). Kept
 * apart from token-spec.ts so a card that only computes codes loads none of the URI code.
 */
import { parseHashAlgorithm, type HashAlgorithm } from './algorithms.ts';
import { LIMITS, PATTERNS } from './limits.ts';
import { checkName } from './names.ts';
import { OtpauthError } from './otpauth-errors.ts';
import type { HotpParams, ParamsBase, TokenNames, TotpParams } from './token-spec.ts';
import type { TokenTypeModule } from './token-type.ts';

export function checkSecretLength(secret: Uint8Array): void {
  if (secret.length < LIMITS.minSecretBytes) throw new OtpauthError('secret-too-short');
  if (secret.length > LIMITS.maxSecretBytes) throw new OtpauthError('secret-too-long');
}

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** Digits LIMITS.minDigits..maxDigits from a strict decimal string ("6", not "06", " 6" or "6.0"). */
export function parseDigits(text: string): number {
  const digits = DECIMAL.test(text) && text.length === 1 ? Number(text) : NaN;
  if (!(digits >= LIMITS.minDigits && digits <= LIMITS.maxDigits)) throw new OtpauthError('bad-digits', text.slice(0, 16));
  return digits;
}

/** Period in whole seconds, LIMITS.minPeriod..LIMITS.maxPeriod, from a strict decimal string. */
export function parsePeriod(text: string): number {
  const period = DECIMAL.test(text) && text.length <= 4 ? Number(text) : NaN;
  if (!(period >= LIMITS.minPeriod && period <= LIMITS.maxPeriod)) throw new OtpauthError('bad-period', text.slice(0, 16));
  return period;
}

/** HOTP counter 0..2^53-1 from a strict decimal string. */
export function parseCounter(text: string): number {
  const counter = DECIMAL.test(text) && text.length <= 16 ? Number(text) : NaN;
  if (!Number.isSafeInteger(counter)) throw new OtpauthError('bad-counter', text.slice(0, 24));
  return counter;
}

export function parseAlgorithm(text: string): HashAlgorithm {
  const algorithm = parseHashAlgorithm(text);
  if (!algorithm) throw new OtpauthError('bad-algorithm', text.slice(0, 16));
  return algorithm;
}

/** Serial: ASCII letters and digits, at most LIMITS.serialLength, stored uppercase. */
export function parseSerial(text: string): string {
  if (!PATTERNS.serial.test(text)) throw new OtpauthError('bad-serial', text.slice(0, LIMITS.serialLength + 1));
  return text.toUpperCase();
}

/** The checks every type shares: safe names, an in-bounds secret. */
export function validateNames(spec: TokenNames): void {
  checkName(spec.issuer, 'issuer');
  checkName(spec.label, 'label');
  if (!(spec.secret instanceof Uint8Array) || spec.secret.length === 0) throw new OtpauthError('empty-secret');
  checkSecretLength(spec.secret);
}

export function validateSerial(serial: string | undefined): void {
  if (serial !== undefined && parseSerial(serial) !== serial) throw new OtpauthError('bad-serial', serial);
}

/** The OTP types' (TOTP, HOTP) parameters and the error each refuses with. */
const OTP_PARAM_ERRORS = { algorithm: 'bad-algorithm', digits: 'bad-digits', period: 'bad-period', counter: 'bad-counter' } as const;

/** An OTP type's module (TOTP, HOTP): the same parameters and checks, its own reading and writing. */
export function otpTypeModule<P extends TotpParams | HotpParams>(
  type: P['type'], parse: (query: ReadonlyMap<string, string>) => P, format: (params: P) => string,
): TokenTypeModule<P> {
  return { type, params: OTP_PARAM_ERRORS, parse, format, validate: validateOtpParams };
}

/** The algorithm, digits, period and counter checks of the OTP types (TOTP, HOTP). */
export function validateOtpParams(spec: ParamsBase): void {
  if (!parseHashAlgorithm(spec.algorithm) || spec.algorithm !== spec.algorithm.toUpperCase()) throw new OtpauthError('bad-algorithm', String(spec.algorithm));
  if (!Number.isInteger(spec.digits) || spec.digits < LIMITS.minDigits || spec.digits > LIMITS.maxDigits) throw new OtpauthError('bad-digits', String(spec.digits));
  if (!Number.isInteger(spec.period) || spec.period < LIMITS.minPeriod || spec.period > LIMITS.maxPeriod) throw new OtpauthError('bad-period', String(spec.period));
  validateCounter(spec.counter);
}

export function validateCounter(counter: number): void {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new OtpauthError('bad-counter', String(counter));
}

