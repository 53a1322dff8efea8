/**
 * Google Authenticator's export, `otpauth-migration://offline?data=<base64 MigrationPayload>`,
 * read and written with a small hand-written protobuf codec (varints and length-delimited
 * fields only; https://protobuf.dev/programming-guides/encoding/). Every malformation is an
 * OtpauthError('bad-migration'); an entry we cannot use (MD5, bad secret…) is reported in
 * `refused` and the rest are kept.
 */
import type { HashAlgorithm } from './algorithms.ts';
import { Base64Error, base64Decode, base64Encode } from './base64.ts';
import { OtpauthError, type OtpauthErrorCode } from './otpauth-errors.ts';
import { LIMITS } from './limits.ts';
import { checkName, displayName } from './names.ts';
import { validateSpec, type TokenSpec } from './token-spec.ts';

export interface MigrationRefusal {
  /** Position of the entry in the payload (0-based). */
  index: number;
  /** Its name as exported (untrusted: show as text), cut to LIMITS.nameLength characters. */
  name: string;
  code: OtpauthErrorCode;
}

export interface MigrationBatch {
  specs: TokenSpec[];
  batchIndex: number;
  batchSize: number;
  batchId: number;
  /** Entries skipped because they cannot be a token here; absent or empty when all were read. */
  refused?: MigrationRefusal[];
}

export const MAX_MIGRATION_ENTRIES = 100;

function bad(reason: string): OtpauthError {
  return new OtpauthError('bad-migration', reason);
}

// ---- protobuf reading -------------------------------------------------------------------

type Field = { number: number; wire: 0; value: number; int32: number } | { number: number; wire: 2; bytes: Uint8Array };

/**
 * A varint as a Number (values past 2^53-1, e.g. a negative int64, come back as Infinity) and as
 * the int32 its low 32 bits spell (negative int32 fields are sign-extended to 10 bytes).
 */
function readVarint(buf: Uint8Array, pos: { at: number }): { value: number; int32: number } {
  let value = 0;
  let low = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos.at >= buf.length) throw bad('truncated varint');
    const byte = buf[pos.at++]!;
    value += (byte & 0x7f) * scale;
    if (i < 5) low += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      const low32 = low % 4294967296;
      return { value: Number.isSafeInteger(value) ? value : Infinity, int32: low32 >= 2147483648 ? low32 - 4294967296 : low32 };
    }
  }
  throw bad('varint too long');
}

function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  const pos = { at: 0 };
  while (pos.at < buf.length) {
    const key = readVarint(buf, pos).value;
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (number < 1 || number > 536870911) throw bad('bad field number');
    if (wire === 0) fields.push({ number, wire, ...readVarint(buf, pos) });
    else if (wire === 2) {
      const length = readVarint(buf, pos).value;
      if (length > buf.length - pos.at) throw bad('truncated field');
      fields.push({ number, wire, bytes: buf.subarray(pos.at, pos.at + length) });
      pos.at += length;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4; // fixed64 / fixed32: no field of ours, skipped
      if (size > buf.length - pos.at) throw bad('truncated field');
      pos.at += size;
    } else throw bad('unsupported wire type');
  }
  return fields;
}

function expectWire(field: Field, wire: 0 | 2): void {
  if (field.wire !== wire) throw bad(`field ${field.number} has wire type ${field.wire}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(bytes: Uint8Array): string {
  if (bytes.length > LIMITS.uriLength) throw bad('text too long');
  try {
    return utf8.decode(bytes);
  } catch {
    throw bad('text is not UTF-8');
  }
}

// ---- MigrationPayload.OtpParameters -> TokenSpec ----------------------------------------

const ALGORITHMS: Record<number, HashAlgorithm | undefined> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number | undefined> = { 0: 6, 1: 6, 2: 8 };

function readEntry(bytes: Uint8Array, index: number): TokenSpec | MigrationRefusal {
  let secret = new Uint8Array(0);
  let name = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0;
  for (const field of readFields(bytes)) {
    switch (field.number) {
      case 1: expectWire(field, 2); secret = (field as { bytes: Uint8Array }).bytes.slice(); break;
      case 2: expectWire(field, 2); name = readText((field as { bytes: Uint8Array }).bytes); break;
      case 3: expectWire(field, 2); issuer = readText((field as { bytes: Uint8Array }).bytes); break;
      case 4: expectWire(field, 0); algorithm = (field as { value: number }).value; break;
      case 5: expectWire(field, 0); digits = (field as { value: number }).value; break;
      case 6: expectWire(field, 0); type = (field as { value: number }).value; break;
      case 7: expectWire(field, 0); counter = (field as { value: number }).value; break;
      default: break; // fields added by later versions of the exporter
    }
  }
  // Exported names look like "Issuer:account"; the issuer field wins over that prefix, as in a
  // URI. An issuer that itself holds ':' is stripped whole rather than split at its own colon.
  const issuerPrefix = issuer !== '' && name.startsWith(`${issuer}:`);
  const colon = issuerPrefix ? issuer.length : name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon).trim() : '';
  const account = (colon >= 0 ? name.slice(colon + 1) : name).trim();
  const refuse = (code: OtpauthErrorCode): MigrationRefusal => ({ index, name: displayName(name), code });

  const hash = ALGORITHMS[algorithm];
  if (!hash) return refuse('bad-algorithm'); // 4 = MD5, or unknown
  const digitCount = DIGITS[digits];
  if (!digitCount) return refuse('bad-digits');
  if (type !== 1 && type !== 2) return refuse('unknown-type');
  if (!Number.isSafeInteger(counter)) return refuse('bad-counter');
  const spec: TokenSpec = {
    type: type === 1 ? 'hotp' : 'totp',
    issuer: issuer.trim() || prefix,
    label: account,
    secret,
    algorithm: hash,
    digits: digitCount,
    period: 30, // the export has no period: Google Authenticator's tokens are all 30 s
    counter: type === 1 ? counter : 0,
  };
  try {
    checkName(spec.issuer, 'issuer');
    checkName(spec.label, 'label');
    return validateSpec(spec);
  } catch (error) {
    if (error instanceof OtpauthError) return refuse(error.code);
    throw error;
  }
}

// ---- the URI ------------------------------------------------------------------------------

function base64ToBytes(text: string): Uint8Array {
  try {
    return base64Decode(text, { alphabet: 'either', padding: 'optional' }); // exports differ in alphabet and padding
  } catch (error) {
    if (error instanceof Base64Error) throw bad('data is not base64');
    throw error;
  }
}

/** Read an `otpauth-migration://offline?data=…` URI; throws OtpauthError ('bad-migration', or 'too-long'). */
export function parseMigrationUri(text: string): MigrationBatch {
  if (text.length > LIMITS.uriLength) throw new OtpauthError('too-long');
  const head = /^otpauth-migration:\/\/offline\/?\?/i.exec(text);
  if (!head) throw bad('not an otpauth-migration://offline URI');
  let data: string | undefined;
  for (const part of text.slice(head[0].length).split('#')[0]!.split('&')) {
    if (!part.toLowerCase().startsWith('data=')) continue;
    if (data !== undefined) throw bad('duplicate data');
    try {
      data = decodeURIComponent(part.slice(5)); // '+' stays '+': base64, not form text
    } catch {
      throw bad('data is badly percent-encoded');
    }
  }
  if (!data) throw bad('no data');

  let batchIndex = 0;
  let batchSize = 1;
  let batchId = 0;
  const specs: TokenSpec[] = [];
  const refused: MigrationRefusal[] = [];
  let entries = 0;
  for (const field of readFields(base64ToBytes(data))) {
    switch (field.number) {
      case 1:
        expectWire(field, 2);
        if (++entries > MAX_MIGRATION_ENTRIES) throw bad('too many entries');
        {
          const entry = readEntry((field as { bytes: Uint8Array }).bytes, entries - 1);
          if ('code' in entry) refused.push(entry);
          else specs.push(entry);
        }
        break;
      case 3: expectWire(field, 0); batchSize = (field as { value: number }).value || 1; break;
      case 4: expectWire(field, 0); batchIndex = (field as { value: number }).value; break;
      case 5: expectWire(field, 0); batchId = (field as { int32: number }).int32; break; // int32, often negative
      default: break; // 2 = version, and anything newer
    }
  }
  if (entries === 0) throw bad('no accounts');
  if (specs.length === 0) throw bad('no usable accounts');
  if (batchSize < 1 || batchSize > MAX_MIGRATION_ENTRIES || batchIndex >= batchSize) throw bad('bad batch numbers');
  const batch: MigrationBatch = { specs, batchIndex, batchSize, batchId };
  if (refused.length > 0) batch.refused = refused;
  return batch;
}

// ---- protobuf writing (tests and round trips) ----------------------------------------------

/** Varint of a safe integer; negative values (int32 batch ids) as their 64-bit two's complement. */
function varint(value: number): number[] {
  const out: number[] = [];
  let rest = BigInt.asUintN(64, BigInt(value));
  while (rest >= 128n) {
    out.push(Number(rest & 127n) | 128);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}

function lengthDelimited(number: number, bytes: Uint8Array | number[]): number[] {
  return [...varint(number * 8 + 2), ...varint(bytes.length), ...bytes];
}

function varintField(number: number, value: number): number[] {
  return [...varint(number * 8), ...varint(value)];
}

const ALGORITHM_ENUM: Record<HashAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };

/**
 * The migration URI Google Authenticator would show for `specs`. Only what the format can hold:
 * TOTP or HOTP, 6 or 8 digits and 30 s periods, else OtpauthError('bad-migration').
 */
export function formatMigrationUri(specs: TokenSpec[], batch: { index: number; size: number; id: number } = { index: 0, size: 1, id: 0 }): string {
  const utf8Encode = (text: string) => new TextEncoder().encode(text);
  const payload: number[] = [];
  for (const spec of specs) {
    validateSpec(spec);
    if (spec.type === 'ocra') throw bad('OCRA tokens cannot be exported');
    if (spec.digits === 7) throw bad('7 digits cannot be exported');
    if (spec.type === 'totp' && spec.period !== 30) throw bad('only 30 s periods can be exported');
    const entry = [
      ...lengthDelimited(1, spec.secret),
      // A label holding ':' without an issuer gets an empty prefix so the reader keeps it whole.
      ...lengthDelimited(2, utf8Encode(spec.issuer !== '' || spec.label.includes(':') ? `${spec.issuer}:${spec.label}` : spec.label)),
      ...lengthDelimited(3, utf8Encode(spec.issuer)),
      ...varintField(4, ALGORITHM_ENUM[spec.algorithm]),
      ...varintField(5, spec.digits === 8 ? 2 : 1),
      ...varintField(6, spec.type === 'hotp' ? 1 : 2),
      ...varintField(7, spec.counter),
    ];
    payload.push(...lengthDelimited(1, entry));
  }
  payload.push(...varintField(2, 1), ...varintField(3, batch.size), ...varintField(4, batch.index), ...varintField(5, batch.id));
  return `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(Uint8Array.from(payload)))}`;
}
