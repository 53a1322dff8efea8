/**
 * OCRA responses, RFC 6287 §5 (https://www.rfc-editor.org/rfc/rfc6287#section-5):
 * HMAC(K, suite ‖ 00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T]), truncated as HOTP (RFC 4226 §5.3). The clock
 * is never read here: a time-based suite takes `timestamp` (ms) from the caller.
 */
import { CodedError } from './coded-error.ts';
import type { Sign } from './algorithms.ts';
import { counterBytes, truncate } from './hotp.ts';
import { OCRA_LIMITS, parseOcraSuite, type OcraSuite } from './ocra-suite.ts';

export type OcraInputErrorCode =
  | 'question-length'
  | 'question-charset'
  | 'counter'
  | 'password'
  | 'session'
  | 'timestamp';

/** An input the suite cannot take (a challenge of the wrong kind or length, a missing counter…). */
export class OcraInputError extends CodedError<OcraInputErrorCode> {
  override readonly name = 'OcraInputError';
}

export interface OcraInput {
  /**
   * The challenge: digits (N), hex digits (H) or letters and digits (A), 4 up to the suite's
   * length. Mutual mode (RFC 6287 §7.3) passes both challenges, each within that length, in the
   * order of the computation (client's then server's for the server's response, and back).
   */
  question: string | readonly [string, string];
  /** C: required when the suite has C. */
  counter?: number;
  /** P: the password's hash, already computed with the suite's P hash (RFC 6287 §5.1; erratum 3900). */
  passwordHash?: Uint8Array;
  /** S: exactly the suite's number of bytes. */
  session?: Uint8Array;
  /** T: ms since the epoch, when the suite has T. */
  timestamp?: number;
}

const QUESTION_BYTES = 128;
const HASH_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;
const QUESTION_CHARS = { N: /^[0-9]+$/, H: /^[0-9A-Fa-f]+$/, A: /^[0-9A-Za-z]+$/ } as const;
const encoder = new TextEncoder();

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Q as the 128 bytes of the input (RFC 6287 §5.1). N: the number in hex, H: the hex digits, both
 * padded on the right with '0' to 256 hex digits as the reference code does (Appendix A), so an
 * odd number of hex digits ends in a shifted nibble; A: the characters' ASCII bytes, then zeros.
 */
export function questionBytes(suite: OcraSuite, questions: string | readonly [string, string]): Uint8Array {
  const { format, maxLength } = suite.question;
  for (const q of typeof questions === 'string' ? [questions] : questions) {
    if (q.length < OCRA_LIMITS.minQuestion || q.length > maxLength) {
      throw new OcraInputError('question-length', `${q.length} of ${OCRA_LIMITS.minQuestion}..${maxLength}`);
    }
    if (!QUESTION_CHARS[format].test(q)) throw new OcraInputError('question-charset', format);
  }
  const question = typeof questions === 'string' ? questions : questions.join('');
  if (format === 'A') {
    const out = new Uint8Array(QUESTION_BYTES);
    out.set(encoder.encode(question));
    return out;
  }
  const hex = format === 'N' ? BigInt(question).toString(16) : question;
  return hexBytes(hex.padEnd(QUESTION_BYTES * 2, '0'));
}

/** DataInput of RFC 6287 §5 for a parsed suite; throws OcraInputError. */
export function ocraDataInput(suite: OcraSuite, input: OcraInput): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode(suite.text), new Uint8Array(1)];
  if (suite.counter) {
    if (input.counter === undefined || !Number.isSafeInteger(input.counter) || input.counter < 0) throw new OcraInputError('counter');
    parts.push(counterBytes(input.counter));
  }
  parts.push(questionBytes(suite, input.question));
  if (suite.password) {
    if (input.passwordHash?.length !== HASH_BYTES[suite.password]) throw new OcraInputError('password');
    parts.push(input.passwordHash);
  }
  if (suite.sessionBytes !== undefined) {
    if (input.session?.length !== suite.sessionBytes) throw new OcraInputError('session');
    parts.push(input.session);
  }
  if (suite.timeStep !== undefined) {
    const t = input.timestamp;
    if (t === undefined || !Number.isFinite(t) || t < 0) throw new OcraInputError('timestamp');
    parts.push(counterBytes(ocraTimeStep(suite, t)));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** T of RFC 6287 §5.1: whole time steps of the suite since the epoch. */
export function ocraTimeStep(suite: OcraSuite, timestamp: number): number {
  if (suite.timeStep === undefined) throw new OcraInputError('timestamp', 'suite has no T');
  return Math.floor(timestamp / (suite.timeStep * 1000));
}

/** Seconds left in the current time step of a T suite (1..step), for the countdown. */
export function ocraSecondsLeft(suite: OcraSuite, timestamp: number): number {
  const stepMs = suite.timeStep! * 1000;
  return Math.min(suite.timeStep!, Math.max(1, Math.ceil((stepMs - (timestamp % stepMs)) / 1000)));
}

function lowerHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The OCRA response: `digits` decimal digits, or for truncation 0 the whole HMAC in lower-case hex (erratum 5625). */
export async function ocra(a: { sign: Sign; suite: OcraSuite | string } & OcraInput): Promise<string> {
  const suite = typeof a.suite === 'string' ? parseOcraSuite(a.suite) : a.suite;
  const mac = await a.sign(ocraDataInput(suite, a));
  return suite.digits === 0 ? lowerHex(mac) : truncate(mac, suite.digits);
}
