// Bank serial numbers (4 letters + 7 digits + a Luhn check digit) and code grouping for display.
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
  it('known values', () => {
    // Check digit over "28202928" (S=28 K=20 T=29 S=28) + "0050964".
    expect(makeSerial('SKTS', '0050964')).toBe('SKTS00509645');
    expect(makeSerial('skts', '0050964')).toBe('SKTS00509645');
    // "10101010" + "0000000": the four 1s sit in doubled places, sum 8, check digit 2.
    expect(makeSerial('AAAA', '0000000')).toBe('AAAA00000002');
    expect(isBankSerial('SKTS00509645')).toBe(true);
  });

  it.each(['SKTS00509641', 'SKTS0050964', 'SKTS005096455', 'skts00509645', 'SKT500509645', 'SKTS0050964X', '', 'ＳＫＴＳ00509645'])('refuses %j', (serial) => {
    expect(isBankSerial(serial)).toBe(false);
  });

  it.each([['SKT', '0050964'], ['SKTS1', '0050964'], ['SKTS', '005096'], ['SKTS', '00509645'], ['SK1S', '0050964']])('makeSerial refuses %j + %j', (prefix, digits) => {
    expect(() => makeSerial(prefix, digits)).toThrow(RangeError);
  });

  const prefixArb = fc.stringMatching(/^[A-Z]{4}$/);
  const bodyArb = fc.stringMatching(/^[0-9]{7}$/);

  it('every made serial is valid, by an independent Luhn check too', () => {
    fc.assert(
      fc.property(prefixArb, bodyArb, (prefix, body) => {
        const serial = makeSerial(prefix, body);
        expect(serial).toMatch(/^[A-Z]{4}[0-9]{8}$/);
        expect(isBankSerial(serial)).toBe(true);
        expect(luhnValid(asDigits(serial))).toBe(true);
      }),
      RUNS,
    );
  });

  it('catches every single-character typo', () => {
    fc.assert(
      fc.property(prefixArb, bodyArb, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 25 }), (prefix, body, at, shift) => {
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
      fc.property(prefixArb, bodyArb, fc.integer({ min: 4, max: 10 }), (prefix, body, at) => {
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
