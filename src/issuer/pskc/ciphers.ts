/**
 * The cryptography of a PSKC file (RFC 6030 §6), on WebCrypto so it runs wherever the issuer
 * does: AES-CBC with the IV in front of the cipher value (XML Encryption §5.2.1), AES key wrap
 * (RFC 3394), PBKDF2 password keys (RFC 8018 §5.2, RFC 6030 §6.2) and the HMAC ValueMAC (§6.1.1).
 */
import { PskcError } from './errors.ts';

export type CipherSpec = { kind: 'cbc' | 'kw'; keyBytes: 16 | 24 | 32 };

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';

export const CIPHERS: Readonly<Record<string, CipherSpec>> = {
  [`${XMLENC}aes128-cbc`]: { kind: 'cbc', keyBytes: 16 },
  [`${XMLENC}aes192-cbc`]: { kind: 'cbc', keyBytes: 24 },
  [`${XMLENC}aes256-cbc`]: { kind: 'cbc', keyBytes: 32 },
  [`${XMLENC}kw-aes128`]: { kind: 'kw', keyBytes: 16 },
  [`${XMLENC}kw-aes192`]: { kind: 'kw', keyBytes: 24 },
  [`${XMLENC}kw-aes256`]: { kind: 'kw', keyBytes: 32 },
};

type WebHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** HMAC algorithms of ValueMAC and of PBKDF2's PRF (xmldsig, RFC 6931 §2.2). */
export const HMACS: Readonly<Record<string, WebHash>> = {
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmldsig-more#hmac-sha512': 'SHA-512',
};

export const PBKDF2_URIS: readonly string[] = [
  'http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2',
  'http://www.w3.org/2009/xmlenc11#pbkdf2',
];

/** Bounds a hostile file's cost: 1,000,000 iterations take about a second. */
export const MAX_PBKDF2_ITERATIONS = 1_000_000;

const subtle = () => globalThis.crypto.subtle;
const BLOCK = 16;

export function cipherSpec(uri: string | undefined): CipherSpec {
  const spec = uri === undefined ? undefined : CIPHERS[uri];
  if (!spec) throw new PskcError('unsupported-encryption', uri ? uri.slice(0, 100) : 'no EncryptionMethod');
  return spec;
}

/** The transport key, imported once for every cipher its length fits. */
export class TransportKey {
  readonly length: number;
  #cbc: Promise<CryptoKey>;
  #kw: Promise<CryptoKey>;
  readonly raw: Uint8Array<ArrayBuffer>;

  constructor(raw: Uint8Array) {
    if (![16, 24, 32].includes(raw.length)) throw new PskcError('wrong-key', 'an AES key is 16, 24 or 32 bytes');
    this.raw = new Uint8Array(raw);
    this.length = raw.length;
    this.#cbc = subtle().importKey('raw', this.raw, 'AES-CBC', false, ['encrypt', 'decrypt']);
    this.#kw = subtle().importKey('raw', this.raw, 'AES-KW', false, ['unwrapKey']);
  }

  async decrypt(uri: string | undefined, value: Uint8Array): Promise<Uint8Array> {
    const spec = cipherSpec(uri);
    if (spec.keyBytes !== this.length) throw new PskcError('wrong-key', `the file's cipher takes a ${spec.keyBytes}-byte key`);
    return spec.kind === 'cbc' ? cbcDecrypt(await this.#cbc, value) : unwrap(await this.#kw, value);
  }
}

/**
 * IV || ciphertext. WebCrypto checks PKCS#7 padding; XML Encryption lets every padding byte but
 * the last be arbitrary, so a value WebCrypto refuses is decrypted again with one block appended
 * that decrypts to a full PKCS#7 block (E(IV' ⊕ 0x10…) for IV' = the last cipher block, which is
 * what encrypting nothing under IV' yields), and only its last byte is read as the pad length.
 */
async function cbcDecrypt(key: CryptoKey, value: Uint8Array): Promise<Uint8Array> {
  if (value.length < 2 * BLOCK || value.length % BLOCK !== 0) throw new PskcError('wrong-key', 'cipher value of a wrong length');
  const iv = value.slice(0, BLOCK);
  const ct = value.slice(BLOCK);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv }, key, ct));
  } catch {
    const lastBlock = ct.slice(ct.length - BLOCK);
    const filler = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: lastBlock }, key, new Uint8Array(0)));
    const extended = new Uint8Array(ct.length + BLOCK);
    extended.set(ct);
    extended.set(filler, ct.length);
    const padded = new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv }, key, extended));
    const pad = padded[padded.length - 1]!;
    if (pad < 1 || pad > BLOCK) throw new PskcError('wrong-key', 'the value does not decrypt under this key');
    return padded.slice(0, padded.length - pad);
  }
}

/** RFC 3394; its integrity check fails for a wrong key or a changed value alike. */
async function unwrap(kek: CryptoKey, value: Uint8Array): Promise<Uint8Array> {
  if (value.length < 24 || value.length % 8 !== 0) throw new PskcError('wrong-key', 'wrapped value of a wrong length');
  try {
    // The unwrapped bytes come back through an extractable HMAC key (WebCrypto's only raw container).
    const key = await subtle().unwrapKey(
      'raw', new Uint8Array(value), kek, 'AES-KW',
      { name: 'HMAC', hash: 'SHA-256', length: (value.length - 8) * 8 }, true, ['sign'],
    );
    return new Uint8Array(await subtle().exportKey('raw', key));
  } catch {
    throw new PskcError('wrong-key', 'the key wrap integrity check failed (wrong key, or the value was changed)');
  }
}

export async function pbkdf2(a: {
  password: string; salt: Uint8Array; iterations: number; keyBytes: number; hash: WebHash;
}): Promise<Uint8Array> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(a.password), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', salt: new Uint8Array(a.salt), iterations: a.iterations, hash: a.hash }, base, a.keyBytes * 8,
  );
  return new Uint8Array(bits);
}

/** Verifies ValueMACs with one imported key; WebCrypto's verify compares in constant time. */
export class MacKey {
  #key: Promise<CryptoKey>;

  constructor(raw: Uint8Array, hash: WebHash) {
    if (raw.length === 0) throw new PskcError('bad-mac', 'empty MAC key');
    this.#key = subtle().importKey('raw', new Uint8Array(raw), { name: 'HMAC', hash }, false, ['verify']);
  }

  async verify(mac: Uint8Array, data: Uint8Array): Promise<boolean> {
    return subtle().verify('HMAC', await this.#key, new Uint8Array(mac), new Uint8Array(data));
  }
}
