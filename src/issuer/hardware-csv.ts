/** Hardware token stock from the vendor: CSV lines `serial,secret_base32[,algorithm,digits,period]`. */
import type { HashAlgorithm } from '../core/algorithms.ts';
import { parseHashAlgorithm } from '../core/algorithms.ts';
import { Base32Error, base32Decode } from '../core/base32.ts';
import { DEFAULTS, LIMITS, PATTERNS } from '../core/limits.ts';

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
    const serial = fields[0]!.toUpperCase(); // a file's serial is taken as written, not compacted like typed text
    const reject = (reason: HardwareRejectReason) => rejected.push({ line, serial: serial.slice(0, 40), reason });
    if (!PATTERNS.heldSerial.test(serial) || fields.length > 5) return void reject('bad-serial');
    let secret: Uint8Array;
    try {
      secret = base32Decode(fields[1] ?? '');
    } catch (error) {
      if (!(error instanceof Base32Error)) throw error;
      return void reject('bad-secret');
    }
    if (secret.length < LIMITS.bankMinSecretBytes || secret.length > LIMITS.maxSecretBytes) return void reject('bad-secret');
    const algorithm = fields[2] ? parseHashAlgorithm(fields[2]) : DEFAULTS.algorithm;
    if (!algorithm) return void reject('bad-algorithm');
    const digits = intIn(fields[3], DEFAULTS.digits, LIMITS.minDigits, LIMITS.maxDigits);
    if (digits === null) return void reject('bad-digits');
    const period = intIn(fields[4], DEFAULTS.period, LIMITS.bankMinPeriod, LIMITS.bankMaxPeriod);
    if (period === null) return void reject('bad-period');
    if (seen.has(serial)) return void reject('duplicate');
    seen.add(serial);
    records.push({ line, serial, secret, algorithm, digits, period });
  });
  return { records, rejected };
}
