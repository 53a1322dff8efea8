// An independent TOTP/HOTP (node:crypto), and helpers shared by the end-to-end specs.
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function toBase32(bytes: Uint8Array): string {
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  return (bits.match(/.{1,5}/g) ?? []).map((x) => ALPHABET[parseInt(x.padEnd(5, '0'), 2)]).join('');
}

export function referenceHotp(secret: Uint8Array, counter: number, { digits = 6, algorithm = 'sha1' } = {}): string {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac(algorithm, secret).update(c).digest();
  const o = h[h.length - 1]! & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 10 ** digits).padStart(digits, '0');
}

export function referenceTotp(secret: Uint8Array, ms: number, { period = 30, ...o }: { period?: number; digits?: number; algorithm?: string } = {}): string {
  return referenceHotp(secret, Math.floor(ms / 1000 / period), o);
}

export function randomSecret(bytes = 20): Uint8Array {
  return new Uint8Array(crypto.randomBytes(bytes));
}

export function otpauthUri({ secret, issuer = 'Demo Bank', label = 'user', serial, extra = '' }: { secret: Uint8Array; issuer?: string; label?: string; serial?: string; extra?: string }): string {
  const s = serial ? `&serial=${serial}` : '';
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${toBase32(secret)}&issuer=${encodeURIComponent(issuer)}${s}${extra}`;
}

export const digitsOnly = (text: string | null) => (text ?? '').replace(/\D/g, '');
