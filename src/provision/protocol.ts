/**
 * Bank provisioning protocol, shared by the PWA (client.ts) and the server: ECDH P-256 for a
 * shared secret, HKDF-SHA256 for an AES-GCM-256 key, AES-GCM for the token seed. WebCrypto only,
 * so the same code runs in Node and in the browser. See docs/api.md "POST /api/provision".
 */
import { base64Decode, base64Encode } from '../core/base64.ts';
import type { HashAlgorithm } from '../core/algorithms.ts';

export const PROVISION_PATH = '/api/provision';
export const PROVISION_INFO_PREFIX = 'soft-token provision v1 ';
/** Uncompressed P-256 point: 0x04 || X || Y. */
export const P256_RAW_PUBLIC_KEY_BYTES = 65;
export const SALT_BYTES = 32;
export const IV_BYTES = 12;

export interface ProvisionRequest {
  publicKey: string;
}

/** A sealed secret as it travels in an answer: each part base64url (sealedToWire / sealedFromWire). */
export interface WireSealedSecret {
  serverPublicKey: string;
  salt: string;
  iv: string;
  ciphertext: string;
}

/** The login token's parameters, as the bank issues them and the phone stores them. */
export interface ProvisionedParams {
  serial: string;
  issuer: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
}

export interface ProvisionResponse extends ProvisionedParams, WireSealedSecret {
  expiresAt: string;
  /** The provisioning key that signed this answer (signature.ts keyIdOf). */
  keyId: string;
  /** ECDSA P-256 SHA-256 over signature.ts signedBytes, base64url (r ‖ s). */
  signature: string;
  /** The token's separate transaction-signing key, when the bank gives one (also signed). */
  signing?: ProvisionedSigningKey;
}

/** The signing key travels like the seed, under its own label (HKDF info and AES-GCM data). */
export function signingLabel(serial: string): string {
  return `${serial}/signing`;
}

/** The token's separate transaction-signing key (OCRA), when the bank gives one. */
export interface ProvisionedSigningKey extends WireSealedSecret {
  suite: string;
}

export interface SealedSecret {
  serverPublicKey: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

const ECDH: EcKeyImportParams = { name: 'ECDH', namedCurve: 'P-256' };
const encoder = new TextEncoder();

// WebCrypto's BufferSource typing wants ArrayBuffer-backed views; copying also detaches us from
// any caller-owned buffer.
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** The protocol's form of bytes: base64url without padding. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes, { alphabet: 'url' });
}

/** Strict base64url (no padding, no other characters); throws a RangeError on anything else. */
export function base64UrlDecode(text: string): Uint8Array {
  return base64Decode(text, { alphabet: 'url', padding: 'forbidden' });
}

export function sealedToWire(s: SealedSecret): WireSealedSecret {
  return {
    serverPublicKey: base64UrlEncode(s.serverPublicKey), salt: base64UrlEncode(s.salt),
    iv: base64UrlEncode(s.iv), ciphertext: base64UrlEncode(s.ciphertext),
  };
}

/** Throws a RangeError when a part is not strict base64url. */
export function sealedFromWire(w: WireSealedSecret): SealedSecret {
  return {
    serverPublicKey: base64UrlDecode(w.serverPublicKey), salt: base64UrlDecode(w.salt),
    iv: base64UrlDecode(w.iv), ciphertext: base64UrlDecode(w.ciphertext),
  };
}

/** Import a peer's raw P-256 public key; WebCrypto refuses points not on the curve. */
export function importPeerPublicKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== P256_RAW_PUBLIC_KEY_BYTES || raw[0] !== 0x04) {
    return Promise.reject(new RangeError('not an uncompressed P-256 public key'));
  }
  return crypto.subtle.importKey('raw', buf(raw), ECDH, true, []);
}

export function generateEcdhKeyPair(): Promise<CryptoKeyPair> {
  // Not extractable: only the public half is ever exported (public keys always are).
  return crypto.subtle.generateKey(ECDH, false, ['deriveBits']) as Promise<CryptoKeyPair>;
}

export async function exportRawPublicKey(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

/** The AES-GCM key both sides derive: HKDF-SHA256(ECDH shared secret, salt, info with the serial). */
export async function deriveProvisionKey(
  privateKey: CryptoKey,
  peerPublicKey: CryptoKey,
  salt: Uint8Array,
  serial: string,
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: peerPublicKey }, privateKey, 256);
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: buf(salt), info: encoder.encode(PROVISION_INFO_PREFIX + serial) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Server side: encrypt `secret` for the client's public key with a fresh ephemeral key pair. */
export async function sealForClient(clientPublicKey: Uint8Array, secret: Uint8Array, serial: string): Promise<SealedSecret> {
  const peer = await importPeerPublicKey(clientPublicKey);
  const pair = await generateEcdhKeyPair();
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveProvisionKey(pair.privateKey, peer, salt, serial);
  // The serial as additional data: a ciphertext cannot be replayed under another serial.
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(serial) }, key, buf(secret)),
  );
  return { serverPublicKey: await exportRawPublicKey(pair.publicKey), salt, iv, ciphertext };
}

/** Client side: decrypt what sealForClient produced, with the client's private key. */
export async function openFromServer(privateKey: CryptoKey, sealed: SealedSecret, serial: string): Promise<Uint8Array> {
  const peer = await importPeerPublicKey(sealed.serverPublicKey);
  const key = await deriveProvisionKey(privateKey, peer, sealed.salt, serial);
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buf(sealed.iv), additionalData: encoder.encode(serial) },
      key,
      buf(sealed.ciphertext),
    ),
  );
}
