// Google Authenticator export (otpauth-migration://): published vector, hand-built payloads, refusals, fuzz.
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { hotp } from '../../../src/core/hotp.ts';
import { formatMigrationUri, parseMigrationUri, MAX_MIGRATION_ENTRIES } from '../../../src/core/migration.ts';
import { OtpauthError } from '../../../src/core/otpauth-errors.ts';
import { LIMITS } from '../../../src/core/limits.ts';
import { validateSpec, type TokenSpec } from '../../../src/core/token-spec.ts';
import { specArb } from './arbitraries.ts';
import { RUNS, ascii, refusal, webCryptoSign } from './helpers.ts';

const HELLO = Uint8Array.from([72, 101, 108, 108, 111, 33, 0xde, 0xad, 0xbe, 0xef]); // JBSWY3DPEHPK3PXP

// A tiny protobuf writer of our own for building payloads by hand (including broken ones).
const varint = (n: number | bigint): number[] => {
  let rest = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  for (; rest >= 128n; rest >>= 7n) out.push(Number(rest & 127n) | 128);
  return [...out, Number(rest)];
};
const vf = (field: number, n: number | bigint) => [...varint(field * 8), ...varint(n)];
const lf = (field: number, bytes: number[] | Uint8Array) => [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
const text = (s: string) => [...ascii(s)];
const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
const uriOf = (bytes: number[]) => `otpauth-migration://offline?data=${encodeURIComponent(b64(bytes))}`;
function entry(o: { secret?: Uint8Array; name?: string; issuer?: string; algorithm?: number; digits?: number; type?: number; counter?: number | bigint }): number[] {
  return lf(1, [
    ...lf(1, o.secret ?? HELLO),
    ...lf(2, text(o.name ?? 'Example:alice')),
    ...(o.issuer !== undefined ? lf(3, text(o.issuer)) : []),
    ...vf(4, o.algorithm ?? 1),
    ...vf(5, o.digits ?? 1),
    ...vf(6, o.type ?? 2),
    ...(o.counter !== undefined ? vf(7, o.counter) : []),
  ]);
}

describe('published vector', () => {
  it("reads dim13/otpauth's README example (algorithm and digits left unspecified)", () => {
    const batch = parseMigrationUri('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
    expect(batch).toEqual({
      specs: [{ type: 'totp', issuer: 'Example', label: 'alice@google.com', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }],
      batchIndex: 0, batchSize: 1, batchId: 0,
    });
  });
});

describe('hand-built payloads', () => {
  const several = [
    ...entry({ name: 'Bank:alice', issuer: 'Bank', algorithm: 1, digits: 1, type: 2 }),
    ...entry({ name: 'Git:bob', issuer: 'Git', algorithm: 2, digits: 2, type: 1, counter: 2 ** 40 }),
    ...entry({ name: '信用金庫:山田', algorithm: 3, digits: 0, type: 2 }),
    ...vf(2, 1), ...vf(3, 3), ...vf(4, 2), ...vf(5, 12345),
  ];

  it('imports exactly the accounts given (TOTP and HOTP, SHA1/256/512, 6/8 digits)', () => {
    const batch = parseMigrationUri(uriOf(several));
    expect(batch.specs).toEqual([
      { type: 'totp', issuer: 'Bank', label: 'alice', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      { type: 'hotp', issuer: 'Git', label: 'bob', secret: HELLO, algorithm: 'SHA256', digits: 8, period: 30, counter: 2 ** 40 },
      { type: 'totp', issuer: '信用金庫', label: '山田', secret: HELLO, algorithm: 'SHA512', digits: 6, period: 30, counter: 0 },
    ]);
    expect([batch.batchIndex, batch.batchSize, batch.batchId]).toEqual([2, 3, 12345]);
    expect(batch.refused).toBeUndefined();
  });

  it('reads a negative int32 batch id (sign-extended to a 10-byte varint)', () => {
    const batch = parseMigrationUri(uriOf([...entry({}), ...vf(2, 1), ...vf(3, 1), ...vf(4, 0), ...vf(5, -1589333909)]));
    expect(batch.batchId).toBe(-1589333909);
    expect(varint(-1).length).toBe(10);
  });

  it('codes of an imported HOTP account equal the otpauth library', async () => {
    const spec = parseMigrationUri(uriOf(several)).specs[1]!;
    const ours = await hotp({ sign: await webCryptoSign(spec.secret, spec.algorithm), counter: spec.counter, digits: spec.digits });
    expect(ours).toBe(OTPAuth.HOTP.generate({ secret: new OTPAuth.Secret({ buffer: HELLO.slice().buffer }), algorithm: 'SHA256', digits: 8, counter: 2 ** 40 }));
  });

  it('accepts standard or URL-safe base64, padded or not, percent-encoded or not', () => {
    const standard = b64(several);
    const expected = parseMigrationUri(uriOf(several)).specs;
    const urlSafe = standard.replace(/\+/g, '-').replace(/\//g, '_');
    for (const data of [standard, standard.replace(/=+$/, ''), urlSafe, urlSafe.replace(/=+$/, ''), encodeURIComponent(standard)]) {
      expect(parseMigrationUri(`OTPAUTH-MIGRATION://offline?data=${data}`).specs).toEqual(expected);
    }
    expect(standard).toMatch(/[+/]/); // the payload really exercises both alphabets
  });

  it('skips fields it does not know (newer exporters)', () => {
    const extra = [...lf(1, [...lf(1, HELLO), ...lf(2, text('x')), ...vf(6, 2), ...vf(8, 7), ...lf(9, [1, 2, 3]), 0x55, 1, 2, 3, 4, 0x59, 1, 2, 3, 4, 5, 6, 7, 8]), ...vf(6, 99), ...lf(7, [0xff])];
    expect(parseMigrationUri(uriOf(extra)).specs).toEqual([{ type: 'totp', issuer: '', label: 'x', secret: HELLO, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }]);
  });

  it.each([
    ['MD5', { algorithm: 4 }, 'bad-algorithm'],
    ['unknown algorithm', { algorithm: 9 }, 'bad-algorithm'],
    ['unknown digit count', { digits: 3 }, 'bad-digits'],
    ['unspecified type', { type: 0 }, 'unknown-type'],
    ['short secret', { secret: new Uint8Array(9) }, 'secret-too-short'],
    ['long secret', { secret: new Uint8Array(129) }, 'secret-too-long'],
    ['empty secret', { secret: new Uint8Array(0) }, 'empty-secret'],
    ['negative int64 counter', { type: 1, counter: -1n }, 'bad-counter'],
    ['counter past 2^53', { type: 1, counter: 2n ** 53n }, 'bad-counter'],
    ['control character in name', { name: 'a\u0007b' }, 'bad-label'],
    ['long name', { name: 'x'.repeat(65) }, 'name-too-long'],
  ] as const)('refuses one entry (%s) and keeps the others', (_what, fields, code) => {
    const batch = parseMigrationUri(uriOf([...entry({ name: 'ok' }), ...entry(fields), ...entry({ name: 'also ok' })]));
    expect(batch.specs.map((s) => s.label)).toEqual(['ok', 'also ok']);
    expect(batch.refused).toEqual([{ index: 1, name: expect.any(String), code }]);
  });

  it('names a refused entry only in a form safe to show', () => {
    const batch = parseMigrationUri(uriOf([...entry({ name: 'ok' }), ...entry({ name: `evil\u202e${'y'.repeat(80)}`, algorithm: 4 })]));
    const name = batch.refused![0]!.name;
    expect(name).not.toMatch(/\u202e/);
    expect([...name].length).toBe(LIMITS.nameLength);
  });
});

describe('refusals: bad-migration for every malformation', () => {
  const one = entry({});
  it.each<[string, string]>([
    ['another host', `otpauth-migration://online?data=${b64(one)}`],
    ['not a migration URI', `otpauth://totp/a?data=${b64(one)}`],
    ['no data', 'otpauth-migration://offline?x=1'],
    ['empty data', 'otpauth-migration://offline?data='],
    ['two data parameters', `otpauth-migration://offline?data=${b64(one)}&data=${b64(one)}`],
    ['not base64', 'otpauth-migration://offline?data=abc!'],
    ['base64 of impossible length', 'otpauth-migration://offline?data=abcde'],
    ['bad percent-encoding', 'otpauth-migration://offline?data=ab%ZZ'],
    ['truncated varint', uriOf([0x08, 0x80])],
    ['varint of 11 bytes', uriOf([0x08, ...Array(10).fill(0x80), 0x01])],
    ['length past the end', uriOf([0x0a, 0x05, 1, 2])],
    ['group wire type', uriOf([0x0b])],
    ['field number 0', uriOf([0x02, 0x00])],
    ['entry as a varint', uriOf(vf(1, 5))],
    ['secret as a varint', uriOf(lf(1, vf(1, 5)))],
    ['type as bytes', uriOf(lf(1, [...lf(1, HELLO), ...lf(6, [2])]))],
    ['name not UTF-8', uriOf(lf(1, [...lf(1, HELLO), ...lf(2, [0xe3, 0x81]), ...vf(6, 2)]))],
    ['no accounts', uriOf([...vf(2, 1), ...vf(3, 1)])],
    ['no usable account', uriOf(entry({ algorithm: 4 }))],
    ['batch index past size', uriOf([...one, ...vf(3, 2), ...vf(4, 2)])],
    ['too many accounts', uriOf(Array.from({ length: MAX_MIGRATION_ENTRIES + 1 }, () => lf(1, [...lf(1, HELLO), ...vf(6, 2)])).flat())],
  ])('%s', (_what, uri) => {
    expect(uri.length).toBeLessThanOrEqual(LIMITS.uriLength);
    const error = refusal(() => parseMigrationUri(uri));
    expect(error.code).toBe('bad-migration');
    expect(error.detail).toBeTruthy();
  });

  it('refuses oversize text before decoding it', () => {
    expect(refusal(() => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(LIMITS.uriLength)}`)).code).toBe('too-long');
  });
});

// What the export format can carry: 6 or 8 digits, 30 s periods, no serial.
const exportableArb = specArb.map(({ serial: _serial, ...spec }): TokenSpec => ({ ...spec, digits: spec.digits === 7 ? 8 : spec.digits, period: 30 }));

describe('round trip and fuzz', () => {
  it('parse(format(specs)) = specs', () => {
    fc.assert(
      fc.property(fc.array(exportableArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (specs, size, id) => {
        const uri = formatMigrationUri(specs, { index: size - 1, size, id });
        fc.pre(uri.length <= LIMITS.uriLength);
        expect(parseMigrationUri(uri)).toEqual({ specs, batchIndex: size - 1, batchSize: size, batchId: id });
      }),
      RUNS,
    );
  });

  it('format refuses what the export cannot hold', () => {
    const spec: TokenSpec = { type: 'totp', issuer: '', label: 'a', secret: HELLO, algorithm: 'SHA1', digits: 7, period: 30, counter: 0 };
    expect(refusal(() => formatMigrationUri([spec])).code).toBe('bad-migration');
    expect(refusal(() => formatMigrationUri([{ ...spec, digits: 6, period: 60 }])).code).toBe('bad-migration');
  });

  const validate = (uri: string) => {
    let batch;
    try {
      batch = parseMigrationUri(uri);
    } catch (error) {
      expect(error).toBeInstanceOf(OtpauthError);
      return;
    }
    expect(batch.specs.length).toBeGreaterThan(0);
    for (const spec of batch.specs) expect(validateSpec(spec)).toBe(spec);
  };

  it('random payloads throw only OtpauthError; anything accepted is valid', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => validate(uriOf([...bytes]))), RUNS);
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (data) => validate(`otpauth-migration://offline?data=${data}`)), RUNS);
  });

  it('mutated valid payloads throw only OtpauthError; anything accepted is valid', () => {
    fc.assert(
      fc.property(fc.array(exportableArb, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (specs, flips) => {
        const data = decodeURIComponent(formatMigrationUri(specs).split('data=')[1]!);
        const bytes = [...atob(data)].map((c) => c.charCodeAt(0));
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        validate(uriOf(bytes));
      }),
      RUNS,
    );
  });
});
