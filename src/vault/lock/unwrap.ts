// Opening a wrapped seed (records.ts `WrapScheme`), the half of wrapping.ts the first paint needs:
// kept apart so the read-only vault (reader.ts) carries no sealing, re-wrapping or lock code.
import { webCryptoHash, type HashAlgorithm } from '../../core/algorithms.ts';
import type { WrapScheme, WrappedSeed } from '../records.ts';
import { aad } from '../seal.ts';

/** A wrapping key in memory, and the store generation (records.ts WRAP_GEN_KEY) it belongs to. */
export interface Wrapping {
  scheme: WrapScheme;
  key: CryptoKey;
  gen: string;
}

export type WrapParams = AesGcmParams | AesCtrParams;

export function wrapParams(scheme: WrapScheme, iv: Uint8Array, id: string): WrapParams {
  const bytes = iv as Uint8Array<ArrayBuffer>;
  // AES-CTR has no tag: a wrong PIN decrypts to other bytes, never to an error.
  if (scheme === 'pin-aes-ctr') return { name: 'AES-CTR', counter: bytes, length: 64 };
  return { name: 'AES-GCM', iv: bytes, additionalData: aad(id) };
}

export function unwrapHmac(w: Wrapping, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm, extractable: boolean): Promise<CryptoKey> {
  if (wrapped.scheme !== w.scheme) return Promise.reject(new Error(`seed wrapped as ${wrapped.scheme}, key is ${w.scheme}`));
  return crypto.subtle.unwrapKey(
    'raw', wrapped.data, w.key, wrapParams(w.scheme, wrapped.iv, id),
    { name: 'HMAC', hash: webCryptoHash[algorithm] }, extractable, ['sign'],
  );
}

/** Opens a seed straight into a non-extractable HMAC key that can sign and nothing else. */
export function openWith(w: Wrapping, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm): Promise<CryptoKey> {
  return unwrapHmac(w, wrapped, id, algorithm, false);
}
