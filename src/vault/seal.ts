// The vault key and the HMAC keys a seed becomes (sealing and opening are lock/wrapping.ts's):
// no readable seed is ever stored or held by script after enrollment.
import { webCryptoHash, type HashAlgorithm, type Sign } from '../core/algorithms.ts';

const encoder = new TextEncoder();

/** Binds a ciphertext to its token id, so records cannot be swapped between tokens. */
export function aad(id: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`soft-token/seed/v1/${id}`);
}

export async function createVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'wrapKey', 'unwrapKey']);
}

/** A temporary non-extractable HMAC key for a seed not yet stored (duplicate check). */
export async function importSeed(seed: Uint8Array, algorithm: HashAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', seed as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: webCryptoHash[algorithm] }, false, ['sign']);
}

export function signerFor(key: CryptoKey): Sign {
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', key, message as Uint8Array<ArrayBuffer>));
}
