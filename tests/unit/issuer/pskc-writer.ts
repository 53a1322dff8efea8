// Writes PSKC files (RFC 6030) the way vendors send them, with node:crypto: an implementation
// independent of the reader's WebCrypto one, so a file it writes proves the reader, not itself.
import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

export type WriterCipher = 'aes128-cbc' | 'aes192-cbc' | 'aes256-cbc' | 'kw-aes128' | 'kw-aes192' | 'kw-aes256'
  | 'kw-aes128-pad' | 'kw-aes192-pad' | 'kw-aes256-pad';

export interface WriterKey {
  serial?: string;
  id?: string;
  type?: 'hotp' | 'totp' | string;
  secret: Uint8Array;
  suite?: string;
  digits?: number;
  encoding?: string;
  counter?: number;
  time?: number;
  interval?: number;
  drift?: number;
  issuer?: string;
  manufacturer?: string;
  startDate?: string;
  expiryDate?: string;
  /** Encrypt the counter too (an integer as big-endian bytes). */
  encryptCounter?: boolean;
}

export interface WriterOptions {
  keys: WriterKey[];
  /** Omitted: plain values. */
  cipher?: WriterCipher;
  transportKey?: Uint8Array;
  password?: { password: string; salt?: Uint8Array; iterations?: number; prf?: 'sha1' | 'sha256' };
  mac?: 'sha1' | 'sha256';
  /** XML Encryption padding (random bytes, last = length) instead of PKCS#7. */
  randomPadding?: boolean;
  /** Prefix every PSKC element with `pskc:` (as figure 7 does). */
  prefixed?: boolean;
}

const HMAC_URI = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
  sha256: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256',
};
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function keyLength(cipher: WriterCipher): number {
  return Number(/(128|192|256)/.exec(cipher)![1]) / 8;
}

export function encryptValue(cipher: WriterCipher, key: Uint8Array, plain: Uint8Array, randomPadding = false): Uint8Array {
  const bits = keyLength(cipher) * 8;
  if (cipher.endsWith('-pad')) {
    // RFC 5649 (OpenSSL's id-aes*-wrap-pad, its 32-bit alternative initial value).
    const c = createCipheriv(`id-aes${bits}-wrap-pad`, key, Buffer.from('A65959A6', 'hex'));
    return Buffer.concat([c.update(plain), c.final()]);
  }
  if (cipher.startsWith('kw-')) {
    const c = createCipheriv(`id-aes${bits}-wrap`, key, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    return Buffer.concat([c.update(plain), c.final()]);
  }
  const iv = randomBytes(16);
  const c = createCipheriv(`aes-${bits}-cbc`, key, iv);
  let body: Buffer;
  if (randomPadding) {
    c.setAutoPadding(false);
    const pad = 16 - (plain.length % 16);
    const padding = randomBytes(pad);
    padding[pad - 1] = pad;
    body = Buffer.concat([c.update(Buffer.concat([plain, padding])), c.final()]);
  } else {
    body = Buffer.concat([c.update(plain), c.final()]);
  }
  return Buffer.concat([iv, body]);
}

function counterBytes(n: number): Uint8Array {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(n));
  return out;
}

/** The PSKC text, and the transport key it was encrypted with (derived, for a password file). */
export function writePskc(o: WriterOptions): { xml: string; key: Uint8Array | null } {
  const p = o.prefixed ? 'pskc:' : '';
  const cipher = o.cipher;
  const mac = o.mac ?? 'sha1';
  let key: Uint8Array | null = null;
  let encryptionKey = '';
  if (cipher && o.password) {
    const salt = o.password.salt ?? randomBytes(8);
    const iterations = o.password.iterations ?? 1000;
    const prf = o.password.prf ?? 'sha1';
    key = pbkdf2Sync(o.password.password, salt, iterations, keyLength(cipher), prf);
    encryptionKey = `<${p}EncryptionKey><xenc11:DerivedKey>
  <xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">
    <pkcs5:PBKDF2-params><Salt><Specified>${b64(salt)}</Specified></Salt>
      <IterationCount>${iterations}</IterationCount><KeyLength>${keyLength(cipher)}</KeyLength>
      ${prf === 'sha1' ? '<PRF/>' : `<PRF Algorithm="${HMAC_URI[prf]}"/>`}</pkcs5:PBKDF2-params>
  </xenc11:KeyDerivationMethod></xenc11:DerivedKey></${p}EncryptionKey>`;
  } else if (cipher) {
    key = o.transportKey ?? randomBytes(keyLength(cipher));
    encryptionKey = `<${p}EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></${p}EncryptionKey>`;
  }
  const cbc = cipher !== undefined && cipher.endsWith('-cbc');
  const macKey = randomBytes(20);
  // XML Encryption 1.1 names the padded key wrap http://www.w3.org/2009/xmlenc11#kw-aes-128-pad.
  const method = (c: string) => `<xenc:EncryptionMethod Algorithm="${c.endsWith('-pad')
    ? `http://www.w3.org/2009/xmlenc11#${c.replace(/aes(\d+)/, 'aes-$1')}` : `http://www.w3.org/2001/04/xmlenc#${c}`}"/>`;
  const macMethod = cbc
    ? `<${p}MACMethod Algorithm="${HMAC_URI[mac]}"><${p}MACKey>${method(cipher!)}<xenc:CipherData><xenc:CipherValue>${b64(encryptValue(cipher!, key!, macKey))}</xenc:CipherValue></xenc:CipherData></${p}MACKey></${p}MACMethod>`
    : '';
  const value = (name: string, bytes: Uint8Array) => {
    if (!cipher) return `<${p}${name}><${p}PlainValue>${b64(bytes)}</${p}PlainValue></${p}${name}>`;
    const enc = encryptValue(cipher, key!, bytes, o.randomPadding);
    const valueMac = cbc ? `<${p}ValueMAC>${b64(createHmac(mac, macKey).update(enc).digest())}</${p}ValueMAC>` : '';
    return `<${p}${name}><${p}EncryptedValue>${method(cipher)}<xenc:CipherData><xenc:CipherValue>${b64(enc)}</xenc:CipherValue></xenc:CipherData></${p}EncryptedValue>${valueMac}</${p}${name}>`;
  };
  const plainInt = (name: string, n: number | undefined) =>
    n === undefined ? '' : `<${p}${name}><${p}PlainValue>${n}</${p}PlainValue></${p}${name}>`;
  const packages = o.keys.map((k, i) => {
    const type = k.type ?? 'hotp';
    const algorithm = type === 'hotp' || type === 'totp' ? `urn:ietf:params:xml:ns:keyprov:pskc:${type}` : type;
    const device = `<${p}DeviceInfo><${p}Manufacturer>${k.manufacturer ?? 'Vendor'}</${p}Manufacturer>${k.serial === undefined ? '' : `<${p}SerialNo>${k.serial}</${p}SerialNo>`}</${p}DeviceInfo>`;
    const suite = k.suite === undefined ? '' : `<${p}Suite>${k.suite}</${p}Suite>`;
    const format = `<${p}ResponseFormat Length="${k.digits ?? 6}" Encoding="${k.encoding ?? 'DECIMAL'}"/>`;
    const counter = k.encryptCounter && cipher ? value('Counter', counterBytes(k.counter ?? 0)) : plainInt('Counter', k.counter);
    const policy = k.startDate || k.expiryDate
      ? `<${p}Policy>${k.startDate ? `<${p}StartDate>${k.startDate}</${p}StartDate>` : ''}${k.expiryDate ? `<${p}ExpiryDate>${k.expiryDate}</${p}ExpiryDate>` : ''}</${p}Policy>`
      : '';
    return `  <${p}KeyPackage>${device}
    <${p}Key Id="${k.id ?? String(i + 1)}" Algorithm="${algorithm}">
      ${k.issuer === undefined ? '' : `<${p}Issuer>${k.issuer}</${p}Issuer>`}
      <${p}AlgorithmParameters>${suite}${format}</${p}AlgorithmParameters>
      <${p}Data>${value('Secret', k.secret)}${counter}${plainInt('Time', k.time)}${plainInt('TimeInterval', k.interval)}${plainInt('TimeDrift', k.drift)}</${p}Data>
      ${policy}
    </${p}Key>
  </${p}KeyPackage>`;
  });
  const ns = o.prefixed ? 'xmlns:pskc' : 'xmlns';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<${p}KeyContainer Version="1.0" ${ns}="urn:ietf:params:xml:ns:keyprov:pskc"
  xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"
  xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">
${encryptionKey}${macMethod}
${packages.join('\n')}
</${p}KeyContainer>
`;
  return { xml, key };
}

export const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
export const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
