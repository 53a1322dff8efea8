// The PIN's wrapping key: PBKDF2-SHA256 (≥ 600,000 iterations, OWASP 2023) with a per-device salt,
// then HKDF splits it into an AES-CTR key and an 8-bit typo check (SECURITY.md explains the 8 bits).
import { PATTERNS } from '../../core/limits.ts';
import type { Wrapping } from './wrapping.ts';

export const PIN_ITERATIONS = 600_000;

const encoder = new TextEncoder();

export function validPin(pin: string): boolean {
  return PATTERNS.lockPin.test(pin);
}

export function newPinSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}

/** Derives the wrapping key (non-extractable) and the check byte for a PIN. */
export async function pinKeys(pin: string, salt: Uint8Array, iterations: number): Promise<{ key: CryptoKey; check: number }> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, base, 256),
  );
  const master = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey', 'deriveBits']);
  bits.fill(0);
  const hkdf = (info: string): HkdfParams => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) });
  const key = await crypto.subtle.deriveKey(hkdf('soft-token/pin-wrap/v1'), master, { name: 'AES-CTR', length: 256 }, false, [
    'encrypt', 'wrapKey', 'unwrapKey',
  ]);
  const check = new Uint8Array(await crypto.subtle.deriveBits(hkdf('soft-token/pin-check/v1'), master, 8))[0]!;
  return { key, check };
}

export function pinWrapping(key: CryptoKey, gen: string): Wrapping {
  return { scheme: 'pin-aes-ctr', key, gen };
}
