/**
 * The cryptography of a PSKC file (RFC 6030 §6), on WebCrypto so it runs wherever the issuer
 * does: AES-CBC with the IV in front of the cipher value (XML Encryption §5.2.1), AES key wrap
 * (RFC 3394, and RFC 5649 with padding), PBKDF2 password keys (RFC 8018 §5.2, RFC 6030 §6.2) and
 * the HMAC ValueMAC (§6.1.1). A file's values are decrypted together (aes-blocks.ts).
 */
import { cbcDecryptMany } from './aes-blocks.ts';
import { PskcError } from './errors.ts';
import { unwrapMany } from './key-wrap.ts';

export type CipherSpec = { kind: 'cbc' | 'kw' | 'kw-pad'; keyBytes: 16 | 24 | 32 };

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';
const XMLENC11 = 'http://www.w3.org/2009/xmlenc11#';

export const CIPHERS: Readonly<Record<string, CipherSpec>> = {
  [`${XMLENC}aes128-cbc`]: { kind: 'cbc', keyBytes: 16 },
  [`${XMLENC}aes192-cbc`]: { kind: 'cbc', keyBytes: 24 },
  [`${XMLENC}aes256-cbc`]: { kind: 'cbc', keyBytes: 32 },
  [`${XMLENC}kw-aes128`]: { kind: 'kw', keyBytes: 16 },
  [`${XMLENC}kw-aes192`]: { kind: 'kw', keyBytes: 24 },
  [`${XMLENC}kw-aes256`]: { kind: 'kw', keyBytes: 32 },
  // XML Encryption 1.1 §5.6.3 names them kw-aes-128-pad; some writers drop the inner hyphen.
  [`${XMLENC11}kw-aes-128-pad`]: { kind: 'kw-pad', keyBytes: 16 },
  [`${XMLENC11}kw-aes-192-pad`]: { kind: 'kw-pad', keyBytes: 24 },
  [`${XMLENC11}kw-aes-256-pad`]: { kind: 'kw-pad', keyBytes: 32 },
  [`${XMLENC11}kw-aes128-pad`]: { kind: 'kw-pad', keyBytes: 16 },
  [`${XMLENC11}kw-aes192-pad`]: { kind: 'kw-pad', keyBytes: 24 },
  [`${XMLENC11}kw-aes256-pad`]: { kind: 'kw-pad', keyBytes: 32 },
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

/** The spec of a cipher URI, or null when this service does not implement it (Camellia, 3DES…). */
export function cipherSpec(uri: string | undefined): CipherSpec | null {
  return (uri === undefined ? undefined : CIPHERS[uri]) ?? null;
}

export function requireCipher(uri: string | undefined): CipherSpec {
  const spec = cipherSpec(uri);
  if (!spec) throw new PskcError('unsupported-encryption', uri ? uri.slice(0, 100) : 'no EncryptionMethod');
  return spec;
}

export interface EncryptedItem {
  spec: CipherSpec;
  value: Uint8Array;
}

/** The transport key, imported once; AES-CBC is all the ciphers above need. */
export class TransportKey {
  readonly length: number;
  #cbc: Promise<CryptoKey>;
  readonly raw: Uint8Array<ArrayBuffer>;

  constructor(raw: Uint8Array) {
    if (![16, 24, 32].includes(raw.length)) throw new PskcError('wrong-key', 'an AES key is 16, 24 or 32 bytes');
    this.raw = new Uint8Array(raw);
    this.length = raw.length;
    this.#cbc = subtle().importKey('raw', this.raw, 'AES-CBC', false, ['encrypt', 'decrypt']);
  }

  /** Every item decrypted, in order: one batch per kind of cipher. */
  async decryptAll(items: readonly EncryptedItem[]): Promise<Uint8Array[]> {
    const key = await this.#cbc;
    const out: Uint8Array[] = new Array(items.length);
    for (const kind of ['cbc', 'kw', 'kw-pad'] as const) {
      const indexes = items.flatMap((it, i) => (it.spec.kind === kind ? [i] : []));
      if (indexes.length === 0) continue;
      for (const i of indexes) {
        const spec = items[i]!.spec;
        if (spec.keyBytes !== this.length) throw new PskcError('wrong-key', `the file's cipher takes a ${spec.keyBytes}-byte key`);
      }
      const values = indexes.map((i) => items[i]!.value);
      const plain = kind === 'cbc' ? (await cbcDecryptMany(key, values.map(checkCbcLength))).map(unpad) : await unwrapMany(key, values, kind === 'kw-pad');
      indexes.forEach((i, k) => (out[i] = plain[k]!));
    }
    return out;
  }

  async decrypt(spec: CipherSpec, value: Uint8Array): Promise<Uint8Array> {
    return (await this.decryptAll([{ spec, value }]))[0]!;
  }
}

function checkCbcLength(value: Uint8Array): Uint8Array {
  if (value.length < 2 * BLOCK || value.length % BLOCK !== 0) throw new PskcError('wrong-key', 'cipher value of a wrong length');
  return value;
}

/** XML Encryption padding: only the last byte counts (PKCS#7 is the case where all bytes are that). */
function unpad(padded: Uint8Array): Uint8Array {
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > BLOCK) throw new PskcError('wrong-key', 'the value does not decrypt under this key');
  return padded.slice(0, padded.length - pad);
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
