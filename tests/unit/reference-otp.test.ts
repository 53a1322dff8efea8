// The tests' reference is itself checked against the RFCs' own vectors, and its base32 both ways.
import { describe, expect, it } from 'vitest';
import { fromBase32, referenceHotp, referenceTotp, toBase32, totpAt } from '../reference-otp.ts';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'ascii'));

describe('tests/reference-otp.ts', () => {
  it('RFC 4226 Appendix D: HOTP values for counters 0-9', () => {
    const codes = Array.from({ length: 10 }, (_, c) => referenceHotp(ascii('12345678901234567890'), c));
    expect(codes).toEqual(['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']);
  });

  it.each([
    [59, 'SHA1', '12345678901234567890', '94287082'],
    [1111111109, 'SHA256', '12345678901234567890123456789012', '68084774'],
    [20000000000, 'SHA512', '1234567890123456789012345678901234567890123456789012345678901234', '47863826'],
  ])('RFC 6238 Appendix B: T=%i %s', (seconds, algorithm, seed, code) => {
    expect(referenceTotp(ascii(seed), seconds * 1000, { digits: 8, algorithm })).toBe(code);
    expect(totpAt({ secret: toBase32(ascii(seed)), algorithm, digits: 8 }, seconds * 1000)).toBe(code);
  });

  it('RFC 4648 §10 base32 vectors, both ways', () => {
    for (const [text, encoded] of [['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']]) {
      expect(toBase32(ascii(text!))).toBe(encoded);
      expect(Buffer.from(fromBase32(`${encoded}======`)).toString('ascii')).toBe(text);
    }
  });
});
