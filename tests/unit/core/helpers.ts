// Test helpers shared by the core tests, which run in Node and in Chromium alike.
import { webCryptoHash, type HashAlgorithm, type Sign } from '../../../src/core/algorithms.ts';
import { OtpauthError } from '../../../src/core/otpauth-errors.ts';

/** A `Sign` backed by WebCrypto HMAC (`crypto.subtle` exists in Node 20 and in Chromium). */
export async function webCryptoSign(secret: Uint8Array, algorithm: HashAlgorithm = 'SHA1'): Promise<Sign> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: webCryptoHash[algorithm] }, false, ['sign']);
  return async (message) => new Uint8Array(await crypto.subtle.sign('HMAC', key, new Uint8Array(message)));
}

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Moderate fast-check runs: the same files run in the browser project too. */
export const RUNS = { numRuns: 300 } as const;

/** The `OtpauthError` that `run` throws; any other error is rethrown, and accepting fails the test. */
export function refusal(run: () => unknown): OtpauthError {
  try {
    run();
  } catch (error) {
    if (error instanceof OtpauthError) return error;
    throw error;
  }
  throw new Error('accepted');
}
