/** Hardware token stock from the vendor: CSV lines `serial,secret_base32[,algorithm,digits,period]`. */
import type { HashAlgorithm } from '../core/algorithms.ts';
import { parseHashAlgorithm } from '../core/algorithms.ts';
import { Base32Error, base32Decode } from '../core/base32.ts';

export type HardwareRejectReason = 'bad-serial' | 'bad-secret' | 'bad-algorithm' | 'bad-digits' | 'bad-period' | 'duplicate';

export interface HardwareRecord {
  line: number;
  serial: string;
  secret: Uint8Array;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
}

export interface HardwareReject {
  line: number;
  serial: string;
  reason: HardwareRejectReason;
}

const SERIAL = /^[A-Z0-9]{4,32}$/;
/** 128 bits: RFC 4226 §4 R6 requires it, and hardware vendors ship 160. */
const MIN_SECRET_BYTES = 16;
const MAX_SECRET_BYTES = 128;

function intIn(text: string | undefined, fallback: number, min: number, max: number): number | null {
  if (text === undefined || text === '') return fallback;
  if (!/^[0-9]{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** Parse every line; a bad line is reported with its reason and the others still import. */
export function parseHardwareCsv(text: string): { records: HardwareRecord[]; rejected: HardwareReject[] } {
  const records: HardwareRecord[] = [];
  const rejected: HardwareReject[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = raw.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1').trim());
    if (index === 0 && fields[0]!.toLowerCase() === 'serial') return; // header
    const serial = fields[0]!.toUpperCase();
    const reject = (reason: HardwareRejectReason) => rejected.push({ line, serial: serial.slice(0, 40), reason });
    if (!SERIAL.test(serial) || fields.length > 5) return void reject('bad-serial');
    let secret: Uint8Array;
    try {
      secret = base32Decode(fields[1] ?? '');
    } catch (error) {
      if (!(error instanceof Base32Error)) throw error;
      return void reject('bad-secret');
    }
    if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) return void reject('bad-secret');
    const algorithm = fields[2] ? parseHashAlgorithm(fields[2]) : 'SHA1';
    if (!algorithm) return void reject('bad-algorithm');
    const digits = intIn(fields[3], 6, 6, 8);
    if (digits === null) return void reject('bad-digits');
    const period = intIn(fields[4], 30, 15, 120);
    if (period === null) return void reject('bad-period');
    if (seen.has(serial)) return void reject('duplicate');
    seen.add(serial);
    records.push({ line, serial, secret, algorithm, digits, period });
  });
  return { records, rejected };
}
