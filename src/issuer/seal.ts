/** Bank-side seeds at rest: AES-GCM-256 under the master key, bound to the serial as additional data. */

export const IV_BYTES = 12;
const encoder = new TextEncoder();

/** The additional data a seed is sealed with (also used by server/node-seal.ts). */
export function aad(serial: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`soft-token seed v1 ${serial}`);
}

/** Import the 32-byte master key (e.g. from MASTER_KEY) as a non-extractable AES-GCM key. */
export function importMasterKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== 32) return Promise.reject(new RangeError('master key must be 32 bytes'));
  return crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** iv || ciphertext. The serial as additional data: a sealed seed copied to another row does not open. */
export async function sealSeed(masterKey: CryptoKey, serial: string, seed: Uint8Array): Promise<Uint8Array> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(serial) }, masterKey, new Uint8Array(seed)),
  );
  const out = new Uint8Array(IV_BYTES + ct.length);
  out.set(iv);
  out.set(ct, IV_BYTES);
  return out;
}

export type OpenSeed = (masterKey: CryptoKey, serial: string, sealed: Uint8Array) => Promise<Uint8Array>;

export async function openSeed(masterKey: CryptoKey, serial: string, sealed: Uint8Array): Promise<Uint8Array> {
  const iv = sealed.slice(0, IV_BYTES);
  const ct = sealed.slice(IV_BYTES);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(serial) }, masterKey, ct));
}
