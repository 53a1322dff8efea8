/**
 * Opening sealed seeds (src/issuer/seal.ts format: iv || AES-GCM ciphertext || tag, serial as
 * additional data) with node:crypto: synchronous inside and about 5× cheaper than WebCrypto's
 * decrypt, which goes through the thread pool. A wrong key, serial or tampered byte still fails
 * (decipher.final() checks the tag).
 */
import { createDecipheriv, KeyObject } from 'node:crypto';
import { aad, IV_BYTES, type OpenSeed } from '../src/issuer/seal.ts';

const TAG_BYTES = 16;
const keys = new WeakMap<CryptoKey, KeyObject>();

export const nodeOpenSeed: OpenSeed = async (masterKey, serial, sealed) => {
  let key = keys.get(masterKey);
  if (!key) keys.set(masterKey, (key = KeyObject.from(masterKey)));
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new RangeError('sealed seed too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(serial));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const out = decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES));
  const last = decipher.final();
  const seed = new Uint8Array(out.length + last.length);
  seed.set(out);
  seed.set(last, out.length);
  out.fill(0);
  return seed;
};
