/** Uniform random digits and indices from crypto.getRandomValues, by rejection sampling. */

/** `count` decimal digits; bytes ≥ 250 are dropped so every digit is equally likely (256 is not a multiple of 10). */
export function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const b of crypto.getRandomValues(new Uint8Array(count * 2))) {
      if (b < 250 && out.length < count) out += String(b % 10);
    }
  }
  return out;
}

/** A uniform integer in [0, n) for n ≤ 256, dropping the bytes past the last whole multiple of n. */
export function randomIndex(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new RangeError('randomIndex: n must be 1…256');
  const limit = 256 - (256 % n);
  for (;;) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < limit) return b % n;
  }
}
