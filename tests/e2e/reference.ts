// Helpers shared by the end-to-end specs; codes come from the tests' one reference (tests/reference-otp.ts).
import crypto from 'node:crypto';
import { toBase32 } from '../reference-otp.ts';

export { referenceHotp, referenceTotp, toBase32 } from '../reference-otp.ts';

export function randomSecret(bytes = 20): Uint8Array {
  return new Uint8Array(crypto.randomBytes(bytes));
}

export function otpauthUri({ secret, issuer = 'Demo Bank', label = 'user', serial, extra = '' }: { secret: Uint8Array; issuer?: string; label?: string; serial?: string; extra?: string }): string {
  const s = serial ? `&serial=${serial}` : '';
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${toBase32(secret)}&issuer=${encodeURIComponent(issuer)}${s}${extra}`;
}

export const digitsOnly = (text: string | null) => (text ?? '').replace(/\D/g, '');
