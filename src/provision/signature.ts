/**
 * The provisioning answer is signed by the bank's long-term provisioning key (ECDSA P-256,
 * SHA-256), whose public half ships in the app bundle (trusted-keys.ts; rotation by app update).
 * The signature covers the client's own ephemeral key and every field of the answer, so an active
 * attacker can neither swap in an ECDH key of their own nor replay another phone's answer.
 * WebCrypto only: the server and the PWA run this same module.
 */
import { base64UrlDecode, base64UrlEncode, P256_RAW_PUBLIC_KEY_BYTES, type ProvisionResponse } from './protocol.ts';

export const SIGNATURE_CONTEXT = 'soft-token provision v1 answer';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

export type UnsignedAnswer = Omit<ProvisionResponse, 'keyId' | 'signature'>;

/** The signed bytes: a fixed context, the client's key, then the answer's fields in a fixed order. */
export function signedBytes(clientPublicKey: string, a: UnsignedAnswer, keyId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify([
    SIGNATURE_CONTEXT, keyId, clientPublicKey, a.serial, a.issuer, a.algorithm, a.digits, a.period,
    a.serverPublicKey, a.salt, a.iv, a.ciphertext, a.expiresAt,
    // The separate signing key and its suite, when given (absent: the same bytes as before).
    ...(a.signing ? [a.signing.suite, a.signing.serverPublicKey, a.signing.salt, a.signing.iv, a.signing.ciphertext] : []),
  ]));
}

/** A key's id: base64url of the first 8 bytes of SHA-256 over its raw public point. */
export async function keyIdOf(rawPublicKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(rawPublicKey)));
  return base64UrlEncode(digest.subarray(0, 8));
}

export interface ProvisioningSigner {
  keyId: string;
  privateKey: CryptoKey;
  /** base64url raw P-256 point: what the app bundle embeds. */
  publicKey: string;
}

/** The service's signer from a PKCS#8 P-256 private key. */
export async function importSigner(pkcs8: Uint8Array): Promise<ProvisioningSigner> {
  const privateKey = await crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), ECDSA, true, ['sign']);
  // The public point from the private JWK (x, y), so one secret configures both halves.
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const raw = new Uint8Array([4, ...base64UrlDecode(jwk.x!), ...base64UrlDecode(jwk.y!)]);
  const signer = await crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), ECDSA, false, ['sign']);
  return { keyId: await keyIdOf(raw), privateKey: signer, publicKey: base64UrlEncode(raw) };
}

export async function newSigningKey(): Promise<Uint8Array> {
  const pair = (await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
}

export async function signAnswer(signer: ProvisioningSigner, clientPublicKey: string, answer: UnsignedAnswer): Promise<ProvisionResponse> {
  const signature = await crypto.subtle.sign(SIGN, signer.privateKey, signedBytes(clientPublicKey, answer, signer.keyId));
  return { ...answer, keyId: signer.keyId, signature: base64UrlEncode(new Uint8Array(signature)) };
}

/** Whether one of the trusted public keys (base64url raw points) signed this answer for this client key. */
export async function verifyAnswer(trusted: readonly string[], clientPublicKey: string, answer: ProvisionResponse): Promise<boolean> {
  for (const encoded of trusted) {
    let raw: Uint8Array;
    try {
      raw = base64UrlDecode(encoded);
    } catch {
      continue;
    }
    if (raw.length !== P256_RAW_PUBLIC_KEY_BYTES || (await keyIdOf(raw)) !== answer.keyId) continue;
    const key = await crypto.subtle.importKey('raw', new Uint8Array(raw), ECDSA, false, ['verify']);
    let signature: Uint8Array;
    try {
      signature = base64UrlDecode(answer.signature);
    } catch {
      return false;
    }
    return crypto.subtle.verify(SIGN, key, new Uint8Array(signature), signedBytes(clientPublicKey, answer, answer.keyId));
  }
  return false;
}
