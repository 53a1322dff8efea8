// One interface over the three ways a seed is wrapped (records.ts `WrapScheme`). Seeds move
// between schemes inside WebCrypto (unwrapKey → wrapKey), so script never holds raw seed bytes.
import type { HashAlgorithm } from '../../core/algorithms.ts';
import type { WrapScheme, WrappedSeed } from '../records.ts';
import { unwrapHmac, wrapParams as params, type Wrapping } from './unwrap.ts';

export { openWith, type Wrapping } from './unwrap.ts';

function freshIv(scheme: WrapScheme): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(scheme === 'pin-aes-ctr' ? 16 : 12));
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
