/**
 * The tests' one reference for codes: HOTP (RFC 4226 §5.3) and TOTP (RFC 6238 §4) on node:crypto's
 * HMAC, and base32 (RFC 4648 §6) both ways. It shares no code with src/core, so the app's, the
 * service's and the bench's codes are checked against something written apart from them.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function toBase32(bytes: Uint8Array): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((x) => ALPHABET[parseInt(x.padEnd(5, '0'), 2)]).join('');
}

export function fromBase32(text: string): Uint8Array {
  const bits = [...text.replace(/=+$/, '').toUpperCase()].map((ch) => {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    return v.toString(2).padStart(5, '0');
  }).join('');
  return new Uint8Array((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

export type OtpOptions = { digits?: number; algorithm?: string };

/** `algorithm`: sha1, SHA256, SHA-512… (any case, with or without the hyphen). */
export function referenceHotp(secret: Uint8Array, counter: number, { digits = 6, algorithm = 'sha1' }: OtpOptions = {}): string {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(counter));
  const h = createHmac(algorithm.toLowerCase().replace('-', ''), secret).update(c).digest();
  const o = h[h.length - 1]! & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

export function referenceTotp(secret: Uint8Array, ms: number, { period = 30, ...o }: OtpOptions & { period?: number } = {}): string {
  return referenceHotp(secret, Math.floor(ms / 1000 / period), o);
}

export type TotpParams = { secret: string; algorithm?: string; digits?: number; period?: number };

/** The code for the step containing `timeMs`, of a token given as its URI's parameters (base32 secret). */
export function totpAt({ secret, algorithm = 'SHA1', digits = 6, period = 30 }: TotpParams, timeMs: number): string {
  return referenceTotp(fromBase32(secret), timeMs, { algorithm, digits, period });
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
