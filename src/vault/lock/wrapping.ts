// One interface over the three ways a seed is wrapped (records.ts `WrapScheme`). Seeds move
// between schemes inside WebCrypto (unwrapKey → wrapKey), so script never holds raw seed bytes.
import { webCryptoHash, type HashAlgorithm } from '../../core/algorithms.ts';
import type { WrapScheme, WrappedSeed } from '../records.ts';
import { aad } from '../seal.ts';

/** A wrapping key in memory, and the store generation (records.ts WRAP_GEN_KEY) it belongs to. */
export interface Wrapping {
  scheme: WrapScheme;
  key: CryptoKey;
  gen: string;
}

type Params = AesGcmParams | AesCtrParams;

function params(scheme: WrapScheme, iv: Uint8Array, id: string): Params {
  const bytes = iv as Uint8Array<ArrayBuffer>;
  // AES-CTR has no tag: a wrong PIN decrypts to other bytes, never to an error.
  if (scheme === 'pin-aes-ctr') return { name: 'AES-CTR', counter: bytes, length: 64 };
  return { name: 'AES-GCM', iv: bytes, additionalData: aad(id) };
}

function freshIv(scheme: WrapScheme): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(scheme === 'pin-aes-ctr' ? 16 : 12));
}

function check(w: Wrapping, wrapped: WrappedSeed): void {
  if (wrapped.scheme !== w.scheme) throw new Error(`seed wrapped as ${wrapped.scheme}, key is ${w.scheme}`);
}

/** Wraps a new seed and overwrites the caller's bytes. */
export async function sealWith(w: Wrapping, seed: Uint8Array, id: string): Promise<WrappedSeed> {
  const iv = freshIv(w.scheme);
  try {
    const data = await crypto.subtle.encrypt(params(w.scheme, iv, id), w.key, seed as Uint8Array<ArrayBuffer>);
    return { scheme: w.scheme, iv, data };
  } finally {
    seed.fill(0);
  }
}

function unwrapHmac(w: Wrapping, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm, extractable: boolean): Promise<CryptoKey> {
  check(w, wrapped);
  return crypto.subtle.unwrapKey(
    'raw', wrapped.data, w.key, params(w.scheme, wrapped.iv, id),
    { name: 'HMAC', hash: webCryptoHash[algorithm] }, extractable, ['sign'],
  );
}

/** Opens a seed straight into a non-extractable HMAC key that can sign and nothing else. */
export function openWith(w: Wrapping, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm): Promise<CryptoKey> {
  return unwrapHmac(w, wrapped, id, algorithm, false);
}

/** Moves a seed from one wrapping to another; the extractable HMAC key lives only inside this call. */
export async function rewrapWith(from: Wrapping, to: Wrapping, wrapped: WrappedSeed, id: string, algorithm: HashAlgorithm): Promise<WrappedSeed> {
  const hmac = await unwrapHmac(from, wrapped, id, algorithm, true);
  const iv = freshIv(to.scheme);
  const data = await crypto.subtle.wrapKey('raw', hmac, to.key, params(to.scheme, iv, id));
  return { scheme: to.scheme, iv, data };
}

/**
 * Whether two wrapping keys are the same key, without reading either: both encrypt one zero
 * block under the same counter (in memory only, so nothing stored can test a PIN).
 */
export async function sameKey(a: Wrapping, b: Wrapping): Promise<boolean> {
  if (a.scheme !== b.scheme) return false;
  const iv = new Uint8Array(a.scheme === 'pin-aes-ctr' ? 16 : 12);
  const block = new Uint8Array(16);
  const [x, y] = await Promise.all([a, b].map(async (w) => new Uint8Array(await crypto.subtle.encrypt(params(w.scheme, iv, 'same-key'), w.key, block))));
  return x!.every((byte, i) => byte === y![i]);
}

export function randomGen(): string {
  return crypto.randomUUID();
}
