// The OCRA suite grammar (RFC 6287 §6) and inputs: typed refusals, properties of the parser, and
// responses checked against a second implementation written the way Appendix A's Java does it
// (hex text concatenated, padded as text, then decoded).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OCRA_LIMITS, OcraSuiteError, formatOcraSuite, parseOcraSuite, type OcraSuite, type OcraSuiteErrorCode } from '../../../src/core/ocra-suite.ts';
import { OcraInputError, ocra, ocraDataInput } from '../../../src/core/ocra.ts';
import type { HashAlgorithm } from '../../../src/core/algorithms.ts';
import { RUNS, hex, webCryptoSign } from './helpers.ts';

function suiteRefusal(text: string): OcraSuiteError {
  try {
    parseOcraSuite(text);
  } catch (error) {
    if (error instanceof OcraSuiteError) return error;
    throw error;
  }
  throw new Error(`accepted ${text}`);
}

describe('suite parser', () => {
  it.each([
    ['OCRA-1:HOTP-SHA1-6:QN08', { hash: 'SHA1', digits: 6, counter: false, question: { format: 'N', maxLength: 8 } }],
    ['OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', { hash: 'SHA256', digits: 8, counter: true, password: 'SHA1' }],
    ['OCRA-1:HOTP-SHA512-8:QN08-T1M', { hash: 'SHA512', timeStep: 60 }],
    ['OCRA-1:HOTP-SHA512-8:QA10-T1M', { question: { format: 'A', maxLength: 10 }, timeStep: 60 }],
    ['OCRA-1:HOTP-SHA1-0:QH64', { digits: 0, question: { format: 'H', maxLength: 64 } }],
    ['OCRA-1:HOTP-SHA1-10:QN04', { digits: 10, question: { format: 'N', maxLength: 4 } }],
    ['OCRA-1:HOTP-SHA256-6:C-QA64-PSHA512-S512-T48H', { counter: true, password: 'SHA512', sessionBytes: 512, timeStep: 48 * 3600 }],
    ['OCRA-1:HOTP-SHA1-6:QN08-S064', { sessionBytes: 64 }],
    ['OCRA-1:HOTP-SHA1-6:QN08-T30S', { timeStep: 30 }],
    ['OCRA-1:HOTP-SHA1-6:QN08-T59M', { timeStep: 59 * 60 }],
  ])('%s', (text, parts) => {
    expect(parseOcraSuite(text)).toMatchObject({ text, ...parts });
  });

  it.each<[string, OcraSuiteErrorCode]>([
    ['x'.repeat(65), 'too-long'],
    ['OCRA-1:HOTP-SHA1-6', 'bad-shape'],
    ['OCRA-1:HOTP-SHA1-6:QN08:X', 'bad-shape'],
    ['OCRA-2:HOTP-SHA1-6:QN08', 'bad-version'],
    ['ocra-1:HOTP-SHA1-6:QN08', 'bad-version'],
    ['OCRA-1:TOTP-SHA1-6:QN08', 'bad-crypto-function'],
    ['OCRA-1:HOTP-SHA1:QN08', 'bad-crypto-function'],
    ['OCRA-1:HOTP-MD5-6:QN08', 'bad-hash'],
    ['OCRA-1:HOTP-sha1-6:QN08', 'bad-crypto-function'],
    ['OCRA-1:HOTP-SHA1-3:QN08', 'bad-truncation'],
    ['OCRA-1:HOTP-SHA1-11:QN08', 'bad-truncation'],
    ['OCRA-1:HOTP-SHA1-06:QN08', 'bad-truncation'],
    ['OCRA-1:HOTP-SHA1-6:C', 'missing-question'],
    ['OCRA-1:HOTP-SHA1-6:T1M', 'missing-question'],
    ['OCRA-1:HOTP-SHA1-6:', 'missing-question'],
    ['OCRA-1:HOTP-SHA1-6:QX08', 'bad-question'],
    ['OCRA-1:HOTP-SHA1-6:QN03', 'bad-question'],
    ['OCRA-1:HOTP-SHA1-6:QN65', 'bad-question'],
    ['OCRA-1:HOTP-SHA1-6:QN8', 'bad-question'],
    ['OCRA-1:HOTP-SHA1-6:Qn08', 'bad-question'],
    ['OCRA-1:HOTP-SHA1-6:QN08-PSHA3', 'bad-password'],
    ['OCRA-1:HOTP-SHA1-6:QN08-P', 'bad-password'],
    ['OCRA-1:HOTP-SHA1-6:QN08-S000', 'bad-session'],
    ['OCRA-1:HOTP-SHA1-6:QN08-S513', 'bad-session'],
    ['OCRA-1:HOTP-SHA1-6:QN08-S64', 'bad-session'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T0M', 'bad-time-step'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T0H', 'bad-time-step'], // erratum 3729: hours are 1–48
    ['OCRA-1:HOTP-SHA1-6:QN08-T49H', 'bad-time-step'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T60S', 'bad-time-step'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1D', 'bad-time-step'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T01M', 'bad-time-step'],
    ['OCRA-1:HOTP-SHA1-6:QN08-C', 'bad-data-input'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1', 'bad-data-input'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1M-T1M', 'bad-data-input'],
    ['OCRA-1:HOTP-SHA1-6:C-C-QN08', 'missing-question'],
    ['OCRA-1:HOTP-SHA1-6:QN08-QN08', 'bad-data-input'],
    ['OCRA-1:HOTP-SHA1-6:QN08-', 'bad-data-input'],
  ])('refuses %s: %s', (text, code) => {
    expect(suiteRefusal(text).code).toBe(code);
  });

  const partsArb: fc.Arbitrary<Omit<OcraSuite, 'text'>> = fc
    .record({
      hash: fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.constantFrom(0, 4, 5, 6, 7, 8, 9, 10),
      counter: fc.boolean(),
      question: fc.record({ format: fc.constantFrom('A' as const, 'N' as const, 'H' as const), maxLength: fc.integer({ min: 4, max: 64 }) }),
      password: fc.option(fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'), { nil: undefined }),
      sessionBytes: fc.option(fc.integer({ min: 1, max: 512 }), { nil: undefined }),
      timeStep: fc.option(
        fc.oneof(fc.integer({ min: 1, max: 59 }), fc.integer({ min: 1, max: 59 }).map((m) => m * 60), fc.integer({ min: 1, max: 48 }).map((h) => h * 3600)),
        { nil: undefined },
      ),
    })
    .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Omit<OcraSuite, 'text'>);

  it('parse(format(parts)) gives the parts back, and format(parse(text)) the text', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const text = formatOcraSuite(parts);
        const parsed = parseOcraSuite(text);
        expect(parsed).toEqual({ text, ...parts });
        expect(formatOcraSuite(parsed)).toBe(text);
      }),
      RUNS,
    );
  });

  it('any text is either a suite that formats back to itself or an OcraSuiteError', () => {
    const piece = fc.constantFrom('OCRA-1', 'HOTP', 'SHA1', 'SHA256', 'SHA512', 'C', 'QN08', 'QA', 'QH64', 'P', 'S064', 'T1M', 'T', '-', ':', '0', '6', '10', 'x', '');
    const textArb = fc.oneof(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), fc.string({ maxLength: 70 }));
    fc.assert(
      fc.property(textArb, (text) => {
        let parsed: OcraSuite | undefined;
        try {
          parsed = parseOcraSuite(text);
        } catch (error) {
          expect(error).toBeInstanceOf(OcraSuiteError);
          return;
        }
        expect(formatOcraSuite(parsed)).toBe(text);
      }),
      RUNS,
    );
  });

  it('a valid suite with one character changed is refused or is another valid suite', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(), fc.constantFrom(...'ACHMNPQST-:0123456789x'.split('')), (parts, at, ch) => {
        const text = formatOcraSuite(parts);
        const i = at % text.length;
        const changed = text.slice(0, i) + ch + text.slice(i + 1);
        try {
          expect(parseOcraSuite(changed).text).toBe(changed);
        } catch (error) {
          expect(error).toBeInstanceOf(OcraSuiteError);
        }
      }),
      RUNS,
    );
  });
});

// ---- a second implementation, as RFC 6287 Appendix A builds the message: hex text throughout.
const HASH_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;
function textHex(text: string): string {
  return hex(new TextEncoder().encode(text));
}
function referenceMessage(suite: OcraSuite, q: string, counter: number, password: Uint8Array, session: Uint8Array, timestamp: number): string {
  let msg = textHex(suite.text) + '00';
  if (suite.counter) msg += counter.toString(16).padStart(16, '0');
  const qHex = suite.question.format === 'N' ? BigInt(q).toString(16) : suite.question.format === 'H' ? q.toLowerCase() : textHex(q);
  msg += qHex.padEnd(256, '0');
  if (suite.password) msg += hex(password);
  if (suite.sessionBytes) msg += hex(session);
  if (suite.timeStep) msg += Math.floor(timestamp / 1000 / suite.timeStep).toString(16).padStart(16, '0');
  return msg;
}
function referenceTruncate(mac: Uint8Array, digits: number): string {
  if (digits === 0) return hex(mac);
  const o = mac[mac.length - 1]! & 15;
  const bin = ((mac[o]! & 0x7f) << 24) | (mac[o + 1]! << 16) | (mac[o + 2]! << 8) | mac[o + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

describe('responses against the Appendix A way of building the input', () => {
  it('random suites, keys and inputs agree', async () => {
    const suiteArb = fc.record({
      hash: fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.constantFrom(0, 4, 6, 8, 10),
      counter: fc.boolean(),
      format: fc.constantFrom('A' as const, 'N' as const, 'H' as const),
      maxLength: fc.integer({ min: 4, max: 64 }),
      password: fc.option(fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'), { nil: undefined }),
      sessionBytes: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
      timeStep: fc.option(fc.constantFrom(30, 60, 3600), { nil: undefined }),
    });
    const chars = { N: '0123456789', H: '0123456789abcdefABCDEF', A: 'abcXYZ0189' };
    await fc.assert(
      fc.asyncProperty(
        suiteArb, fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.maxSafeNat(), fc.nat({ max: 4_000_000_000_000 }),
        fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 80, maxLength: 80 }),
        async (s, key, counter, timestamp, picks, sessionPool) => {
          const { format, maxLength, ...rest } = s;
          const parts = Object.fromEntries(Object.entries({ ...rest, question: { format, maxLength } }).filter(([, v]) => v !== undefined)) as Omit<OcraSuite, 'text'>;
          const suite = parseOcraSuite(formatOcraSuite(parts));
          const length = OCRA_LIMITS.minQuestion + (picks[0]! % (maxLength - OCRA_LIMITS.minQuestion + 1));
          const q = picks.slice(0, length).map((p) => chars[format][p % chars[format].length]).join('');
          const password = suite.password ? sessionPool.slice(0, HASH_BYTES[suite.password]) : new Uint8Array();
          const session = sessionPool.slice(0, suite.sessionBytes ?? 0);
          const sign = await webCryptoSign(key, suite.hash);
          const message = Uint8Array.from(referenceMessage(suite, q, counter, password, session, timestamp).match(/../g)!, (b) => parseInt(b, 16));
          const expected = referenceTruncate(await sign(message), suite.digits);
          const got = await ocra({
            sign, suite, question: q, counter,
            ...(suite.password ? { passwordHash: password } : {}),
            ...(suite.sessionBytes ? { session } : {}),
            timestamp,
          });
          expect(got).toBe(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('inputs a suite cannot take', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  async function refusalOf(suite: string, input: Omit<Parameters<typeof ocra>[0], 'sign' | 'suite'>): Promise<string> {
    try {
      await ocra({ sign: await webCryptoSign(key), suite, ...input });
    } catch (error) {
      if (error instanceof OcraInputError) return error.code;
      throw error;
    }
    return 'accepted';
  }
  it.each([
    ['OCRA-1:HOTP-SHA1-6:QN08', { question: '123456789' }, 'question-length'],
    ['OCRA-1:HOTP-SHA1-6:QN08', { question: '123' }, 'question-length'],
    ['OCRA-1:HOTP-SHA1-6:QN08', { question: '1234abcd' }, 'question-charset'],
    ['OCRA-1:HOTP-SHA1-6:QN08', { question: '１２３４５６' }, 'question-charset'],
    ['OCRA-1:HOTP-SHA1-6:QH08', { question: '12345G' }, 'question-charset'],
    ['OCRA-1:HOTP-SHA1-6:QA08', { question: 'ab cd' }, 'question-charset'],
    ['OCRA-1:HOTP-SHA1-6:QA08', { question: ['abcd', 'abcdefghi'] as const }, 'question-length'],
    ['OCRA-1:HOTP-SHA1-6:C-QN08', { question: '12345678' }, 'counter'],
    ['OCRA-1:HOTP-SHA1-6:C-QN08', { question: '12345678', counter: -1 }, 'counter'],
    ['OCRA-1:HOTP-SHA1-6:QN08-PSHA256', { question: '12345678', passwordHash: new Uint8Array(20) }, 'password'],
    ['OCRA-1:HOTP-SHA1-6:QN08-S064', { question: '12345678', session: new Uint8Array(63) }, 'session'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1M', { question: '12345678' }, 'timestamp'],
    ['OCRA-1:HOTP-SHA1-6:QN08-T1M', { question: '12345678', timestamp: Number.NaN }, 'timestamp'],
  ])('%s with %o: %s', async (suite, input, code) => {
    expect(await refusalOf(suite, input)).toBe(code);
  });

  it('truncation 0 answers with the whole HMAC in hex (erratum 5625)', async () => {
    const sign = await webCryptoSign(key);
    const suite = parseOcraSuite('OCRA-1:HOTP-SHA1-0:QN08');
    const value = await ocra({ sign, suite, question: '12345678' });
    expect(value).toMatch(/^[0-9a-f]{40}$/);
    expect(value).toBe(hex(await sign(ocraDataInput(suite, { question: '12345678' }))));
  });
});
