// Sealing seeds: AES-GCM ciphertext under the vault key, opened with unwrapKey straight into a
// non-extractable HMAC key, so no readable seed is ever stored or held by script after enrollment.
import { webCryptoHash, type HashAlgorithm, type Sign } from '../core/algorithms.ts';
import type { WrappedSeed } from './records.ts';

const encoder = new TextEncoder();

/** Binds a ciphertext to its token id, so records cannot be swapped between tokens. */
export function aad(id: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`soft-token/seed/v1/${id}`);
}

export async function createVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'wrapKey', 'unwrapKey']);
}

/** Encrypts the seed and overwrites the caller's bytes: the raw seed is gone once this returns. */
export async function sealSeed(vaultKey: CryptoKey, seed: Uint8Array, id: string): Promise<WrappedSeed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  try {
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(id) }, vaultKey, seed as Uint8Array<ArrayBuffer>);
    return { scheme: 'vault-aes-gcm', iv, data };
  } finally {
    seed.fill(0);
  }
}

/** Decrypts and imports in one step: the HMAC key can sign and nothing else, and cannot be exported. */
export async function openSeed(vaultKey: CryptoKey, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    wrapped.data,
    vaultKey,
    { name: 'AES-GCM', iv: wrapped.iv as Uint8Array<ArrayBuffer>, additionalData: aad(id) },
    { name: 'HMAC', hash: webCryptoHash[algorithm] },
    false,
    ['sign'],
  );
}

/** A temporary non-extractable HMAC key for a seed not yet stored (duplicate check). */
export async function importSeed(seed: Uint8Array, algorithm: HashAlgorithm): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', seed as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: webCryptoHash[algorithm] }, false, ['sign']);
}

export function signerFor(key: CryptoKey): Sign {
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', key, message as Uint8Array<ArrayBuffer>));
}
