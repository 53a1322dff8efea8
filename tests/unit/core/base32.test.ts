// Base32 (RFC 4648 §6): the RFC's own test vectors, refusals, typed entry, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base32Error, base32Decode, base32Encode } from '../../../src/core/base32.ts';
import { anyText } from './arbitraries.ts';
import { RUNS, ascii } from './helpers.ts';

function decodeError(text: string, typed = false): Base32Error {
  try {
    base32Decode(text, { typed });
  } catch (error) {
    if (error instanceof Base32Error) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(text)} was accepted`);
}

describe('RFC 4648 §10 test vectors', () => {
  it.each([
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ])('BASE32("%s") = "%s"', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded.replace(/=+$/, '')); // we write without padding
    expect(base32Decode(encoded)).toEqual(ascii(plain)); // padded
    expect(base32Decode(encoded.replace(/=+$/, ''))).toEqual(ascii(plain)); // unpadded
    expect(base32Decode(encoded.toLowerCase())).toEqual(ascii(plain)); // case-insensitive
  });
});

describe('refusals', () => {
  it.each([
    ['JBSWY3DP0HPK3PXP', '0', 8], // 0, 1, 8, 9 are not in the alphabet
    ['JBSWY3DP1', '1', 8],
    ['JBSWY3D8', '8', 7],
    ['JBSW Y3DP', ' ', 4], // spaces only in typed entry
    ['JBSW-Y3DP', '-', 4],
    ['MZ=XQ', '=', 2], // padding only at the end
    ['MZXQ💥', '💥', 4], // named as the whole character, not half a surrogate pair
    ['ÄBCD', 'Ä', 0],
  ])('%j: invalid-char %j at %d', (text, char, position) => {
    const error = decodeError(text);
    expect(error.code).toBe('invalid-char');
    expect(error.char).toBe(char);
    expect(error.position).toBe(position);
  });

  it.each([
    'A', // 5 bits: no byte
    'AAA', // 15 bits: impossible length
    'AAAAAA',
    'AAAAAAAAA',
  ])('%j: invalid-length', (text) => {
    expect(decodeError(text).code).toBe('invalid-length');
  });

  it.each([
    ['MZ', 'f'], // 'f' is MY: MZ differs only in the 2 leftover bits
    ['MZXR', 'fo'], // 'fo' is MZXQ
  ])('%j: non-zero leftover bits are ignored, as services with random-character secrets need', (text, bytes) => {
    expect(base32Decode(text)).toEqual(ascii(bytes));
  });

  it('a 26-character random secret (130 bits) decodes to 16 bytes', () => {
    expect(base32Decode('JBSWY3DPEHPK3PXPJBSWY3DPEZ')).toHaveLength(16);
  });
});

describe('typed entry', () => {
  it('ignores spaces, hyphens and case, and folds full-width characters', () => {
    const expected = base32Decode('JBSWY3DPEHPK3PXP');
    expect(base32Decode('jbsw y3dp ehpk 3pxp', { typed: true })).toEqual(expected);
    expect(base32Decode('JBSW-Y3DP-EHPK-3PXP', { typed: true })).toEqual(expected);
    expect(base32Decode(' JBSWY3DP\tEHPK3PXP\n', { typed: true })).toEqual(expected);
    expect(base32Decode('ＪＢＳＷ\u3000Ｙ３ＤＰ－ＥＨＰＫ３ＰＸＰ', { typed: true })).toEqual(expected); // IME full-width
    expect(base32Decode('MZXW6=== ', { typed: true })).toEqual(ascii('foo'));
  });
  it('still names any other character', () => {
    const error = decodeError('JBSW Y3D0', true);
    expect([error.code, error.char, error.position]).toEqual(['invalid-char', '0', 8]);
    expect(decodeError('JBSW_Y3DP', true).char).toBe('_');
  });
});

describe('properties', () => {
  it('decode(encode(bytes)) = bytes, and encode is canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base32Encode(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(text.length).toBe(Math.ceil((bytes.length * 8) / 5));
        expect(base32Decode(text)).toEqual(bytes);
        expect(base32Decode(text.toLowerCase())).toEqual(bytes);
      }),
      RUNS,
    );
  });

  it('any text either decodes to bytes whose encoding matches it but for leftover bits, or throws Base32Error', () => {
    const alphabetish = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz=018 -_'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(alphabetish, anyText(40)), fc.boolean(), (text, typed) => {
        let bytes: Uint8Array;
        try {
          bytes = base32Decode(text, { typed });
        } catch (error) {
          expect(error).toBeInstanceOf(Base32Error);
          return;
        }
        // Accepted: the input is our encoding, up to case, padding, typed separators and the
        // leftover bits of its last character.
        let canonical = typed ? text.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212\u30fc]/gu, '') : text;
        canonical = canonical.replace(/=+$/, '').toUpperCase();
        const encoded = base32Encode(bytes);
        expect(encoded.length).toBe(canonical.length);
        expect(encoded.slice(0, -1)).toBe(canonical.slice(0, -1));
        expect(base32Decode(canonical)).toEqual(bytes);
      }),
      RUNS,
    );
  });
});
