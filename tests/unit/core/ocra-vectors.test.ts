// Every test vector of RFC 6287 Appendix C, verbatim (runs in Node and in Chromium).
import { describe, expect, it } from 'vitest';
import { ocra, questionBytes } from '../../../src/core/ocra.ts';
import { parseOcraSuite } from '../../../src/core/ocra-suite.ts';
import type { HashAlgorithm } from '../../../src/core/algorithms.ts';
import { ascii, hex, webCryptoSign } from './helpers.ts';

// Appendix C: "Standard 20Byte key", "Standard 32Byte key", "Standard 64Byte key" (ASCII digits),
// and PIN = "1234", SHA1(PIN) = 7110eda4d09e062aa5e4a390b0a572ac0d2c0220.
const KEY20 = '12345678901234567890';
const KEY32 = '12345678901234567890123456789012';
const KEY64 = '1234567890123456789012345678901234567890123456789012345678901234';
const PIN_SHA1 = Uint8Array.from('7110eda4d09e062aa5e4a390b0a572ac0d2c0220'.match(/../g)!, (b) => parseInt(b, 16));
// T = 132d0b6 (minutes since the epoch): 20107446 × 60 s = "Mar 25 2008, 12:06:00 GMT".
const T_132D0B6 = 0x132d0b6 * 60 * 1000;

async function response(key: string, suite: string, input: Parameters<typeof ocra>[0] extends infer A ? Omit<A & object, 'sign' | 'suite'> : never) {
  const hash = parseOcraSuite(suite).hash as HashAlgorithm;
  return ocra({ sign: await webCryptoSign(ascii(key), hash), suite, ...input });
}

describe('RFC 6287 Appendix C.1 (one-way challenge-response)', () => {
  it('SHA1(PIN "1234") is the appendix value', async () => {
    expect(hex(new Uint8Array(await crypto.subtle.digest('SHA-1', new Uint8Array(ascii('1234')))))).toBe(hex(PIN_SHA1));
  });

  // OCRA-1:HOTP-SHA1-6:QN08, Standard 20Byte key.
  it.each([
    ['00000000', '237653'], ['11111111', '243178'], ['22222222', '653583'], ['33333333', '740991'],
    ['44444444', '608993'], ['55555555', '388898'], ['66666666', '816933'], ['77777777', '224598'],
    ['88888888', '750600'], ['99999999', '294470'],
  ])('OCRA-1:HOTP-SHA1-6:QN08, Q %s → %s', async (q, value) => {
    expect(await response(KEY20, 'OCRA-1:HOTP-SHA1-6:QN08', { question: q })).toBe(value);
  });

  // OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, Standard 32Byte key, Q 12345678, PIN 1234.
  it.each([
    [0, '65347737'], [1, '86775851'], [2, '78192410'], [3, '71565254'], [4, '10104329'],
    [5, '65983500'], [6, '70069104'], [7, '91771096'], [8, '75011558'], [9, '08522129'],
  ])('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1, C %i → %s', async (c, value) => {
    expect(await response(KEY32, 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', { counter: c, question: '12345678', passwordHash: PIN_SHA1 })).toBe(value);
  });

  // OCRA-1:HOTP-SHA256-8:QN08-PSHA1, Standard 32Byte key, PIN 1234.
  it.each([
    ['00000000', '83238735'], ['11111111', '01501458'], ['22222222', '17957585'], ['33333333', '86776967'],
    ['44444444', '86807031'],
  ])('OCRA-1:HOTP-SHA256-8:QN08-PSHA1, Q %s → %s', async (q, value) => {
    expect(await response(KEY32, 'OCRA-1:HOTP-SHA256-8:QN08-PSHA1', { question: q, passwordHash: PIN_SHA1 })).toBe(value);
  });

  // OCRA-1:HOTP-SHA512-8:C-QN08, Standard 64Byte key (C written 00000..00009 in the RFC).
  it.each([
    [0, '00000000', '07016083'], [1, '11111111', '63947962'], [2, '22222222', '70123924'],
    [3, '33333333', '25341727'], [4, '44444444', '33203315'], [5, '55555555', '34205738'],
    [6, '66666666', '44343969'], [7, '77777777', '51946085'], [8, '88888888', '20403879'],
    [9, '99999999', '31409299'],
  ])('OCRA-1:HOTP-SHA512-8:C-QN08, C %i Q %s → %s', async (c, q, value) => {
    expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:C-QN08', { counter: c, question: q })).toBe(value);
  });

  // OCRA-1:HOTP-SHA512-8:QN08-T1M, Standard 64Byte key, T 132d0b6.
  it.each([
    ['00000000', '95209754'], ['11111111', '55907591'], ['22222222', '22048402'], ['33333333', '24218844'],
    ['44444444', '36209546'],
  ])('OCRA-1:HOTP-SHA512-8:QN08-T1M, Q %s T 132d0b6 → %s', async (q, value) => {
    expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:QN08-T1M', { question: q, timestamp: T_132D0B6 })).toBe(value);
    // Any instant inside that minute gives the same T.
    expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:QN08-T1M', { question: q, timestamp: T_132D0B6 + 59_999 })).toBe(value);
  });
});

describe('RFC 6287 Appendix C.2 (mutual challenge-response)', () => {
  const pairs = (n: number) => [`CLI2222${n}`, `SRV1111${n}`] as const;

  // Server computation, OCRA-1:HOTP-SHA256-8:QA08, Standard 32Byte key, Q = client ‖ server.
  it.each([[0, '28247970'], [1, '01984843'], [2, '65387857'], [3, '03351211'], [4, '83412541']])(
    'server, OCRA-1:HOTP-SHA256-8:QA08, CLI2222%i SRV1111… → %s', async (n, value) => {
      const [cli, srv] = pairs(n);
      expect(await response(KEY32, 'OCRA-1:HOTP-SHA256-8:QA08', { question: [cli, srv] })).toBe(value);
    });

  // Client computation, OCRA-1:HOTP-SHA256-8:QA08, Q = server ‖ client.
  it.each([[0, '15510767'], [1, '90175646'], [2, '33777207'], [3, '95285278'], [4, '28934924']])(
    'client, OCRA-1:HOTP-SHA256-8:QA08, SRV1111%i CLI2222… → %s', async (n, value) => {
      const [cli, srv] = pairs(n);
      expect(await response(KEY32, 'OCRA-1:HOTP-SHA256-8:QA08', { question: [srv, cli] })).toBe(value);
    });

  // Server computation, OCRA-1:HOTP-SHA512-8:QA08, Standard 64Byte key.
  it.each([[0, '79496648'], [1, '76831980'], [2, '12250499'], [3, '90856481'], [4, '12761449']])(
    'server, OCRA-1:HOTP-SHA512-8:QA08, CLI2222%i SRV1111… → %s', async (n, value) => {
      const [cli, srv] = pairs(n);
      expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:QA08', { question: [cli, srv] })).toBe(value);
    });

  // Client computation, OCRA-1:HOTP-SHA512-8:QA08-PSHA1, Standard 64Byte key, PIN 1234.
  it.each([[0, '18806276'], [1, '70020315'], [2, '01600026'], [3, '18951020'], [4, '32528969']])(
    'client, OCRA-1:HOTP-SHA512-8:QA08-PSHA1, SRV1111%i CLI2222… → %s', async (n, value) => {
      const [cli, srv] = pairs(n);
      expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:QA08-PSHA1', { question: [srv, cli], passwordHash: PIN_SHA1 })).toBe(value);
    });

  it('the concatenated pair is the same input as one string (the reference code concatenates)', async () => {
    const suite = parseOcraSuite('OCRA-1:HOTP-SHA256-8:QA08');
    expect(hex(questionBytes(suite, ['CLI22220', 'SRV11110']))).toBe(hex(ascii('CLI22220SRV11110')) + '00'.repeat(112));
  });
});

describe('RFC 6287 Appendix C.3 (plain signature)', () => {
  // OCRA-1:HOTP-SHA256-8:QA08, Standard 32Byte key.
  it.each([
    ['SIG10000', '53095496'], ['SIG11000', '04110475'], ['SIG12000', '31331128'], ['SIG13000', '76028668'],
    ['SIG14000', '46554205'],
  ])('OCRA-1:HOTP-SHA256-8:QA08, Q %s → %s', async (q, value) => {
    expect(await response(KEY32, 'OCRA-1:HOTP-SHA256-8:QA08', { question: q })).toBe(value);
  });

  // OCRA-1:HOTP-SHA512-8:QA10-T1M, Standard 64Byte key, T 132d0b6.
  it.each([
    ['SIG1000000', '77537423'], ['SIG1100000', '31970405'], ['SIG1200000', '10235557'], ['SIG1300000', '95213541'],
    ['SIG1400000', '65360607'],
  ])('OCRA-1:HOTP-SHA512-8:QA10-T1M, Q %s T 132d0b6 → %s', async (q, value) => {
    expect(await response(KEY64, 'OCRA-1:HOTP-SHA512-8:QA10-T1M', { question: q, timestamp: T_132D0B6 })).toBe(value);
  });
});

describe('question encoding (RFC 6287 §5.1 and the reference code of Appendix A)', () => {
  const suite = (q: string) => parseOcraSuite(`OCRA-1:HOTP-SHA1-6:${q}`);
  it.each([
    // The appendix's numeric questions as the reference code's hex: 11111111 = 0xa98ac7.
    ['QN08', '11111111', 'a98ac7'],
    ['QN08', '00000000', ''],
    ['QN08', '12345678', 'bc614e'],
    // 4096 = 0x1000 (an even number of hex digits) …
    ['QN08', '4096', '1000'],
    // … and 65536 = 0x10000 (odd): the reference pads the hex text on the right, "10000" + "0" → 10 00 00.
    ['QN08', '65536', '100000'],
    ['QH08', 'ABCDEF01', 'abcdef01'],
    ['QH08', 'abc', ''],
    ['QA08', 'SIG10000', '5349473130303030'],
  ])('%s %s → %s then zeros to 128 bytes', (q, question, start) => {
    if (question.length < 4) {
      expect(() => questionBytes(suite(q), question)).toThrow(/question-length/);
      return;
    }
    const bytes = questionBytes(suite(q), question);
    expect(bytes.length).toBe(128);
    expect(hex(bytes).startsWith(start)).toBe(true);
    expect(hex(bytes).slice(start.length)).toMatch(/^0*$/);
  });
});
