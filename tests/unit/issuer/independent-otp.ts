// Codes computed without the project's core: node:crypto HMAC and RFC 4226 §5.3 truncation.
import { createHmac } from 'node:crypto';

export function independentHotp(secret: Uint8Array, counter: number, digits = 6, algorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export const PERIOD_MS = 30_000;
/** An instant at the start of a time step (1_700_000_010 s = step 56_666_667 × 30 s). */
export const T0 = 1_700_000_010_000;
export const S0 = T0 / PERIOD_MS;
export const stepStart = (step: number) => step * PERIOD_MS;
