/**
 * One `<KeyPackage>` (RFC 6030 §4) as the bank takes it: an HOTP (RFC 4226) or TOTP (RFC 6238)
 * key with its serial (`DeviceInfo/SerialNo`), issuer, hash (from `Suite`), digits
 * (`ResponseFormat`), counter or time step, drift and validity; or the reason it is not taken.
 */
import type { HashAlgorithm } from '../../core/algorithms.ts';
import { DEFAULTS, LIMITS, PATTERNS } from '../../core/limits.ts';
import type { PskcRejectReason } from './errors.ts';
import { child, path, type XmlElement } from './safe-xml.ts';
import type { ValueReader, ValueSlot } from './values.ts';

export type HardwareTokenType = 'hotp' | 'totp';

export interface PskcKey {
  /** 1-based position of the key package in the file. */
  position: number;
  /** The file's `Key/@Id`. */
  id: string | null;
  serial: string;
  type: HardwareTokenType;
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  /** HOTP: the counter the token's next code is computed with. */
  counter: number;
  /** TOTP: seconds per step. */
  period: number;
  /** TOTP: the token clock's offset in steps, as the vendor measured it. */
  drift: number;
  issuer: string | null;
  manufacturer: string | null;
  /** ms since the epoch; null when the file sets none. */
  notBefore: number | null;
  notAfter: number | null;
}

export interface PskcReject {
  position: number;
  id: string | null;
  serial: string;
  reason: PskcRejectReason;
}

/** The bank's rules for a hardware key (src/core/limits.ts; RFC 4226 §4 R6: at least 128 bits of secret). */
export const HARDWARE_KEY_RULES = {
  serial: PATTERNS.heldSerial,
  minSecretBytes: LIMITS.bankMinSecretBytes,
  maxSecretBytes: LIMITS.maxSecretBytes,
  minDigits: LIMITS.minDigits,
  maxDigits: LIMITS.maxDigits,
  minPeriod: LIMITS.bankMinPeriod,
  maxPeriod: LIMITS.bankMaxPeriod,
  maxDrift: 1000,
} as const;

const DEFAULT_PERIOD = DEFAULTS.period;
const TEXT_LIMIT = 64;

/** `urn:ietf:params:xml:ns:keyprov:pskc:hotp` (and the drafts' `…pskc#hotp`). */
function tokenType(uri: string | undefined): HardwareTokenType | null {
  const m = /^urn:ietf:params:xml:ns:keyprov:pskc[:#](hotp|totp)$/i.exec(uri ?? '');
  return m ? (m[1]!.toLowerCase() as HardwareTokenType) : null;
}

/** The hash from `<Suite>` ("HMAC-SHA256", "SHA1"…); RFC 4226's SHA-1 when there is none. */
function suiteHash(suite: string | undefined): HashAlgorithm | null {
  if (!suite) return 'SHA1';
  const m = /^(?:HMAC-)?SHA-?(1|256|512)$/i.exec(suite.trim());
  return m ? (`SHA${m[1]}` as HashAlgorithm) : null;
}

function date(el: XmlElement | undefined): number | null | 'bad' {
  if (!el?.text) return null;
  const t = Date.parse(el.text);
  return Number.isFinite(t) ? t : 'bad';
}

/** The tighter of the key's and the device's dates (either may be absent). */
function bound(dates: (number | null)[], pick: (a: number, b: number) => number): number | null {
  const set = dates.filter((d): d is number => d !== null);
  return set.length ? set.reduce(pick) : null;
}

/** Names from a vendor file are untrusted: kept short, controls dropped; shown only as text. */
function label(text: string | undefined): string | null {
  const clean = (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, '').trim();
  return clean ? Array.from(clean).slice(0, TEXT_LIMIT).join('') : null;
}

/** The data values of a key package, noted for decryption (a bad MAC anywhere refuses the file). */
export interface KeyPackageValues {
  secret: ValueSlot;
  counter: ValueSlot;
  time: ValueSlot;
  interval: ValueSlot;
  drift: ValueSlot;
}

export function noteKeyPackage(pkg: XmlElement, values: ValueReader): KeyPackageValues {
  const data = path(pkg, 'Key', 'Data');
  return {
    secret: values.add(child(data, 'Secret')),
    counter: values.add(child(data, 'Counter')),
    time: values.add(child(data, 'Time')),
    interval: values.add(child(data, 'TimeInterval')),
    drift: values.add(child(data, 'TimeDrift')),
  };
}

/** The key, or why the bank does not take it; its values decrypted already (ValueReader.decryptAll). */
export function readKeyPackage(
  pkg: XmlElement,
  position: number,
  noted: KeyPackageValues,
  values: ValueReader,
  now: number,
): PskcKey | PskcReject {
  const key = child(pkg, 'Key');
  const id = label(key?.attrs.Id);
  const serial = (path(pkg, 'DeviceInfo', 'SerialNo')?.text ?? '').trim().toUpperCase();
  const reject = (reason: PskcRejectReason): PskcReject => ({ position, id, serial: serial.slice(0, 40), reason });
  if (Object.values(noted).some((slot) => slot !== null && 'unsupported' in slot)) return reject('unsupported-encryption');
  const secret = values.bytes(noted.secret);
  const counter = values.integer(noted.counter);
  const time = values.integer(noted.time);
  const interval = values.integer(noted.interval);
  const drift = values.integer(noted.drift);

  const R = HARDWARE_KEY_RULES;
  if (!R.serial.test(serial)) return reject('bad-serial');
  const type = tokenType(key?.attrs.Algorithm);
  const params = child(key, 'AlgorithmParameters');
  const algorithm = suiteHash(child(params, 'Suite')?.text);
  if (!type || !algorithm) return reject('unsupported-algorithm');
  const format = child(params, 'ResponseFormat');
  if (format && (format.attrs.Encoding ?? 'DECIMAL').toUpperCase() !== 'DECIMAL') return reject('unsupported-format');
  const digits = format?.attrs.Length === undefined ? 6 : Number(format.attrs.Length);
  if (!Number.isInteger(digits) || digits < R.minDigits || digits > R.maxDigits) return reject('bad-digits');
  if (!secret || secret.length === 0) return reject('no-secret');
  if (secret.length < R.minSecretBytes) return reject('short-secret');
  if (secret.length > R.maxSecretBytes) return reject('long-secret');
  if (counter === 'bad' || (counter !== null && (counter < 0 || !Number.isSafeInteger(counter)))) return reject('bad-counter');
  const period = interval === null ? DEFAULT_PERIOD : interval;
  if (type === 'totp') {
    if (period === 'bad' || period < R.minPeriod || period > R.maxPeriod) return reject('bad-period');
    // The verifier counts time steps from the Unix epoch (RFC 6238's default T0 = 0).
    if (time === 'bad' || (time !== null && time !== 0)) return reject('bad-time');
    if (drift === 'bad' || (drift !== null && Math.abs(drift) > R.maxDrift)) return reject('bad-drift');
  }

  const policy = child(key, 'Policy');
  const device = child(pkg, 'DeviceInfo');
  const starts = [date(child(policy, 'StartDate')), date(child(device, 'StartDate'))];
  const expiries = [date(child(policy, 'ExpiryDate')), date(child(device, 'ExpiryDate'))];
  if ([...starts, ...expiries].includes('bad')) return reject('bad-time');
  const notBefore = bound(starts as (number | null)[], Math.max);
  const notAfter = bound(expiries as (number | null)[], Math.min);
  if (notAfter !== null && notAfter <= now) return reject('expired');
  if (notBefore !== null && notBefore > now) return reject('not-yet-valid');

  return {
    position, id, serial, type, secret, algorithm, digits,
    counter: type === 'hotp' ? (counter ?? 0) : 0,
    period: type === 'totp' ? (period as number) : DEFAULT_PERIOD,
    drift: type === 'totp' ? ((drift as number | null) ?? 0) : 0,
    issuer: label(child(key, 'Issuer')?.text),
    manufacturer: label(child(device, 'Manufacturer')?.text),
    notBefore, notAfter,
  };
}
