/** The token description every enrollment path produces, its limits, and the typed-entry builder. */
import type { HashAlgorithm } from './algorithms.ts';
import { Base32Error, base32Decode } from './base32.ts';
import { DEFAULTS, compactTyped } from './limits.ts';
import { checkSecretLength, parseAlgorithm, parseDigits, parsePeriod, parseSerial } from './token-fields.ts';
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
export interface ParamsBase {
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

// The field parsers and the registry's check, re-exported here where they always were.
export {
  checkSecretLength, parseAlgorithm, parseCounter, parseDigits, parsePeriod, parseSerial,
  validateCounter, validateNames, validateOtpParams, validateSerial,
} from './token-fields.ts';
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
