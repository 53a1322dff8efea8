/** The token description every enrollment path produces, its limits, and the typed-entry builder. */
import { parseHashAlgorithm, type HashAlgorithm } from './algorithms.ts';
import { Base32Error, base32Decode } from './base32.ts';
import { DEFAULTS, LIMITS, PATTERNS, compactTyped } from './limits.ts';
import { checkName } from './names.ts';
import { OtpauthError } from './otpauth-errors.ts';

/** What every token has, whatever its type. */
export interface TokenNames {
  issuer: string;
  label: string;
  secret: Uint8Array;
  /** Bank serial number, uppercase letters and digits. */
  serial?: string;
}

/**
 * A type's parameters, one variant per module (token-totp.ts, token-hotp.ts, token-ocra.ts). The
 * fields every variant has are what the stored records always had; a type adds its own.
 */
interface ParamsBase {
  /** The HMAC's hash. */
  algorithm: HashAlgorithm;
  /** Code length; for OCRA the suite's truncation (0: the whole HMAC in hex). */
  digits: number;
  /** Seconds per step (TOTP; OCRA with T); 30 where unused. */
  period: number;
  /** Next counter (HOTP; OCRA with C); 0 where unused. */
  counter: number;
}
export interface TotpParams extends ParamsBase { type: 'totp' }
export interface HotpParams extends ParamsBase { type: 'hotp' }
export interface OcraParams extends ParamsBase {
  type: 'ocra';
  /** The RFC 6287 suite, exactly as issued. */
  suite: string;
  /** Set on the separate signing key of a bank token: the serial of the token it signs for. */
  signingFor?: string;
}
export type TokenParams = TotpParams | HotpParams | OcraParams;
export type TokenType = TokenParams['type'];

export type TokenSpec = TokenNames & TokenParams;

/** Base32 secret to bytes with the otpauth error codes; `typed` allows spaces, hyphens, full-width. */
export function decodeSecret(text: string, typed = false): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(text, { typed });
  } catch (error) {
    if (!(error instanceof Base32Error)) throw error;
    throw new OtpauthError('invalid-secret', error.code === 'invalid-char' ? error.char : 'length');
  }
  if (bytes.length === 0) throw new OtpauthError('empty-secret');
  checkSecretLength(bytes);
  return bytes;
}

function checkSecretLength(secret: Uint8Array): void {
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

// The registry of types dispatches; re-exported here, where the checks always were.
export { validateSpec } from './token-types.ts';

function typedNumber(value: string | number | undefined, fallback: number, parse: (text: string) => number): number {
  if (value === undefined) return fallback;
  const text = typeof value === 'number' ? String(value) : value.normalize('NFKC').trim();
  return text === '' ? fallback : parse(text);
}

/**
 * A TOTP TokenSpec from the manual form. Secret: base32 with spaces/hyphens allowed. Issuer and
 * label may be empty (the label then defaults to the serial, or ''). Same limits as a URI.
 */
export function specFromTyped(fields: {
  serial?: string; secret: string; issuer?: string; label?: string;
  algorithm?: string; digits?: string | number; period?: string | number;
}): TokenSpec {
  const serialText = compactTyped(fields.serial ?? '');
  const serial = serialText === '' ? undefined : parseSerial(serialText);
  const secret = decodeSecret(fields.secret, true);
  const issuer = checkName((fields.issuer ?? '').trim(), 'issuer');
  const label = checkName((fields.label ?? '').trim() || serial || '', 'label');
  const algorithmText = (fields.algorithm ?? '').trim();
  const spec: TokenSpec = {
    type: 'totp',
    issuer,
    label,
    secret,
    algorithm: algorithmText === '' ? DEFAULTS.algorithm : parseAlgorithm(algorithmText),
    digits: typedNumber(fields.digits, DEFAULTS.digits, parseDigits),
    period: typedNumber(fields.period, DEFAULTS.period, parsePeriod),
    counter: 0,
  };
  if (serial !== undefined) spec.serial = serial;
  return spec;
}
