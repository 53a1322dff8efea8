/**
 * AES key unwrap, RFC 3394 (kw-aes128/192/256) and RFC 5649 with padding (kw-aes*-pad), on
 * WebCrypto. WebCrypto's AES-KW checks RFC 3394's fixed IV only, so both are built on one-block
 * AES decryption (aes-blocks.ts), every value of a file unwrapped in step: 6n steps whatever
 * the number of values. A failed integrity check (wrong key, changed value) refuses the file.
 */
import { ecbDecrypt } from './aes-blocks.ts';
import { PskcError } from './errors.ts';

const SEMIBLOCK = 8;
const RFC3394_IV = [0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6];
const RFC5649_PREFIX = [0xa6, 0x59, 0x59, 0xa6];

const failed = () => new PskcError('wrong-key', 'the key wrap integrity check failed (wrong key, or the value was changed)');

/** RFC 3394 §2.2.2 (index-based): the integrity value A and the key data R of each value (all n semiblocks long). */
async function unwrapSameLength(kek: CryptoKey, values: readonly Uint8Array[], n: number): Promise<{ a: Uint8Array; r: Uint8Array }[]> {
  const m = values.length;
  const a = values.map((v) => v.slice(0, SEMIBLOCK));
  const r = values.map((v) => v.slice(SEMIBLOCK));
  if (n === 1) {
    // RFC 5649 §4.2: one semiblock of key data is a single AES block.
    const joined = new Uint8Array(16 * m);
    values.forEach((v, k) => joined.set(v, 16 * k));
    const plain = await ecbDecrypt(kek, joined);
    return values.map((_, k) => ({ a: plain.slice(16 * k, 16 * k + 8), r: plain.slice(16 * k + 8, 16 * k + 16) }));
  }
  const block = new Uint8Array(16 * m);
  for (let j = 5; j >= 0; j--) {
    for (let i = n; i >= 1; i--) {
      const t = n * j + i;
      for (let k = 0; k < m; k++) {
        block.set(a[k]!, 16 * k);
        // A ⊕ t, t as a 64-bit big-endian integer (below 2^32 here).
        for (let b = 0; b < 4; b++) block[16 * k + 7 - b]! ^= (t >>> (8 * b)) & 0xff;
        block.set(r[k]!.subarray((i - 1) * SEMIBLOCK, i * SEMIBLOCK), 16 * k + 8);
      }
      const plain = await ecbDecrypt(kek, block);
      for (let k = 0; k < m; k++) {
        a[k]!.set(plain.subarray(16 * k, 16 * k + 8));
        r[k]!.set(plain.subarray(16 * k + 8, 16 * k + 16), (i - 1) * SEMIBLOCK);
      }
    }
  }
  return values.map((_, k) => ({ a: a[k]!, r: r[k]! }));
}

/** Unwrap every value; `padded` for RFC 5649 (any key data length), RFC 3394 otherwise. */
export async function unwrapMany(kek: CryptoKey, values: readonly Uint8Array[], padded: boolean): Promise<Uint8Array[]> {
  const byLength = new Map<number, number[]>();
  values.forEach((v, index) => {
    const ok = v.length % SEMIBLOCK === 0 && v.length >= (padded ? 16 : 24);
    if (!ok) throw new PskcError('wrong-key', 'wrapped value of a wrong length');
    byLength.set(v.length, [...(byLength.get(v.length) ?? []), index]);
  });
  const out: Uint8Array[] = new Array(values.length);
  for (const [length, indexes] of byLength) {
    const n = length / SEMIBLOCK - 1;
    const unwrapped = await unwrapSameLength(kek, indexes.map((i) => values[i]!), n);
    unwrapped.forEach(({ a, r }, k) => {
      out[indexes[k]!] = padded ? unpad(a, r) : checked(a, r);
    });
  }
  return out;
}

function checked(a: Uint8Array, r: Uint8Array): Uint8Array {
  if (!RFC3394_IV.every((b, i) => a[i] === b)) throw failed();
  return r;
}

/** RFC 5649 §3: A = A65959A6 || MLI; 8(n−1) < MLI ≤ 8n; the padding bytes are zero. */
function unpad(a: Uint8Array, r: Uint8Array): Uint8Array {
  if (!RFC5649_PREFIX.every((b, i) => a[i] === b)) throw failed();
  const mli = ((a[4]! << 24) | (a[5]! << 16) | (a[6]! << 8) | a[7]!) >>> 0;
  if (mli <= r.length - SEMIBLOCK || mli > r.length) throw failed();
  if (r.subarray(mli).some((b) => b !== 0)) throw failed();
  return r.slice(0, mli);
}
