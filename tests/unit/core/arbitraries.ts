// fast-check generators of valid token specs, shared by the URI and migration tests.
import fc from 'fast-check';
import type { TokenSpec } from '../../../src/core/token-spec.ts';

// Names full of the characters that need escaping or splitting: ':' '%' '+' '&' '#', CJK, emoji.
export const nameArb = fc
  .string({ unit: fc.oneof(fc.constantFrom(...'aZ09 :%+&=?#/@.-_<>\'"'.split('')), fc.constantFrom('銀', '行', 'ー', '🏦', 'é')), maxLength: 40 })
  .map((s) => s.trim());
/** Valid specs: trimmed names, period only for TOTP, counter only for HOTP. */
export const specArb: fc.Arbitrary<TokenSpec> = fc
  .record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    issuer: nameArb,
    label: nameArb,
    secret: fc.uint8Array({ minLength: 10, maxLength: 128 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 5, max: 3600 }),
    counter: fc.maxSafeNat(),
    serial: fc.option(fc.stringMatching(/^[A-Z0-9]{1,32}$/), { nil: undefined }),
  })
  .map(({ serial, ...spec }) => {
    const out: TokenSpec = { ...spec, period: spec.type === 'totp' ? spec.period : 30, counter: spec.type === 'hotp' ? spec.counter : 0 };
    if (serial !== undefined) out.serial = serial;
    return out;
  });


/**
 * Any text: any code point, lone surrogates included. Built from integers because fast-check's
 * 'grapheme'/'binary' units cost seconds to set up on their first use under vitest (10 s in Chromium).
 */
const anyChar = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code)),
  fc.integer({ min: 0, max: 0x7f }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
export const anyText = (maxLength: number) => fc.string({ unit: anyChar, maxLength });
