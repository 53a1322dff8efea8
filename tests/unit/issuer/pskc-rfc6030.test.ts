// RFC 6030's own examples: figure 6 (pre-shared AES-128 key) and figure 7 (PBKDF2 password key),
// decrypted to the secret the RFC gives, whose codes match RFC 4226 Appendix D.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PskcError, readPskc } from '../../../src/issuer/pskc/index.ts';
import { referenceHotp } from '../../reference-otp.ts';
import { hex, toHex } from './pskc-writer.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/pskc/${name}`, import.meta.url), 'utf8');
const FIGURE_6 = fixture('rfc6030-figure6.xml');
const FIGURE_7 = fixture('rfc6030-figure7.xml');
const NOW = Date.parse('2026-12-01T00:00:00Z');
/** RFC 6030 §6.1: "12345678901234567890" in ASCII, RFC 4226 Appendix D's test secret. */
const RFC_SECRET = '3132333435363738393031323334353637383930';

async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(PskcError);
  return (error as PskcError).code;
}

describe('RFC 6030 figure 6: AES-128-CBC, pre-shared key, HMAC-SHA1', () => {
  const key = hex('12345678901234567890123456789012');

  it('decrypts the secret the RFC gives, with the key package fields', async () => {
    const { keys, rejected, total } = await readPskc(FIGURE_6, { key }, NOW);
    expect(total).toBe(1);
    expect(rejected).toEqual([]);
    expect(keys).toHaveLength(1);
    const k = keys[0]!;
    expect(toHex(k.secret)).toBe(RFC_SECRET);
    expect(k).toMatchObject({
      position: 1, id: '12345678', serial: '987654321', type: 'hotp', algorithm: 'SHA1', digits: 8,
      counter: 0, issuer: 'Issuer', manufacturer: 'Manufacturer', notBefore: null, notAfter: null,
    });
    // RFC 4226 Appendix D, counter 0: HOTP 1284755224, so 84755224 in 8 digits.
    expect(referenceHotp(k.secret, 0, { digits: 8 })).toBe('84755224');
  });

  it('refuses the file when its ValueMAC is changed', async () => {
    const changed = FIGURE_6.replace('Su+NvtQfmvfJzF6bmQiJqoLRExc=', 'Tu+NvtQfmvfJzF6bmQiJqoLRExc=');
    expect(changed).not.toBe(FIGURE_6);
    expect(await refusal(readPskc(changed, { key }, NOW))).toBe('bad-mac');
  });

  it('refuses a ValueMAC changed only in the spare bits of its last base64 character', async () => {
    const changed = FIGURE_6.replace('Su+NvtQfmvfJzF6bmQiJqoLRExc=', 'Su+NvtQfmvfJzF6bmQiJqoLRExd=');
    expect(await refusal(readPskc(changed, { key }, NOW))).toBe('not-pskc');
  });

  it('refuses the file when a cipher byte is changed (the MAC covers IV and ciphertext)', async () => {
    const changed = FIGURE_6.replace('AAECAwQFBgcICQoLDA0OD+cI', 'AAECAwQFBgcICQoLDA0OD+cJ');
    expect(await refusal(readPskc(changed, { key }, NOW))).toBe('bad-mac');
  });

  it('refuses a wrong transport key, and a file read without one', async () => {
    expect(['wrong-key', 'bad-mac']).toContain(await refusal(readPskc(FIGURE_6, { key: hex('00'.repeat(16)) }, NOW)));
    expect(await refusal(readPskc(FIGURE_6, { key: hex('1234') }, NOW))).toBe('wrong-key');
    expect(await refusal(readPskc(FIGURE_6, {}, NOW))).toBe('key-required');
    expect(await refusal(readPskc(FIGURE_6, { password: 'qwerty' }, NOW))).toBe('wrong-key-kind');
  });
});

describe('RFC 6030 figure 7: PBKDF2 from the password "qwerty"', () => {
  it('derives the key and decrypts the secret the RFC gives', async () => {
    const { keys, rejected } = await readPskc(FIGURE_7, { password: 'qwerty' }, NOW);
    expect(rejected).toEqual([]);
    expect(keys).toHaveLength(1);
    expect(toHex(keys[0]!.secret)).toBe(RFC_SECRET);
    expect(keys[0]).toMatchObject({ id: '123456', serial: '987654321', issuer: 'Example-Issuer', digits: 8, type: 'hotp', manufacturer: 'TokenVendorAcme' });
  });

  it('takes the derived key the RFC prints as a transport key too', async () => {
    const { keys } = await readPskc(FIGURE_7, { key: hex('651e63cd57008476af1ff6422cd02e41') }, NOW);
    expect(toHex(keys[0]!.secret)).toBe(RFC_SECRET);
  });

  it('refuses a wrong password and a changed ValueMAC', async () => {
    expect(['wrong-key', 'bad-mac']).toContain(await refusal(readPskc(FIGURE_7, { password: 'qwertz' }, NOW)));
    const changed = FIGURE_7.replace('LP6xMvjtypbfT9PdkJhBZ+D6O4w=', 'MP6xMvjtypbfT9PdkJhBZ+D6O4w=');
    expect(await refusal(readPskc(changed, { password: 'qwerty' }, NOW))).toBe('bad-mac');
  });
});
