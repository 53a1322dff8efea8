/**
 * OCRA suites, RFC 6287 §6 (https://www.rfc-editor.org/rfc/rfc6287#section-6):
 * `OCRA-1:HOTP-<hash>-<t>:[C-]Q<f><xx>[-P<hash>][-S<nnn>][-T<G>]`. Parsed by hand with one error
 * code per refusal. The text is kept as given: it is the first part of the HMAC's input, so two
 * spellings of one suite give different responses (hence exact case only).
 */
import type { HashAlgorithm } from './algorithms.ts';
import { OCRA_LIMITS } from './limits.ts';

export { OCRA_LIMITS };

export type OcraSuiteErrorCode =
  | 'too-long'
  | 'bad-shape'
  | 'bad-version'
  | 'bad-crypto-function'
  | 'bad-hash'
  | 'bad-truncation'
  | 'missing-question'
  | 'bad-question'
  | 'bad-password'
  | 'bad-session'
  | 'bad-time-step'
  | 'bad-data-input';

export class OcraSuiteError extends Error {
  override readonly name = 'OcraSuiteError';
  readonly code: OcraSuiteErrorCode;
  /** The part of the suite that was refused (at most 16 characters). */
  readonly part: string;

  constructor(code: OcraSuiteErrorCode, part = '') {
    super(part ? `${code}: ${part}` : code);
    this.code = code;
    this.part = part.slice(0, 16);
  }
}

/** A: alphanumeric, N: numeric, H: hexadecimal (RFC 6287 §6.3). */
export type QuestionFormat = 'A' | 'N' | 'H';

export interface OcraSuite {
  /** The suite exactly as written; hashed into every response. */
  text: string;
  hash: HashAlgorithm;
  /** 0: no truncation, the whole HMAC in hex (RFC 6287 §5.2; erratum 5625); else 4–10 digits. */
  digits: number;
  /** C: an 8-byte counter in the input. */
  counter: boolean;
  question: { format: QuestionFormat; maxLength: number };
  /** P: the hash of the user's PIN/password, in the input. */
  password?: HashAlgorithm;
  /** S: session information of this many bytes. */
  sessionBytes?: number;
  /** T: time step in seconds (the suite's G). */
  timeStep?: number;
}


const HASHES: Record<string, HashAlgorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };
/** Largest G per unit: [1-59]S, [1-59]M, [1-48]H (RFC 6287 §6.3; erratum 3729 for hours from 1). */
const TIME_UNITS: Record<string, { seconds: number; max: number }> = {
  S: { seconds: 1, max: 59 },
  M: { seconds: 60, max: 59 },
  H: { seconds: 3600, max: 48 },
};

function hashOf(name: string, code: OcraSuiteErrorCode): HashAlgorithm {
  const hash = HASHES[name];
  if (!hash) throw new OcraSuiteError(code, name);
  return hash;
}

/** Two or three decimal digits exactly, no sign or space. */
function fixedNumber(text: string, width: number): number {
  return new RegExp(`^[0-9]{${width}}$`).test(text) ? Number(text) : NaN;
}

function cryptoFunction(text: string): { hash: HashAlgorithm; digits: number } {
  const m = /^HOTP-([A-Z0-9]+)-([0-9]+)$/.exec(text);
  if (!m) throw new OcraSuiteError('bad-crypto-function', text);
  const hash = hashOf(m[1]!, 'bad-hash');
  const t = m[2]!;
  const digits = /^(0|[1-9][0-9]?)$/.test(t) ? Number(t) : NaN;
  if (!(digits === 0 || (digits >= OCRA_LIMITS.minDigits && digits <= OCRA_LIMITS.maxDigits))) {
    throw new OcraSuiteError('bad-truncation', t);
  }
  return { hash, digits };
}

/** Parse and check a suite; throws OcraSuiteError. */
export function parseOcraSuite(text: string): OcraSuite {
  if (text.length > OCRA_LIMITS.suiteLength) throw new OcraSuiteError('too-long');
  const parts = text.split(':');
  if (parts.length !== 3) throw new OcraSuiteError('bad-shape', text);
  const [version, fn, input] = parts as [string, string, string];
  if (version !== 'OCRA-1') throw new OcraSuiteError('bad-version', version);
  const { hash, digits } = cryptoFunction(fn);

  // Data input: C, Q, P, S, T in this order, each at most once; Q required (RFC 6287 §5.1).
  const fields = input.split('-');
  let at = 0;
  const suite: OcraSuite = { text, hash, digits, counter: false, question: { format: 'N', maxLength: 8 } };
  if (fields[at] === 'C') {
    suite.counter = true;
    at++;
  }
  const q = fields[at];
  if (q === undefined || q[0] !== 'Q') throw new OcraSuiteError('missing-question', q ?? '');
  const format = q[1];
  const maxLength = fixedNumber(q.slice(2), 2);
  if (
    (format !== 'A' && format !== 'N' && format !== 'H') ||
    !(maxLength >= OCRA_LIMITS.minQuestion && maxLength <= OCRA_LIMITS.maxQuestion)
  ) {
    throw new OcraSuiteError('bad-question', q);
  }
  suite.question = { format, maxLength };
  at++;
  if (fields[at]?.[0] === 'P') {
    suite.password = hashOf(fields[at]!.slice(1), 'bad-password');
    at++;
  }
  if (fields[at]?.[0] === 'S') {
    const s = fields[at]!;
    const bytes = fixedNumber(s.slice(1), 3);
    if (!(bytes >= 1 && bytes <= OCRA_LIMITS.maxSessionBytes)) throw new OcraSuiteError('bad-session', s);
    suite.sessionBytes = bytes;
    at++;
  }
  if (fields[at]?.[0] === 'T') {
    const tg = fields[at]!;
    const m = /^T([1-9][0-9]?)([SMH])$/.exec(tg);
    const unit = m ? TIME_UNITS[m[2]!]! : undefined;
    if (!m || !unit || Number(m[1]) > unit.max) throw new OcraSuiteError('bad-time-step', tg);
    suite.timeStep = Number(m[1]) * unit.seconds;
    at++;
  }
  if (at !== fields.length) throw new OcraSuiteError('bad-data-input', fields[at] ?? '');
  return suite;
}

/** The suite text for its parts (the canonical spelling parseOcraSuite accepts). */
export function formatOcraSuite(s: Omit<OcraSuite, 'text'>): string {
  const input = [
    s.counter ? 'C' : '',
    `Q${s.question.format}${String(s.question.maxLength).padStart(2, '0')}`,
    s.password ? `P${s.password}` : '',
    s.sessionBytes !== undefined ? `S${String(s.sessionBytes).padStart(3, '0')}` : '',
    s.timeStep !== undefined ? `T${timeStepText(s.timeStep)}` : '',
  ].filter(Boolean);
  return `OCRA-1:HOTP-${s.hash}-${s.digits}:${input.join('-')}`;
}

/** G for a step in seconds, in the largest unit that divides it within its bound. */
function timeStepText(seconds: number): string {
  if (seconds % 3600 === 0 && seconds / 3600 <= 48) return `${seconds / 3600}H`;
  if (seconds % 60 === 0 && seconds / 60 <= 59) return `${seconds / 60}M`;
  return `${seconds}S`;
}
