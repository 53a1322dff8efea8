// otpauth:// key URIs: what is accepted, a refusal table covering each error code, round trips and fuzzing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../src/core/base32.ts';
import { OtpauthError, type OtpauthErrorCode } from '../../../src/core/otpauth-errors.ts';
import { formatOtpauthUri, parseOtpauthUri } from '../../../src/core/otpauth-uri.ts';
import { LIMITS } from '../../../src/core/limits.ts';
import { validateSpec, type TokenSpec } from '../../../src/core/token-spec.ts';
import { anyText, specArb } from './arbitraries.ts';
import { refusal, RUNS } from './helpers.ts';

const SECRET = 'JBSWY3DPEHPK3PXP'; // "Hello!\xde\xad\xbe\xef", 80 bits
const SECRET_BYTES = Uint8Array.from([72, 101, 108, 108, 111, 33, 0xde, 0xad, 0xbe, 0xef]);
const enc = encodeURIComponent;

describe('accepted URIs', () => {
  it('reads every field of a bank enrollment URI', () => {
    const spec = parseOtpauthUri(
      `otpauth://totp/${enc('しんきん銀行')}:${enc('山田 太郎')}?secret=${SECRET}&issuer=${enc('しんきん銀行')}&algorithm=SHA256&digits=8&period=60&serial=skts00509641`,
    );
    expect(spec).toEqual({
      type: 'totp', issuer: 'しんきん銀行', label: '山田 太郎', secret: SECRET_BYTES,
      algorithm: 'SHA256', digits: 8, period: 60, counter: 0, serial: 'SKTS00509641',
    });
  });

  it('applies defaults: SHA1, 6 digits, 30 s, no issuer, no serial', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice?secret=${SECRET}`)).toEqual({
      type: 'totp', issuer: '', label: 'alice', secret: SECRET_BYTES, algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    });
  });

  it.each<[string, string, Partial<TokenSpec>]>([
    ['literal colon', `otpauth://totp/ACME:alice@example.com?secret=${SECRET}`, { issuer: 'ACME', label: 'alice@example.com' }],
    ['%3A colon', `otpauth://totp/ACME%3Aalice?secret=${SECRET}`, { issuer: 'ACME', label: 'alice' }],
    ['spaces around names trimmed', `otpauth://totp/ACME%20:%20%20alice%20?secret=${SECRET}&issuer=%20ACME%20`, { issuer: 'ACME', label: 'alice' }],
    ['issuer parameter wins', `otpauth://totp/Old:alice?secret=${SECRET}&issuer=New`, { issuer: 'New', label: 'alice' }],
    ['issuer only as parameter', `otpauth://totp/alice?secret=${SECRET}&issuer=ACME`, { issuer: 'ACME', label: 'alice' }],
    ['empty issuer parameter falls back to prefix', `otpauth://totp/ACME:alice?issuer=&secret=${SECRET}`, { issuer: 'ACME', label: 'alice' }],
    ['+ in a parameter is a space', `otpauth://totp/a?secret=${SECRET}&issuer=Example+Bank`, { issuer: 'Example Bank' }],
    ['+ in the label is a plus', `otpauth://totp/a+b?secret=${SECRET}`, { label: 'a+b' }],
    ['only the first colon splits', `otpauth://totp/A:b:c?secret=${SECRET}`, { issuer: 'A', label: 'b:c' }],
    ['empty label', `otpauth://totp/?secret=${SECRET}`, { label: '' }],
    ['no label at all', `otpauth://totp?secret=${SECRET}`, { label: '' }],
    ['scheme and type in any case', `OTPAUTH://TOTP/a?secret=${SECRET}`, { type: 'totp' }],
    ['parameter names in any case', `otpauth://totp/a?SECRET=${SECRET}&Digits=8`, { digits: 8 }],
    ['lower-case, padded secret', 'otpauth://totp/a?secret=mzxw6ytbmzxw6ytboi%3D%3D%3D%3D%3D%3D', { secret: new TextEncoder().encode('foobafoobar') }],
    ['literal = padding', 'otpauth://totp/a?secret=MZXW6YTBMZXW6YTBOI======', { secret: new TextEncoder().encode('foobafoobar') }],
    ['algorithm in any case', `otpauth://totp/a?secret=${SECRET}&algorithm=sha512`, { algorithm: 'SHA512' }],
    ['7 digits', `otpauth://totp/a?secret=${SECRET}&digits=7`, { digits: 7 }],
    ['period 5', `otpauth://totp/a?secret=${SECRET}&period=5`, { period: 5 }],
    ['period 3600', `otpauth://totp/a?secret=${SECRET}&period=3600`, { period: 3600 }],
    ['unknown parameters ignored', `otpauth://totp/a?secret=${SECRET}&image=https%3A%2F%2Fx&foo&%ZZ=1`, {}],
    ['fragment ignored', `otpauth://totp/a?secret=${SECRET}#digits=9`, { digits: 6 }],
    ['counter of a TOTP ignored', `otpauth://totp/a?secret=${SECRET}&counter=-5`, { counter: 0 }],
    ['period of an HOTP ignored', `otpauth://hotp/a?secret=${SECRET}&counter=0&period=1`, { type: 'hotp', period: 30 }],
    ['HOTP counter 0', `otpauth://hotp/a?secret=${SECRET}&counter=0`, { type: 'hotp', counter: 0 }],
    ['HOTP counter 2^53-1', `otpauth://hotp/a?secret=${SECRET}&counter=9007199254740991`, { counter: 2 ** 53 - 1 }],
    ['empty serial taken as none', `otpauth://totp/a?secret=${SECRET}&serial=`, { serial: undefined }],
    ['32-character serial', `otpauth://totp/a?secret=${SECRET}&serial=${'a1'.repeat(16)}`, { serial: 'A1'.repeat(16) }],
    ['64-character Japanese name', `otpauth://totp/${enc('銀'.repeat(64))}?secret=${SECRET}`, { label: '銀'.repeat(64) }],
    ['64 emoji (128 UTF-16 units) fit', `otpauth://totp/${enc('🏦'.repeat(64))}?secret=${SECRET}`, { label: '🏦'.repeat(64) }],
    ['markup kept as text', `otpauth://totp/${enc('<img src=x onerror=alert(1)>')}?secret=${SECRET}`, { label: '<img src=x onerror=alert(1)>' }],
    ['1024-bit secret', `otpauth://totp/a?secret=${base32Encode(new Uint8Array(128).fill(7))}`, { secret: new Uint8Array(128).fill(7) }],
  ])('%s', (_name, uri, expected) => {
    const spec = parseOtpauthUri(uri);
    const { serial, ...rest } = expected;
    expect(spec).toMatchObject(rest);
    if ('serial' in expected) expect(spec.serial).toBe(serial);
    else expect(spec).not.toHaveProperty('serial');
    expect(validateSpec(spec)).toBe(spec);
  });
});

describe('refusals: one row per way to be wrong', () => {
  const base = `otpauth://totp/ACME:alice?secret=${SECRET}`;
  it.each<[OtpauthErrorCode, string | undefined, string]>([
    ['too-long', undefined, `${base}&pad=${'x'.repeat(LIMITS.uriLength)}`],
    ['too-long', undefined, 'x'.repeat(LIMITS.uriLength + 1)], // refused before anything else is looked at
    ['not-otpauth', undefined, `https://totp/a?secret=${SECRET}`],
    ['not-otpauth', undefined, `otpauth:totp/a?secret=${SECRET}`],
    ['not-otpauth', undefined, ''],
    ['unknown-type', 'motp', `otpauth://motp/a?secret=${SECRET}`],
    ['unknown-type', '', `otpauth:///a?secret=${SECRET}`],
    ['missing-secret', undefined, 'otpauth://totp/a?issuer=ACME'],
    ['missing-secret', undefined, 'otpauth://totp/a'],
    ['empty-secret', undefined, 'otpauth://totp/a?secret='],
    ['empty-secret', undefined, 'otpauth://totp/a?secret'],
    ['empty-secret', undefined, 'otpauth://totp/a?secret=%3D%3D'],
    ['invalid-secret', '0', 'otpauth://totp/a?secret=JBSWY3DP0HPK3PXP'],
    ['invalid-secret', ' ', 'otpauth://totp/a?secret=JBSWY3DP+EHPK3PXP'],
    ['invalid-secret', '-', 'otpauth://totp/a?secret=JBSWY3DP-EHPK3PXP'],
    ['invalid-secret', 'length', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXPA'],
    ['invalid-secret', undefined, 'otpauth://totp/a?secret=JBSWY3DP%E3%81'],
    ['invalid-secret', 'duplicate', `${base}&secret=${SECRET}`],
    ['secret-too-short', undefined, `otpauth://totp/a?secret=${base32Encode(new Uint8Array(9))}`],
    ['secret-too-long', undefined, `otpauth://totp/a?secret=${base32Encode(new Uint8Array(129))}`],
    ['bad-algorithm', 'MD5', `${base}&algorithm=MD5`],
    ['bad-algorithm', 'SHA-256', `${base}&algorithm=SHA-256`],
    ['bad-algorithm', '', `${base}&algorithm=`],
    ['bad-algorithm', 'duplicate', `${base}&algorithm=SHA1&algorithm=SHA256`],
    ['bad-digits', '5', `${base}&digits=5`],
    ['bad-digits', '9', `${base}&digits=9`],
    ['bad-digits', '06', `${base}&digits=06`],
    ['bad-digits', '6.0', `${base}&digits=6.0`],
    ['bad-digits', ' 6', `${base}&digits=+6`],
    ['bad-digits', '', `${base}&digits=`],
    ['bad-digits', 'duplicate', `${base}&digits=6&digits=8`],
    ['bad-period', '4', `${base}&period=4`],
    ['bad-period', '3601', `${base}&period=3601`],
    ['bad-period', '030', `${base}&period=030`],
    ['bad-period', '30s', `${base}&period=30s`],
    ['bad-period', undefined, `${base}&period=99999999999999999999`],
    ['hotp-without-counter', undefined, `otpauth://hotp/a?secret=${SECRET}`],
    ['bad-counter', '-1', `otpauth://hotp/a?secret=${SECRET}&counter=-1`],
    ['bad-counter', '9007199254740992', `otpauth://hotp/a?secret=${SECRET}&counter=9007199254740992`],
    ['bad-counter', '1e3', `otpauth://hotp/a?secret=${SECRET}&counter=1e3`],
    ['bad-counter', '01', `otpauth://hotp/a?secret=${SECRET}&counter=01`],
    ['bad-counter', '', `otpauth://hotp/a?secret=${SECRET}&counter=`],
    ['bad-serial', 'SKTS-0050', `${base}&serial=SKTS-0050`],
    ['bad-serial', undefined, `${base}&serial=${'A'.repeat(33)}`],
    ['bad-serial', 'ＳＫＴＳ', `${base}&serial=${enc('ＳＫＴＳ')}`],
    ['bad-label', 'label', 'otpauth://totp/a%00b?secret=' + SECRET],
    ['bad-label', 'label', 'otpauth://totp/a%0Ab?secret=' + SECRET],
    ['bad-label', 'label', `otpauth://totp/${enc('evil\u202etxt.exe')}?secret=${SECRET}`],
    ['bad-label', 'label', `otpauth://totp/a%E3%81?secret=${SECRET}`], // truncated UTF-8
    ['bad-label', 'label', `otpauth://totp/a%ED%A0%80?secret=${SECRET}`], // an encoded lone surrogate
    ['bad-label', 'label', `otpauth://totp/a%ZZ?secret=${SECRET}`],
    ['bad-label', 'issuer', `${base}&issuer=a%07b`],
    ['bad-label', 'issuer', `${base}&issuer=%C3`],
    ['bad-label', 'issuer', `otpauth://totp/${enc('a\u0085')}:b?secret=${SECRET}`],
    ['bad-label', 'duplicate', `${base}&issuer=A&issuer=B`],
    ['name-too-long', 'label', `otpauth://totp/${enc('銀'.repeat(65))}?secret=${SECRET}`],
    ['name-too-long', 'issuer', `${base}&issuer=${'x'.repeat(65)}`],
    ['name-too-long', 'issuer', `otpauth://totp/${'x'.repeat(65)}:a?secret=${SECRET}`],
  ])('%s (%j): %s', (code, detail, uri) => {
    const error = refusal(() => parseOtpauthUri(uri));
    expect(error.code).toBe(code);
    if (detail !== undefined) expect(error.detail).toBe(detail);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('round trip', () => {
  it('parse(format(spec)) = spec', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const uri = formatOtpauthUri(spec);
        expect(uri.length).toBeLessThanOrEqual(LIMITS.uriLength);
        expect(parseOtpauthUri(uri)).toEqual(spec);
      }),
      RUNS,
    );
  });

  it('format refuses a spec the parser would refuse', () => {
    const good: TokenSpec = { type: 'totp', issuer: '', label: 'a', secret: SECRET_BYTES, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
    expect(refusal(() => formatOtpauthUri({ ...good, digits: 9 })).code).toBe('bad-digits');
    expect(refusal(() => formatOtpauthUri({ ...good, secret: new Uint8Array(9) })).code).toBe('secret-too-short');
    expect(refusal(() => formatOtpauthUri({ ...good, label: 'a\u0000' })).code).toBe('bad-label');
    expect(refusal(() => formatOtpauthUri({ ...good, label: '\ud800' })).code).toBe('bad-label');
    expect(refusal(() => formatOtpauthUri({ ...good, serial: 'abc' })).code).toBe('bad-serial');
    expect(refusal(() => formatOtpauthUri({ ...good, algorithm: 'MD5' as 'SHA1' })).code).toBe('bad-algorithm');
  });
});

/** The `secret` parameter as an independent reader (URLSearchParams) sees it. */
function secretParam(uri: string): string | undefined {
  const query = uri.slice(uri.indexOf('?') + 1).split('#')[0]!;
  for (const [key, value] of new URLSearchParams(query)) if (key.toLowerCase() === 'secret') return value;
  return undefined;
}

function mutate(text: string, edits: { at: number; op: 0 | 1 | 2; char: string }[]): string {
  let out = text;
  for (const { at, op, char } of edits) {
    const i = at % (out.length + 1);
    out = op === 0 ? out.slice(0, i) + char + out.slice(i) : op === 1 ? out.slice(0, i) + out.slice(i + 1) : out.slice(0, i) + char + out.slice(i + 1);
  }
  return out;
}

describe('fuzz', () => {
  const charArb = fc.oneof(fc.constantFrom(...'%:/?&=#+ 0189AZaz\u0000\u202e'.split(''), '%3A', '%E3', '%00', '&secret=', '&digits=', '&counter=', 'hotp'), fc.string({ maxLength: 1 }));
  const editsArb = fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom(0 as const, 1 as const, 2 as const), char: charArb }), { minLength: 1, maxLength: 6 });
  const inputArb = fc.oneof(
    fc.tuple(specArb, editsArb).map(([spec, edits]) => mutate(formatOtpauthUri(spec), edits)),
    anyText(80).map((s) => `otpauth://totp/${s}`),
    anyText(80),
  );

  it('throws only OtpauthError, and whatever it accepts is a valid spec with exactly the given secret', () => {
    fc.assert(
      fc.property(inputArb, (uri) => {
        let spec: TokenSpec;
        try {
          spec = parseOtpauthUri(uri);
        } catch (error) {
          expect(error).toBeInstanceOf(OtpauthError);
          return;
        }
        expect(validateSpec(spec)).toBe(spec);
        const secret = secretParam(uri);
        expect(secret).toBeDefined();
        // Exactly the given secret: the same bytes, spelled the same but for its last character's leftover bits.
        const given = secret!.replace(/=+$/, '').toUpperCase();
        expect(base32Encode(spec.secret).slice(0, -1)).toBe(given.slice(0, -1));
        expect(spec.secret).toEqual(base32Decode(given));
      }),
      RUNS,
    );
  });
});
