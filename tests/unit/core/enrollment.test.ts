// Pasted or scanned text, and the manual form: what the enrollment screen hands to the core.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../../../src/core/base32.ts';
import { parseEnrollmentText } from '../../../src/core/enrollment-text.ts';
import { formatMigrationUri } from '../../../src/core/migration.ts';
import { OtpauthError, type OtpauthErrorCode } from '../../../src/core/otpauth-errors.ts';
import { LIMITS } from '../../../src/core/limits.ts';
import { specFromTyped, validateSpec } from '../../../src/core/token-spec.ts';
import { displayName } from '../../../src/core/names.ts';
import { anyText } from './arbitraries.ts';
import { refusal, RUNS } from './helpers.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const HELLO = Uint8Array.from([72, 101, 108, 108, 111, 33, 0xde, 0xad, 0xbe, 0xef]);

describe('parseEnrollmentText', () => {
  it('an otpauth URI is one token, surrounding whitespace ignored', () => {
    const result = parseEnrollmentText(`  otpauth://totp/Bank:alice?secret=${SECRET}&serial=SKTS00509645\n`);
    expect(result).toEqual({ kind: 'single', spec: expect.objectContaining({ issuer: 'Bank', label: 'alice', serial: 'SKTS00509645', secret: HELLO }) });
  });

  it('a migration URI is a batch', () => {
    const uri = formatMigrationUri([{ type: 'totp', issuer: 'A', label: 'b', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }]);
    const result = parseEnrollmentText(uri);
    expect(result.kind).toBe('batch');
    if (result.kind === 'batch') expect(result.batch.specs).toHaveLength(1);
  });

  it.each<[string, OtpauthErrorCode, string | undefined]>([
    ['https://bank.example/login', 'not-a-token-uri', 'url'],
    ['HTTP://bank.example', 'not-a-token-uri', 'url'],
    ['hello world', 'not-a-token-uri', 'text'],
    ['', 'not-a-token-uri', 'text'],
    ['mailto:a@b.example', 'not-a-token-uri', 'text'],
    ['otpauth-migration://offline?data=!!', 'bad-migration', undefined],
    [`otpauth://totp/a?secret=${SECRET}&digits=9`, 'bad-digits', '9'],
    [`otpauth://totp/a?secret=${SECRET}${'&x=1'.repeat(1100)}`, 'too-long', undefined],
    [' '.repeat(LIMITS.uriLength + 1), 'too-long', undefined],
  ])('%j -> %s (%s)', (text, code, detail) => {
    const error = refusal(() => parseEnrollmentText(text));
    expect(error.code).toBe(code);
    if (detail !== undefined) expect(error.detail).toBe(detail);
  });

  it('never throws anything but OtpauthError', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(60), fc.constantFrom('otpauth:', 'otpauth-migration:', 'https:').chain((p) => fc.string({ maxLength: 60 }).map((s) => p + s))), (text) => {
        try {
          const result = parseEnrollmentText(text);
          const specs = result.kind === 'single' ? [result.spec] : result.batch.specs;
          for (const spec of specs) validateSpec(spec);
        } catch (error) {
          expect(error).toBeInstanceOf(OtpauthError);
        }
      }),
      RUNS,
    );
  });
});

describe('specFromTyped (the manual form)', () => {
  it('builds a TOTP spec with defaults; the label falls back to the serial', () => {
    expect(specFromTyped({ serial: 'skts-0050-9645', secret: 'jbsw y3dp ehpk 3pxp' })).toEqual({
      type: 'totp', issuer: '', label: 'SKTS00509645', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, serial: 'SKTS00509645',
    });
  });

  it('takes issuer, label and the advanced fields, as strings or numbers', () => {
    expect(specFromTyped({ secret: SECRET, issuer: ' しんきん ', label: ' 山田 ', algorithm: 'sha256', digits: '8', period: 60 })).toEqual({
      type: 'totp', issuer: 'しんきん', label: '山田', secret: HELLO, algorithm: 'SHA256', digits: 8, period: 60, counter: 0,
    });
  });

  it('allows empty names and blank advanced fields', () => {
    expect(specFromTyped({ secret: SECRET, issuer: '', label: '', algorithm: '', digits: '', period: ' ' })).toMatchObject({ issuer: '', label: '', algorithm: 'SHA1', digits: 6, period: 30 });
  });

  it('folds full-width input from a Japanese IME', () => {
    const spec = specFromTyped({ serial: 'ＳＫＴＳ　００５０　９６４５', secret: 'ＪＢＳＷ　Ｙ３ＤＰ　ＥＨＰＫ　３ＰＸＰ', digits: '８' });
    expect(spec).toMatchObject({ serial: 'SKTS00509645', secret: HELLO, digits: 8 });
  });

  it('reads any secret however it is grouped, cased or typed full-width', () => {
    const toFullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(' ', '-', '  ', '\u3000', ' - '),
        fc.boolean(),
        fc.boolean(),
        (secret, group, separator, lower, fullWidth) => {
          let text = base32Encode(secret).match(new RegExp(`.{1,${group}}`, 'g'))!.join(separator);
          if (lower) text = text.toLowerCase();
          if (fullWidth) text = toFullWidth(text);
          expect(specFromTyped({ secret: text }).secret).toEqual(secret);
        },
      ),
      RUNS,
    );
  });

  it.each<[OtpauthErrorCode, string | undefined, Parameters<typeof specFromTyped>[0]]>([
    ['empty-secret', undefined, { secret: '' }],
    ['empty-secret', undefined, { secret: ' - - ' }],
    ['invalid-secret', '0', { secret: 'JBSW Y3DP 0HPK 3PXP' }],
    ['invalid-secret', '_', { secret: 'JBSW_Y3DP' }],
    ['invalid-secret', 'length', { secret: 'JBSW Y3DP EHPK 3PXP A' }],
    ['secret-too-short', undefined, { secret: base32Encode(new Uint8Array(9)) }],
    ['secret-too-long', undefined, { secret: base32Encode(new Uint8Array(129)) }],
    ['bad-serial', undefined, { secret: SECRET, serial: 'SKTS/0050' }],
    ['bad-serial', undefined, { secret: SECRET, serial: 'A'.repeat(33) }],
    ['bad-algorithm', 'MD5', { secret: SECRET, algorithm: 'MD5' }],
    ['bad-digits', '9', { secret: SECRET, digits: 9 }],
    ['bad-digits', '6.5', { secret: SECRET, digits: 6.5 }],
    ['bad-digits', 'six', { secret: SECRET, digits: 'six' }],
    ['bad-period', '4', { secret: SECRET, period: '4' }],
    ['bad-period', '3601', { secret: SECRET, period: 3601 }],
    ['bad-label', 'issuer', { secret: SECRET, issuer: 'a\u0000' }],
    ['bad-label', 'label', { secret: SECRET, label: 'a\u202eb' }],
    ['bad-label', 'label', { secret: SECRET, label: 'a\ud83d' }], // a lone high half at the end
    ['bad-label', 'label', { secret: SECRET, label: '\ude00b' }], // a lone low half at the start
    ['bad-label', 'issuer', { secret: SECRET, issuer: '\ud83d\ud83d\ude00' }], // high, then a whole pair
    ['bad-label', 'issuer', { secret: SECRET, issuer: '\ud83d\ude00\ude00' }], // a whole pair, then low
    ['name-too-long', 'label', { secret: SECRET, label: '銀'.repeat(65) }],
    ['name-too-long', 'issuer', { secret: SECRET, issuer: 'x'.repeat(65) }],
  ])('%s (%s)', (code, detail, fields) => {
    const error = refusal(() => specFromTyped(fields));
    expect(error.code).toBe(code);
    if (detail !== undefined) expect(error.detail).toBe(detail);
  });
});

describe('names with characters outside the BMP', () => {
  it.each(['😀', '銀行😀', '𠮷野家', '😀😀'])('a whole surrogate pair is a valid name (%s)', (name) => {
    expect(specFromTyped({ secret: SECRET, issuer: name, label: name })).toMatchObject({ issuer: name, label: name });
  });

  it('displayName replaces only the lone halves', () => {
    expect(displayName('a\ud83db😀\ude00')).toBe('a\ufffdb😀\ufffd');
  });
});
