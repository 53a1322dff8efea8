/** HOTP, RFC 4226 (https://www.rfc-editor.org/rfc/rfc4226). */
import type { Sign } from './algorithms.ts';

/** The 8-byte big-endian counter of RFC 4226 §5.1, by division (bit shifts are wrong past 2^31). */
export function counterBytes(counter: number): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new RangeError(`counter must be an integer 0..2^53-1, got ${counter}`);
  const bytes = new Uint8Array(8);
  let rest = counter;
  for (let i = 7; i >= 0 && rest > 0; i--) {
    const low = rest % 256;
    bytes[i] = low;
    rest = (rest - low) / 256;
  }
  return bytes;
}

/** Dynamic truncation (RFC 4226 §5.3) to `digits` decimal digits, leading zeros kept. */
export function truncate(mac: Uint8Array, digits: number): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 10) throw new RangeError(`digits must be 1..10, got ${digits}`);
  if (mac.length < 20) throw new RangeError(`HMAC must be at least 20 bytes, got ${mac.length}`);
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary =
    (mac[offset]! & 0x7f) * 0x1000000 + mac[offset + 1]! * 0x10000 + mac[offset + 2]! * 0x100 + mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** HOTP value for `counter`: HMAC of the counter, then dynamic truncation. */
export async function hotp({ sign, counter, digits = 6 }: { sign: Sign; counter: number; digits?: number }): Promise<string> {
  const message = counterBytes(counter);
  return truncate(await sign(message), digits);
}
