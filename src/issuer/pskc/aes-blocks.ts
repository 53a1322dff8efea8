/**
 * AES on whole batches of values, from WebCrypto's AES-CBC alone (WebCrypto has no ECB, and one
 * call per value costs more than the AES itself on a 10,000-key file):
 *
 * - CBC decryption is local: plaintext block j is D(C_j) ⊕ C_{j-1}. So values `IV_k || C_k`
 *   laid end to end decrypt in one call under a zero IV; the blocks of each C_k come out right
 *   (their predecessor is IV_k or a block of C_k) and the blocks at each IV_k are discarded.
 * - WebCrypto checks PKCS#7 padding on the last block only. Appending F = E(L ⊕ 0x10…), where L
 *   is the last cipher block, makes that block decrypt to a full padding block; F is what
 *   encrypting nothing under IV = L yields. Each value's own padding is then read by the caller.
 * - A one-block ECB decryption of X_1…X_m is the same call: D(X_j) = P_j ⊕ X_{j-1} (X_0 = 0).
 */
const BLOCK = 16;
const subtle = () => globalThis.crypto.subtle;

/** E(L ⊕ 0x10…) for L the last block of `data`. */
async function paddingBlock(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const last = data.slice(data.length - BLOCK);
  return new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: last }, key, new Uint8Array(0)));
}

/** CBC-decrypt `data` (whole blocks) under a zero IV, padding not checked: one WebCrypto call pair. */
async function rawCbcDecrypt(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const extended = new Uint8Array(data.length + BLOCK);
  extended.set(data);
  extended.set(await paddingBlock(key, data), data.length);
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: new Uint8Array(BLOCK) }, key, extended));
}

/**
 * Each `IV || ciphertext` value CBC-decrypted, its padding left on (XML Encryption §5.2.1 lets
 * every padding byte but the last be arbitrary, so the caller reads the last byte). Values must
 * be at least two blocks, in whole blocks.
 */
export async function cbcDecryptMany(key: CryptoKey, values: readonly Uint8Array[]): Promise<Uint8Array[]> {
  if (values.length === 0) return [];
  const total = values.reduce((n, v) => n + v.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const v of values) joined.set(v, at), (at += v.length);
  const plain = await rawCbcDecrypt(key, joined);
  at = 0;
  return values.map((v) => {
    const out = plain.slice(at + BLOCK, at + v.length);
    at += v.length;
    return out;
  });
}

/** AES-ECB decryption of whole 16-byte blocks (`data.length % 16 === 0`), in one call pair. */
export async function ecbDecrypt(key: CryptoKey, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const plain = await rawCbcDecrypt(key, data);
  for (let i = BLOCK; i < data.length; i++) plain[i]! ^= data[i - BLOCK]!;
  return plain;
}
