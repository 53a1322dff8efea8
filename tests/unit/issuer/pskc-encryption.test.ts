// Every cipher, MAC and key derivation the reader takes, on files written with node:crypto,
// plus RFC 3394's own key-wrap vector.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PskcError, readPskc } from '../../../src/issuer/pskc/index.ts';
import { hex, toHex, writePskc, type WriterCipher } from './pskc-writer.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const secret20 = () => new Uint8Array(randomBytes(20));

async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PskcError);
  return (error as PskcError).code;
}

describe('ciphers', () => {
  it.each<WriterCipher>(['aes128-cbc', 'aes192-cbc', 'aes256-cbc'])('%s with the IV in front and an HMAC-SHA1 ValueMAC', async (cipher) => {
    const secret = secret20();
    const { xml, key } = writePskc({ cipher, keys: [{ serial: 'HW0001', secret }] });
    const { keys } = await readPskc(xml, { key: key! }, NOW);
    expect(toHex(keys[0]!.secret)).toBe(toHex(secret));
  });

  it.each<WriterCipher>(['kw-aes128', 'kw-aes192', 'kw-aes256'])('%s (RFC 3394 key wrap, integrity without a MAC)', async (cipher) => {
    const secret = new Uint8Array(randomBytes(32));
    const { xml, key } = writePskc({ cipher, keys: [{ serial: 'HW0002', secret }] });
    expect(xml).not.toContain('ValueMAC');
    const { keys } = await readPskc(xml, { key: key! }, NOW);
    expect(toHex(keys[0]!.secret)).toBe(toHex(secret));
  });

  it('RFC 3394 §4.1: 128-bit key data wrapped with a 128-bit KEK', async () => {
    const { xml } = writePskc({
      cipher: 'kw-aes128', transportKey: hex('000102030405060708090A0B0C0D0E0F'),
      keys: [{ serial: 'HW0003', secret: hex('00112233445566778899AABBCCDDEEFF') }],
    });
    // The writer's output is RFC 3394's printed ciphertext …
    expect(xml).toContain(Buffer.from('1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5', 'hex').toString('base64'));
    const { keys } = await readPskc(xml, { key: hex('000102030405060708090A0B0C0D0E0F') }, NOW);
    // … and the reader unwraps it to the RFC's key data.
    expect(toHex(keys[0]!.secret)).toBe('00112233445566778899aabbccddeeff');
  });

  it('a changed wrapped value is refused by the key wrap integrity check', async () => {
    const { xml, key } = writePskc({ cipher: 'kw-aes128', keys: [{ serial: 'HW0004', secret: new Uint8Array(randomBytes(24)) }] });
    const value = /<xenc:CipherValue>([^<]+)</.exec(xml)![1]!;
    const bytes = Buffer.from(value, 'base64');
    bytes[10]! ^= 1;
    expect(await refusal(readPskc(xml.replace(value, bytes.toString('base64')), { key: key! }, NOW))).toBe('wrong-key');
  });

  it('XML Encryption padding (random bytes, the last one the length) decrypts like PKCS#7', async () => {
    const secrets = Array.from({ length: 8 }, secret20);
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', randomPadding: true, keys: secrets.map((secret, i) => ({ serial: `PAD${1000 + i}`, secret })) });
    const { keys } = await readPskc(xml, { key: key! }, NOW);
    expect(keys.map((k) => toHex(k.secret))).toEqual(secrets.map(toHex));
  });

  it('an unknown cipher is refused for the whole file', async () => {
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: [{ serial: 'HW0005', secret: secret20() }] });
    const camellia = xml.replaceAll('xmlenc#aes128-cbc', 'xmldsig-more#camellia128-cbc');
    expect(await refusal(readPskc(camellia, { key: key! }, NOW))).toBe('unsupported-encryption');
  });

  it('a CBC-encrypted value without a ValueMAC is refused (CBC alone is malleable)', async () => {
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: [{ serial: 'HW0006', secret: secret20() }] });
    expect(await refusal(readPskc(xml.replace(/<ValueMAC>[^<]*<\/ValueMAC>/, ''), { key: key! }, NOW))).toBe('mac-missing');
  });

  it('an encrypted counter is MAC-checked and decrypted as a big-endian integer', async () => {
    const { xml, key } = writePskc({ cipher: 'aes256-cbc', keys: [{ serial: 'HW0007', secret: secret20(), counter: 70_000, encryptCounter: true }] });
    const { keys } = await readPskc(xml, { key: key! }, NOW);
    expect(keys[0]!.counter).toBe(70_000);
  });
});

describe('MAC and key derivation', () => {
  it('HMAC-SHA256 ValueMAC', async () => {
    const secret = secret20();
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', mac: 'sha256', keys: [{ serial: 'HW0101', secret }] });
    expect(xml).toContain('xmldsig-more#hmac-sha256');
    expect(toHex((await readPskc(xml, { key: key! }, NOW)).keys[0]!.secret)).toBe(toHex(secret));
  });

  it('one bad MAC among many refuses the whole file', async () => {
    const { xml, key } = writePskc({ cipher: 'aes128-cbc', keys: Array.from({ length: 50 }, (_, i) => ({ serial: `MANY${1000 + i}`, secret: secret20() })) });
    const macs = [...xml.matchAll(/<ValueMAC>([^<]+)</g)].map((m) => m[1]!);
    const last = macs.at(-1)!;
    const flipped = (last[0] === 'A' ? 'B' : 'A') + last.slice(1);
    expect(await refusal(readPskc(xml.replace(last, flipped), { key: key! }, NOW))).toBe('bad-mac');
  });

  it('PBKDF2 with an HMAC-SHA256 PRF and an AES-256 key', async () => {
    const secret = secret20();
    const { xml } = writePskc({ cipher: 'aes256-cbc', password: { password: 'パスワード-2026', iterations: 2000, prf: 'sha256' }, keys: [{ serial: 'HW0102', secret }] });
    expect(toHex((await readPskc(xml, { password: 'パスワード-2026' }, NOW)).keys[0]!.secret)).toBe(toHex(secret));
    expect(['wrong-key', 'bad-mac']).toContain(await refusal(readPskc(xml, { password: 'パスワード-2025' }, NOW)));
  });

  it('an iteration count past the bound is refused before any work', async () => {
    const { xml } = writePskc({ cipher: 'aes128-cbc', password: { password: 'p', iterations: 1000 }, keys: [{ serial: 'HW0103', secret: secret20() }] });
    const hostile = xml.replace('<IterationCount>1000<', '<IterationCount>2000000000<');
    const started = performance.now();
    expect(await refusal(readPskc(hostile, { password: 'p' }, NOW))).toBe('bad-key-derivation');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
