// What the reader takes from each key package, and the reason it gives for each key it does not.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPskc } from '../../../src/issuer/pskc/index.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { toHex, writePskc, type WriterKey } from './pskc-writer.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const secret = (n = 20) => new Uint8Array(randomBytes(n));

async function readOne(k: WriterKey, prefixed = false) {
  const { xml, key } = writePskc({ cipher: 'aes128-cbc', prefixed, keys: [k] });
  return readPskc(xml, { key: key! }, NOW);
}

describe('key fields', () => {
  it('an HOTP key: serial from DeviceInfo/SerialNo (upper-cased), issuer, digits, counter', async () => {
    const s = secret();
    const { keys } = await readOne({ serial: 'ft0012345', type: 'hotp', secret: s, digits: 6, counter: 42, issuer: '信用金庫', manufacturer: 'Feitian', id: 'K-1' });
    expect(keys[0]).toMatchObject({ serial: 'FT0012345', type: 'hotp', digits: 6, counter: 42, issuer: '信用金庫', manufacturer: 'Feitian', id: 'K-1', algorithm: 'SHA1' });
    expect(toHex(keys[0]!.secret)).toBe(toHex(s));
  });

  it('a 60-second TOTP key with its time drift, prefixed elements as in figure 7', async () => {
    const { keys } = await readOne({ serial: 'TOTP60001', type: 'totp', secret: secret(), digits: 6, time: 0, interval: 60, drift: -2 }, true);
    expect(keys[0]).toMatchObject({ type: 'totp', period: 60, drift: -2, counter: 0 });
  });

  it('TOTP defaults: 30-second steps, no drift', async () => {
    const { keys } = await readOne({ serial: 'TOTP30001', type: 'totp', secret: secret() });
    expect(keys[0]).toMatchObject({ period: 30, drift: 0 });
  });

  it.each([
    ['HMAC-SHA256', 20, 'SHA256'],
    ['SHA512', 20, 'SHA512'],
    ['HMAC-SHA1', 32, 'SHA1'],
    [undefined, 64, 'SHA1'],
  ])('the hash comes from Suite %s, not from the %i-byte key length', async (suite, length, algorithm) => {
    const { keys } = await readOne({ serial: 'SUITE0001', type: 'totp', secret: secret(length), ...(suite ? { suite } : {}) });
    expect(keys[0]!.algorithm).toBe(algorithm);
  });

  it('validity dates: a future expiry is kept; an expired or not yet valid key is reported', async () => {
    const later = await readOne({ serial: 'DATE00001', secret: secret(), startDate: '2026-01-01T00:00:00Z', expiryDate: '2031-03-31T00:00:00Z' });
    expect(later.keys[0]).toMatchObject({ notBefore: Date.parse('2026-01-01T00:00:00Z'), notAfter: Date.parse('2031-03-31T00:00:00Z') });
    expect((await readOne({ serial: 'DATE00002', secret: secret(), expiryDate: '2026-11-30T23:59:59Z' })).rejected[0]!.reason).toBe('expired');
    expect((await readOne({ serial: 'DATE00003', secret: secret(), startDate: '2027-01-01T00:00:00Z' })).rejected[0]!.reason).toBe('not-yet-valid');
  });

  it('the secret decrypted from a vendor-like file gives the codes an independent HOTP computes', async () => {
    const s = secret();
    const { keys } = await readOne({ serial: 'CODE00001', secret: s, digits: 8, counter: 5 });
    expect(referenceHotp(keys[0]!.secret, keys[0]!.counter, { digits: 8 })).toBe(referenceHotp(s, 5, { digits: 8 }));
  });
});

describe('a report line per key', () => {
  it('imports the good keys and gives each other its reason, in file order', async () => {
    const good = secret();
    const { xml, key } = writePskc({
      cipher: 'aes128-cbc',
      keys: [
        { serial: 'GOOD00001', secret: good },
        { serial: 'GOOD00001', secret: secret() },
        { serial: 'OCRA00001', type: 'urn:ietf:params:xml:ns:keyprov:pskc#OCRA-1:HOTP-SHA512-8:C-QN08', secret: secret() },
        { serial: 'SHORT0001', secret: secret(10) },
        { secret: secret() },
        { serial: 'HEX000001', secret: secret(), encoding: 'HEXADECIMAL' },
        { serial: 'DIGITS009', secret: secret(), digits: 9 },
        { serial: 'SUITE0002', secret: secret(), suite: 'HMAC-MD5' },
        { serial: 'PERIOD005', type: 'totp', secret: secret(), interval: 5 },
        { serial: 'T0NONZERO', type: 'totp', secret: secret(), time: 1_700_000_000 },
        { serial: 'BAD-SERIAL', secret: secret() },
        { serial: 'GOOD00002', type: 'totp', secret: secret() },
      ],
    });
    const { keys, rejected, total } = await readPskc(xml, { key: key! }, NOW);
    expect(total).toBe(12);
    expect(keys.map((k) => [k.position, k.serial])).toEqual([[1, 'GOOD00001'], [12, 'GOOD00002']]);
    expect(toHex(keys[0]!.secret)).toBe(toHex(good));
    expect(rejected.map((r) => [r.position, r.serial, r.reason])).toEqual([
      [2, 'GOOD00001', 'duplicate'],
      [3, 'OCRA00001', 'unsupported-algorithm'],
      [4, 'SHORT0001', 'short-secret'],
      [5, '', 'bad-serial'],
      [6, 'HEX000001', 'unsupported-format'],
      [7, 'DIGITS009', 'bad-digits'],
      [8, 'SUITE0002', 'unsupported-algorithm'],
      [9, 'PERIOD005', 'bad-period'],
      [10, 'T0NONZERO', 'bad-time'],
      [11, 'BAD-SERIAL', 'bad-serial'],
    ]);
  });

  it('a plain (unencrypted) file reads without a key', async () => {
    const s = secret();
    const { xml } = writePskc({ keys: [{ serial: 'PLAIN0002', secret: s }] });
    const { keys } = await readPskc(xml, {}, NOW);
    expect(toHex(keys[0]!.secret)).toBe(toHex(s));
  });
});
