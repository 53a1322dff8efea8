/**
 * An independent TOTP (RFC 6238) on node:crypto, so the tests check the app's and the service's
 * codes against something that shares no code with either.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export type TotpParams = { secret: string; algorithm?: string; digits?: number; period?: number };

/** The code for the step containing `timeMs`. */
export function totpAt({ secret, algorithm = 'SHA1', digits = 6, period = 30 }: TotpParams, timeMs: number): string {
  const step = Math.floor(timeMs / 1000 / period);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac(algorithm.toLowerCase().replace('-', ''), base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The parameters of an `otpauth://totp/…` URI, read with URLSearchParams (test-side only). */
export function otpauthParams(uri: string): TotpParams & { serial: string | null } {
  const query = new URLSearchParams(uri.slice(uri.indexOf('?') + 1));
  return {
    secret: query.get('secret') ?? '',
    algorithm: query.get('algorithm') ?? 'SHA1',
    digits: Number(query.get('digits') ?? 6),
    period: Number(query.get('period') ?? 30),
    serial: query.get('serial'),
  };
}
