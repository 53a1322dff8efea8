/** Hash algorithms of the otpauth key-URI format and the injected HMAC signer (RFC 2104, RFC 6238 §1.2). */

export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** WebCrypto's names for the same hashes (for `importKey({ name: 'HMAC', hash })`). */
export const webCryptoHash: Record<HashAlgorithm, 'SHA-1' | 'SHA-256' | 'SHA-512'> = {
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA512: 'SHA-512',
};

/** HMAC over `message` with the token's secret key; injected so the core runs on WebCrypto or node:crypto. */
export type Sign = (message: Uint8Array) => Promise<Uint8Array>;

/** Case-insensitive lookup of an algorithm name; undefined when it is not one we support. */
export function parseHashAlgorithm(text: string): HashAlgorithm | undefined {
  const upper = text.toUpperCase();
  return (HASH_ALGORITHMS as readonly string[]).includes(upper) ? (upper as HashAlgorithm) : undefined;
}
