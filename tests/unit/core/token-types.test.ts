// The token-type seam: each type's module parses and formats its own URI parameters, and the
// otpauth://ocra/ form of the contract enrolls a signing token.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatOtpauthUri, parseOtpauthUri } from '../../../src/core/otpauth-uri.ts';
import { TOKEN_TYPES, tokenTypeOf } from '../../../src/core/token-types.ts';
import { validateSpec, type TokenSpec } from '../../../src/core/token-spec.ts';
import { checkOcra, ocraParams, ocraResponse } from '../../../src/core/token-ocra.ts';
import { checkTotp, totpCode } from '../../../src/core/token-totp.ts';
import { checkHotp, hotpCode } from '../../../src/core/token-hotp.ts';
import { formatMigrationUri } from '../../../src/core/migration.ts';
import { base32Encode } from '../../../src/core/base32.ts';
import { formatOcraSuite } from '../../../src/core/ocra-suite.ts';
import { RUNS, ascii, refusal, webCryptoSign } from './helpers.ts';
import { nameArb } from './arbitraries.ts';

const KEY32 = ascii('12345678901234567890123456789012');
const SECRET = base32Encode(KEY32);

describe('registry', () => {
  it('has one module per type, found by name in any case', () => {
    expect(Object.keys(TOKEN_TYPES)).toEqual(['totp', 'hotp', 'ocra']);
    expect(tokenTypeOf('OCRA')).toBe(TOKEN_TYPES.ocra);
    expect(tokenTypeOf('toString')).toBeUndefined();
    expect(tokenTypeOf('steam')).toBeUndefined();
  });
});

describe('otpauth://ocra/', () => {
  const uri = `otpauth://ocra/Example%20Bank:alice?secret=${SECRET}&issuer=Example%20Bank&suite=OCRA-1:HOTP-SHA256-8:QA08`;

  it('enrolls a token with its suite; the suite fixes hash, digits and step', () => {
    expect(parseOtpauthUri(uri)).toEqual({
      type: 'ocra', issuer: 'Example Bank', label: 'alice', secret: KEY32, suite: 'OCRA-1:HOTP-SHA256-8:QA08',
      algorithm: 'SHA256', digits: 8, period: 30, counter: 0,
    });
  });

  it('signs RFC 6287 C.3 from the enrolled token', async () => {
    const spec = parseOtpauthUri(uri);
    if (spec.type !== 'ocra') throw new Error('not ocra');
    const sign = await webCryptoSign(spec.secret, spec.algorithm);
    expect(await ocraResponse({ sign, params: spec, question: 'SIG10000' })).toBe('53095496');
    expect(await checkOcra({ sign, params: spec, question: 'SIG10000', code: '53095496' })).toBe(true);
    expect(await checkOcra({ sign, params: spec, question: 'SIG11000', code: '53095496' })).toBe(false);
  });

  it('reads the counter of a C suite (percent-encoded colons too) and ignores it elsewhere', () => {
    const c = parseOtpauthUri(`otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1%3AHOTP-SHA256-8%3AC-QN08-PSHA1&counter=7&serial=skts1`);
    expect(c).toMatchObject({ suite: 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', counter: 7, serial: 'SKTS1' });
    expect(parseOtpauthUri(`${uri}&counter=9`)).toMatchObject({ counter: 0 });
    expect(parseOtpauthUri(`otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1:HOTP-SHA512-8:QN08-T1M`)).toMatchObject({ period: 60 });
  });

  it.each([
    ['no suite', `otpauth://ocra/a?secret=${SECRET}`, 'bad-suite', 'missing'],
    ['empty suite', `otpauth://ocra/a?secret=${SECRET}&suite=`, 'bad-suite', 'missing'],
    ['bad truncation', `otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1:HOTP-SHA1-3:QN08`, 'bad-suite', 'bad-truncation'],
    ['bad time step', `otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1:HOTP-SHA1-6:QN08-T0H`, 'bad-suite', 'bad-time-step'],
    ['two suites', `${uri}&suite=OCRA-1:HOTP-SHA1-6:QN08`, 'bad-suite', 'duplicate'],
    ['bad counter', `otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1:HOTP-SHA1-6:C-QN08&counter=-1`, 'bad-counter', '-1'],
    ['bad escape', `otpauth://ocra/a?secret=${SECRET}&suite=OCRA-1%ZZ`, 'bad-suite', undefined],
  ])('refuses %s', (_what, text, code, detail) => {
    const e = refusal(() => parseOtpauthUri(text));
    expect(e.code).toBe(code);
    expect(e.detail).toBe(detail);
  });

  it('validateSpec refuses parameters the suite contradicts', () => {
    const spec = parseOtpauthUri(uri);
    expect(refusal(() => validateSpec({ ...spec, digits: 6 } as TokenSpec)).code).toBe('bad-digits');
    expect(refusal(() => validateSpec({ ...spec, algorithm: 'SHA1' } as TokenSpec)).code).toBe('bad-algorithm');
    expect(refusal(() => validateSpec({ ...spec, suite: 'OCRA-1:HOTP-SHA256-8' } as TokenSpec)).code).toBe('bad-suite');
    expect(refusal(() => validateSpec({ ...spec, signingFor: 'no!' } as TokenSpec)).code).toBe('bad-serial');
  });

  it('cannot be put in a Google Authenticator export', () => {
    expect(refusal(() => formatMigrationUri([parseOtpauthUri(uri)])).code).toBe('bad-migration');
  });

  it('parse(format(spec)) = spec for any suite and names', () => {
    const suiteArb = fc.record({
      hash: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: fc.constantFrom(0, 4, 6, 8, 10),
      counter: fc.boolean(),
      question: fc.record({ format: fc.constantFrom('A' as const, 'N' as const, 'H' as const), maxLength: fc.integer({ min: 4, max: 64 }) }),
    }).map(formatOcraSuite);
    fc.assert(
      fc.property(suiteArb, nameArb, nameArb, fc.maxSafeNat(), fc.uint8Array({ minLength: 10, maxLength: 64 }), (suite, issuer, label, counter, secret) => {
        const spec: TokenSpec = { ...ocraParams(suite, counter), issuer, label, secret };
        expect(parseOtpauthUri(formatOtpauthUri(spec))).toEqual(spec);
      }),
      RUNS,
    );
  });
});

describe('code and check of the OTP types', () => {
  it('TOTP and HOTP modules give the RFC codes and check them', async () => {
    const sign = await webCryptoSign(ascii('12345678901234567890'));
    // RFC 6238 Appendix B, 59 s, 8 digits; RFC 4226 Appendix D, count 1.
    expect(await totpCode({ sign, params: { digits: 8, period: 30 }, timestamp: 59_000 })).toBe('94287082');
    expect(await checkTotp({ sign, params: { digits: 8, period: 30 }, timestamp: 59_000, code: '94287082' })).toBe(true);
    expect(await checkTotp({ sign, params: { digits: 8, period: 30 }, timestamp: 89_000, code: '94287082' })).toBe(false);
    expect(await hotpCode({ sign, params: { digits: 6 }, counter: 1 })).toBe('287082');
    expect(await checkHotp({ sign, params: { digits: 6 }, counter: 1, code: '287082' })).toBe(true);
    expect(await checkHotp({ sign, params: { digits: 6 }, counter: 1, code: '28708' })).toBe(false);
  });
});
