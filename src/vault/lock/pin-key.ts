// The PIN's wrapping key: a memory-hard Argon2id (RFC 9106) over the PIN and a per-device salt,
// then HKDF splits it into an AES-CTR key and an 8-bit typo check (SECURITY.md explains both).
// PBKDF2-SHA256 is still read, for vaults locked before Argon2id; they move at their next unlock.
import { PATTERNS } from '../../core/limits.ts';
import type { Wrapping } from './wrapping.ts';

export interface Argon2idParams {
  name: 'argon2id';
  /** Memory per derivation, KiB: what every parallel guess must hold. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}
export interface Pbkdf2Params {
  name: 'pbkdf2-sha256';
  iterations: number;
}
export type PinKdf = Argon2idParams | Pbkdf2Params;

/**
 * New PIN locks: 64 MiB (RFC 9106 §4's second choice) and the passes that take about 0.5–1 s on
 * a mid-range phone (`npm run bench`, "pin guess" at 4× CPU slow-down). Stored with the lock, so
 * a later change applies to new locks and PIN changes only.
 */
export const PIN_KDF: Argon2idParams = { name: 'argon2id', memoryKiB: 64 * 1024, iterations: 2, parallelism: 1 };

const encoder = new TextEncoder();

/** A PIN a new lock may be set with. */
export function validPin(pin: string): boolean {
  return PATTERNS.lockPin.test(pin);
}

/** A PIN an existing lock may have been set with. */
export function plausiblePin(pin: string): boolean {
  return PATTERNS.storedLockPin.test(pin);
}

export function newPinSalt(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(16));
}

async function pinBits(pin: string, salt: Uint8Array, kdf: PinKdf): Promise<Uint8Array> {
  const password = encoder.encode(pin);
  if (kdf.name === 'argon2id') {
    const { argon2idBits } = await import('./argon2.ts');
    return argon2idBits(password, salt, kdf);
  }
  const base = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations: kdf.iterations };
  return new Uint8Array(await crypto.subtle.deriveBits(params, base, 256));
}

/** Derives the wrapping key (non-extractable) and the check byte for a PIN. */
export async function pinKeys(pin: string, salt: Uint8Array, kdf: PinKdf): Promise<{ key: CryptoKey; check: number }> {
  const bits = await pinBits(pin, salt, kdf);
  const master = await crypto.subtle.importKey('raw', bits as Uint8Array<ArrayBuffer>, 'HKDF', false, ['deriveKey', 'deriveBits']);
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
