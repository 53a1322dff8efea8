/**
 * A PSKC data value (RFC 6030 §4.3.4, §6): `<PlainValue>` or `<EncryptedValue>` + `<ValueMAC>`.
 * The key container's EncryptionKey and MACMethod are resolved once. The file's encrypted values
 * are noted first (`add`), then every MAC is checked over IV || ciphertext before anything is
 * decrypted (§6.1.1: encrypt-then-MAC), and all are decrypted together (`decryptAll`).
 */
import { Base64Error, base64Decode as decodeBase64 } from '../../core/base64.ts';
import { HMACS, MAX_PBKDF2_ITERATIONS, MacKey, PBKDF2_URIS, TransportKey, cipherSpec, pbkdf2, requireCipher, type CipherSpec } from './ciphers.ts';
import { PskcError } from './errors.ts';
import { child, path, type XmlElement } from './safe-xml.ts';

export interface PskcCredentials {
  /** The pre-shared transport key (RFC 6030 §6.1), e.g. from `X-PSKC-Key`. */
  key?: Uint8Array;
  /** The password a PBKDF2 key is derived from (§6.2), e.g. from `X-PSKC-Password`. */
  password?: string;
}

/** xs:base64Binary: whitespace between characters allowed. */
export function base64Decode(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  try {
    // Canonical: a changed spare bit in the last character must not pass unnoticed.
    return decodeBase64(compact, { padding: 'required', canonical: true });
  } catch (error) {
    if (!(error instanceof Base64Error)) throw error;
    throw new PskcError('not-pskc', error.reason === 'spare-bits' ? 'a value is not canonical base64' : 'a value is not base64');
  }
}

function cipherValue(el: XmlElement | undefined): Uint8Array {
  const text = path(el, 'CipherData', 'CipherValue')?.text;
  if (!text) throw new PskcError('not-pskc', 'an encrypted value has no CipherData/CipherValue');
  return base64Decode(text);
}

function positiveInt(text: string | undefined, what: string, max: number): number {
  if (!text || !/^[0-9]{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new PskcError('bad-key-derivation', `${what} missing or out of bounds`);
  }
  return Number(text);
}

/** `<EncryptionKey><DerivedKey>`: PBKDF2 from the password (RFC 6030 §6.2, XML Encryption 1.1 §5.4.2). */
async function derivedKey(derived: XmlElement, password: string): Promise<TransportKey> {
  const method = child(derived, 'KeyDerivationMethod');
  if (!method || !PBKDF2_URIS.includes(method.attrs.Algorithm ?? '')) {
    throw new PskcError('unsupported-encryption', `key derivation ${method?.attrs.Algorithm?.slice(0, 100) ?? 'missing'}`);
  }
  const params = child(method, 'PBKDF2-params');
  const saltText = path(params, 'Salt', 'Specified')?.text;
  if (!saltText) throw new PskcError('bad-key-derivation', 'no Salt/Specified');
  const iterations = positiveInt(child(params, 'IterationCount')?.text, 'IterationCount', MAX_PBKDF2_ITERATIONS);
  const keyBytes = positiveInt(child(params, 'KeyLength')?.text, 'KeyLength', 32);
  const prfUri = child(params, 'PRF')?.attrs.Algorithm;
  // An empty <PRF/> (as in RFC 6030 figure 7) is PKCS #5's default, HMAC-SHA1.
  const hash = prfUri ? HMACS[prfUri] : 'SHA-1';
  if (!hash) throw new PskcError('unsupported-encryption', `PBKDF2 PRF ${prfUri!.slice(0, 100)}`);
  return new TransportKey(await pbkdf2({ password, salt: base64Decode(saltText), iterations, keyBytes, hash }));
}

/** Where a data element's value is: none, plain text, an encrypted item, or a cipher not implemented. */
export type ValueSlot = null | { plain: string } | { item: number } | { unsupported: string };

interface Item {
  /** null: a cipher not implemented (its value is MAC-checked, never decrypted). */
  spec: CipherSpec | null;
  value: Uint8Array;
  mac: Uint8Array | null;
}

export class ValueReader {
  readonly #key: TransportKey | null;
  readonly #mac: MacKey | null;
  readonly #items: Item[] = [];
  #plain: (Uint8Array | undefined)[] = [];

  private constructor(key: TransportKey | null, mac: MacKey | null) {
    this.#key = key;
    this.#mac = mac;
  }

  /** Resolve the container's transport key and MAC key from the credentials given. */
  static async open(container: XmlElement, credentials: PskcCredentials): Promise<ValueReader> {
    const encryptionKey = child(container, 'EncryptionKey');
    let key: TransportKey | null = null;
    if (credentials.key && credentials.key.length > 0) {
      // A key given directly is used as is, even for a password file (a key derived elsewhere).
      key = new TransportKey(credentials.key);
    } else if (credentials.password !== undefined && credentials.password !== '') {
      const derived = child(encryptionKey, 'DerivedKey');
      if (!derived) throw new PskcError('wrong-key-kind', 'the file is not encrypted with a password key');
      key = await derivedKey(derived, credentials.password);
    }
    let mac: MacKey | null = null;
    const method = child(container, 'MACMethod');
    if (method) {
      const hash = HMACS[method.attrs.Algorithm ?? ''];
      if (!hash) throw new PskcError('unsupported-encryption', `MAC ${method.attrs.Algorithm?.slice(0, 100) ?? 'missing'}`);
      const macKey = child(method, 'MACKey');
      if (key) {
        // Without a MACKey the MAC key is the transport key itself (as drafts of RFC 6030 had it).
        const raw = macKey
          ? await key.decrypt(requireCipher(child(macKey, 'EncryptionMethod')?.attrs.Algorithm), cipherValue(macKey))
          : key.raw;
        mac = new MacKey(raw, hash);
      }
    }
    return new ValueReader(key, mac);
  }

  /** Note a data element (`<Secret>`, `<Counter>`, …); a fault that refuses the whole file throws here. */
  add(el: XmlElement | undefined): ValueSlot {
    if (!el) return null;
    const plain = child(el, 'PlainValue');
    if (plain) return { plain: plain.text };
    const encrypted = child(el, 'EncryptedValue');
    if (!encrypted) return null;
    if (!this.#key) throw new PskcError('key-required');
    const uri = child(encrypted, 'EncryptionMethod')?.attrs.Algorithm;
    const value = cipherValue(encrypted);
    const macText = child(el, 'ValueMAC')?.text;
    if (macText && !this.#mac) throw new PskcError('bad-mac', 'a ValueMAC without a MACMethod');
    const spec = cipherSpec(uri);
    if (!macText && spec?.kind === 'cbc') throw new PskcError('mac-missing');
    this.#items.push({ spec, value, mac: macText ? base64Decode(macText) : null });
    // A cipher not implemented costs that key only (Camellia, 3DES…).
    return spec ? { item: this.#items.length - 1 } : { unsupported: (uri ?? 'no EncryptionMethod').slice(0, 100) };
  }

  /** Check every MAC (one wrong refuses the file, nothing decrypted), then decrypt every value. */
  async decryptAll(): Promise<void> {
    const mac = this.#mac;
    const checked = this.#items.filter((it) => it.mac);
    if (mac && checked.length) {
      const ok = await Promise.all(checked.map((it) => mac.verify(it.mac!, it.value)));
      if (ok.includes(false)) throw new PskcError('bad-mac');
    }
    const indexes = this.#items.flatMap((it, i) => (it.spec ? [i] : []));
    if (!this.#key || indexes.length === 0) return;
    const plain = await this.#key.decryptAll(indexes.map((i) => ({ spec: this.#items[i]!.spec!, value: this.#items[i]!.value })));
    this.#plain = new Array(this.#items.length);
    indexes.forEach((i, k) => (this.#plain[i] = plain[k]));
  }

  /** The bytes of a noted value (after decryptAll), or null when it holds none. */
  bytes(slot: ValueSlot): Uint8Array | null {
    if (slot === null || 'unsupported' in slot) return null;
    if ('plain' in slot) return base64Decode(slot.plain);
    const plain = this.#plain[slot.item];
    if (!plain) throw new Error('decryptAll() first');
    return plain;
  }

  /** An integer value: decimal text when plain, big-endian bytes when encrypted. */
  integer(slot: ValueSlot): number | null | 'bad' {
    if (slot === null || 'unsupported' in slot) return null;
    if ('plain' in slot) return /^-?[0-9]{1,15}$/.test(slot.plain) ? Number(slot.plain) : 'bad';
    const bytes = this.bytes(slot)!;
    if (bytes.length === 0 || bytes.length > 8) return 'bad';
    const n = bytes.reduce((acc, b) => acc * 256 + b, 0);
    return Number.isSafeInteger(n) ? n : 'bad';
  }
}
