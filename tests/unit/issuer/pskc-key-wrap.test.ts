// AES key wrap on WebCrypto: RFC 5649 (with padding) against the RFC's own §6 vectors and files
// written by node:crypto (OpenSSL's id-aes*-wrap-pad), RFC 3394 beside it; the batch AES-CBC
// decryption against node:crypto; ciphers the bank does not implement cost only their key.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cbcDecryptMany, ecbDecrypt } from '../../../src/issuer/pskc/aes-blocks.ts';
import { PskcError, readPskc } from '../../../src/issuer/pskc/index.ts';
import { unwrapMany } from '../../../src/issuer/pskc/key-wrap.ts';
import { hex, toHex, writePskc, type WriterCipher } from './pskc-writer.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const aesKey = (raw: Uint8Array) => crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-CBC', false, ['encrypt', 'decrypt']);

async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PskcError);
  return (error as PskcError).code;
}

// RFC 5649 §6: a 192-bit KEK, 20 and 7 octets of key data.
const KEK = hex('5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8');
const VECTORS = [
  { key: 'c37b7e6492584340bed12207808941155068f738', wrapped: '138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a' },
  { key: '466f7250617369', wrapped: 'afbeb0f07dfbf5419200f2ccb50bb24f' },
];

describe('RFC 5649 key wrap with padding', () => {
  it('unwraps both of §6’s vectors (20 octets: the multi-block case; 7 octets: the one-block case)', async () => {
    const kek = await aesKey(KEK);
    const out = await unwrapMany(kek, VECTORS.map((v) => hex(v.wrapped)), true);
    expect(out.map(toHex)).toEqual(VECTORS.map((v) => v.key));
  });

  it('a PSKC file with kw-aes192-pad gives §6’s 20-octet key as the secret', async () => {
    const { xml } = writePskc({ cipher: 'kw-aes192-pad', transportKey: KEK, keys: [{ serial: 'PAD5649', secret: hex(VECTORS[0]!.key) }] });
    expect(xml).toContain('http://www.w3.org/2009/xmlenc11#kw-aes-192-pad');
    expect(xml).toContain(Buffer.from(VECTORS[0]!.wrapped, 'hex').toString('base64'));
    const { keys, rejected } = await readPskc(xml, { key: KEK }, NOW);
    expect(rejected).toEqual([]);
    expect(toHex(keys[0]!.secret)).toBe(VECTORS[0]!.key);
  });

  it.each<WriterCipher>(['kw-aes128-pad', 'kw-aes192-pad', 'kw-aes256-pad'])('%s: secrets of every length from 16 to 64 bytes, written by node:crypto', async (cipher) => {
    const secrets = Array.from({ length: 49 }, (_, i) => new Uint8Array(randomBytes(16 + i)));
    const { xml, key } = writePskc({ cipher, keys: secrets.map((secret, i) => ({ serial: `PAD${1000 + i}`, secret })) });
    const { keys } = await readPskc(xml, { key: key! }, NOW);
    expect(keys.map((k) => toHex(k.secret))).toEqual(secrets.map(toHex));
  });

  it('the other spelling kw-aes128-pad is taken too', async () => {
    const secret = new Uint8Array(randomBytes(20));
    const { xml, key } = writePskc({ cipher: 'kw-aes128-pad', keys: [{ serial: 'PADALT1', secret }] });
    const { keys } = await readPskc(xml.replace('kw-aes-128-pad', 'kw-aes128-pad'), { key: key! }, NOW);
    expect(toHex(keys[0]!.secret)).toBe(toHex(secret));
  });

  it('a changed wrapped value, a wrong key, or RFC 3394 data read as RFC 5649 is refused, nothing imported', async () => {
    const kek = await aesKey(KEK);
    for (const v of VECTORS) {
      for (let byte = 0; byte < hex(v.wrapped).length; byte += 5) {
        const changed = hex(v.wrapped);
        changed[byte]! ^= 0x40;
        expect(await refusal(unwrapMany(kek, [changed], true))).toBe('wrong-key');
      }
    }
    const { xml } = writePskc({ cipher: 'kw-aes192-pad', transportKey: KEK, keys: [{ serial: 'PAD5650', secret: hex(VECTORS[0]!.key) }] });
    expect(await refusal(readPskc(xml, { key: new Uint8Array(randomBytes(24)) }, NOW))).toBe('wrong-key');
    const plain = createCipheriv('id-aes192-wrap', KEK, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
    const data = randomBytes(24);
    const rfc3394 = new Uint8Array(Buffer.concat([plain.update(data), plain.final()]));
    expect(await refusal(unwrapMany(kek, [rfc3394], true))).toBe('wrong-key');
    expect((await unwrapMany(kek, [rfc3394], false)).map(toHex)).toEqual([data.toString('hex')]); // as RFC 3394 it opens
  });
});

describe('AES on batches', () => {
  it('RFC 3394 through the same code: §4.1–4.6 (every KEK size, 128–256-bit key data)', async () => {
    const cases = [
      ['000102030405060708090A0B0C0D0E0F', '00112233445566778899AABBCCDDEEFF', '1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5'],
      ['000102030405060708090A0B0C0D0E0F1011121314151617', '00112233445566778899AABBCCDDEEFF', '96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D'],
      ['000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', '00112233445566778899AABBCCDDEEFF', '64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7'],
      ['000102030405060708090A0B0C0D0E0F1011121314151617', '00112233445566778899AABBCCDDEEFF0001020304050607', '031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2'],
      ['000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', '00112233445566778899AABBCCDDEEFF0001020304050607', 'A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1'],
      ['000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', '00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F', '28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21'],
    ];
    for (const [kek, data, wrapped] of cases) {
      const [out] = await unwrapMany(await aesKey(hex(kek!)), [hex(wrapped!)], false);
      expect(toHex(out!)).toBe(data!.toLowerCase());
    }
  });

  it('one CBC call decrypts many IV‖ciphertext values as node:crypto encrypted them, and ECB blocks as node:crypto enciphers them', async () => {
    const raw = new Uint8Array(randomBytes(32));
    const key = await aesKey(raw);
    const plains = Array.from({ length: 40 }, (_, i) => randomBytes(i));
    const values = plains.map((p) => {
      const iv = randomBytes(16);
      const c = createCipheriv('aes-256-cbc', raw, iv);
      return new Uint8Array(Buffer.concat([iv, c.update(p), c.final()]));
    });
    const out = await cbcDecryptMany(key, values);
    // Padding left on (PKCS#7 here): the caller strips it.
    expect(out.map((o) => toHex(o.slice(0, o.length - o[o.length - 1]!)))).toEqual(plains.map((p) => p.toString('hex')));
    const blocks = randomBytes(16 * 9);
    const ecb = createCipheriv('aes-256-ecb', raw, null).setAutoPadding(false);
    const enciphered = new Uint8Array(Buffer.concat([ecb.update(blocks), ecb.final()]));
    expect(toHex(await ecbDecrypt(key, enciphered))).toBe(blocks.toString('hex'));
  });
});

describe('ciphers the bank does not implement', () => {
  it.each([
    ['Camellia', 'http://www.w3.org/2001/04/xmldsig-more#camellia128-cbc'],
    ['3DES', 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc'],
  ])('a key encrypted with %s is rejected with its reason; the other keys import', async (_name, uri) => {
    const secrets = Array.from({ length: 3 }, () => new Uint8Array(randomBytes(20)));
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: secrets.map((secret, i) => ({ serial: `ALG${1000 + i}`, secret })) });
    // The second key's Secret names another cipher (its MAC still checks out: the MAC covers the bytes).
    const second = xml.indexOf('ALG1001');
    const at = xml.indexOf('xmlenc#aes128-cbc', second);
    const changed = `${xml.slice(0, at - 'http://www.w3.org/2001/04/'.length)}${uri}${xml.slice(at + 'xmlenc#aes128-cbc'.length)}`;
    const { keys, rejected } = await readPskc(changed, { key: key! }, NOW);
    expect(keys.map((k) => k.serial)).toEqual(['ALG1000', 'ALG1002']);
    expect(rejected).toEqual([{ position: 2, id: '2', serial: 'ALG1001', reason: 'unsupported-encryption' }]);
  });

  it('a MAC key encrypted with Camellia refuses the whole file (no value could be checked)', async () => {
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: [{ serial: 'ALG2000', secret: new Uint8Array(randomBytes(20)) }] });
    const camellia = xml.replace('xmlenc#aes128-cbc', 'xmldsig-more#camellia128-cbc');
    expect(await refusal(readPskc(camellia, { key: key! }, NOW))).toBe('unsupported-encryption');
  });
});
