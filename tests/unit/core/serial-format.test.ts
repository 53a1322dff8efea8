// Bank serial numbers (4 letters + 9 digits + a Luhn check digit; the older 7-digit body still valid)
// and code grouping for display.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../../src/core/format.ts';
import { isBankSerial, makeSerial } from '../../../src/core/serial.ts';
import { RUNS } from './helpers.ts';

/** An independent Luhn check (ISO/IEC 7812-1): valid when the doubled-alternate sum ends in 0. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}
const asDigits = (serial: string) => [...serial].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');

describe('bank serials', () => {
  const prefixArb = fc.stringMatching(/^[A-Z]{4}$/);
  const bodyArb = fc.stringMatching(/^[0-9]{9}$/);

  it('known values', () => {
    // Check digit over "28202928" (S=28 K=20 T=29 S=28) + "005096412".
    expect(makeSerial('SKTS', '005096412')).toBe('SKTS0050964120');
    expect(makeSerial('skts', '005096412')).toBe('SKTS0050964120');
    // "10101010" + "000000000": the four 1s sit in doubled places, sum 8, check digit 2.
    expect(makeSerial('AAAA', '000000000')).toBe('AAAA0000000002');
    expect(makeSerial('SKTS', '999999999')).toBe('SKTS9999999998');
    expect(isBankSerial('SKTS0050964120')).toBe(true);
  });

  it('serials of the older 7-digit body stay valid (databases and phones that hold them)', () => {
    // Check digit over "28202928" + "0050964".
    expect(isBankSerial('SKTS00509645')).toBe(true);
    expect(isBankSerial('AAAA00000002')).toBe(true);
    expect(isBankSerial('SKTS00509641')).toBe(false);
  });

  it('every older-form serial with its Luhn digit is valid', () => {
    fc.assert(
      fc.property(prefixArb, fc.stringMatching(/^[0-9]{7}$/), (prefix, body) => {
        const check = [...'0123456789'].find((d) => luhnValid(asDigits(prefix + body + d)))!;
        expect(isBankSerial(prefix + body + check)).toBe(true);
      }),
      RUNS,
    );
  });

  it.each([
    'SKTS0050964121', 'SKTS005096412', 'SKTS00509641200', 'skts0050964120', 'SKT50050964120', 'SKTS005096412X', '', 'ＳＫＴＳ0050964120',
    // Older form: wrong check digit, 8 or 10 body digits (neither form), lower case.
    'SKTS00509641', 'SKTS0050964', 'SKTS005096455', 'skts00509645', 'SKT500509645', 'SKTS0050964X', 'ＳＫＴＳ00509645',
  ])('refuses %j', (serial) => {
    expect(isBankSerial(serial)).toBe(false);
  });

  it.each([['SKT', '005096412'], ['SKTS1', '005096412'], ['SKTS', '00509641'], ['SKTS', '0050964120'], ['SK1S', '005096412'], ['SKTS', '0050964']])('makeSerial refuses %j + %j', (prefix, digits) => {
    expect(() => makeSerial(prefix, digits)).toThrow(RangeError);
  });


  it('every made serial is valid, by an independent Luhn check too', () => {
    fc.assert(
      fc.property(prefixArb, bodyArb, (prefix, body) => {
        const serial = makeSerial(prefix, body);
        expect(serial).toMatch(/^[A-Z]{4}[0-9]{10}$/);
        expect(isBankSerial(serial)).toBe(true);
        expect(luhnValid(asDigits(serial))).toBe(true);
      }),
      RUNS,
    );
  });

  it('catches every single-character typo', () => {
    fc.assert(
      fc.property(prefixArb, bodyArb, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1, max: 25 }), (prefix, body, at, shift) => {
        const serial = makeSerial(prefix, body);
        const c = serial[at]!;
        const typo = at < 4 ? String.fromCharCode(65 + ((c.charCodeAt(0) - 65 + shift) % 26)) : String((Number(c) + (shift % 9) + 1) % 10);
        const wrong = serial.slice(0, at) + typo + serial.slice(at + 1);
        // Letters map to two digits, so a letter typo can rarely keep the Luhn sum; digits never.
        if (at >= 4) expect(isBankSerial(wrong)).toBe(false);
        else expect(isBankSerial(wrong)).toBe(luhnValid(asDigits(wrong)));
      }),
      RUNS,
    );
  });

  it('catches swapped adjacent digits except 0<->9 (a known Luhn limit)', () => {
    fc.assert(
      fc.property(prefixArb, bodyArb, fc.integer({ min: 4, max: 12 }), (prefix, body, at) => {
        const serial = makeSerial(prefix, body);
        const [a, b] = [serial[at]!, serial[at + 1]!];
        fc.pre(a !== b && !(`${a}${b}` === '09' || `${a}${b}` === '90'));
        expect(isBankSerial(serial.slice(0, at) + b + a + serial.slice(at + 2))).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('groupDigits', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['012345', '012 345'],
    ['1234', '1234'],
    ['', ''],
  ])('%j -> %j', (code, grouped) => {
    expect(groupDigits(code)).toBe(grouped);
  });

  it('only inserts one space and keeps every digit in order', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{5,10}$/), (code) => {
        const grouped = groupDigits(code);
        expect(grouped.replace(' ', '')).toBe(code);
        expect(grouped.split(' ')).toHaveLength(2);
      }),
      RUNS,
    );
  });
});
