// HOTP/TOTP against an independent implementation (the `otpauth` library) and at the edges of time.
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { HASH_ALGORITHMS } from '../../../src/core/algorithms.ts';
import { counterBytes, hotp, truncate } from '../../../src/core/hotp.ts';
import { nextBoundary, secondsLeft, timeStep, totp } from '../../../src/core/totp.ts';
import { RUNS, hex, webCryptoSign } from './helpers.ts';

const secretArb = fc.uint8Array({ minLength: 10, maxLength: 128 });
const algorithmArb = fc.constantFrom(...HASH_ALGORITHMS);
const digitsArb = fc.integer({ min: 6, max: 8 });
const libSecret = (bytes: Uint8Array) => new OTPAuth.Secret({ buffer: bytes.slice().buffer });

describe('counterBytes (RFC 4226 §5.1: 8-byte big-endian)', () => {
  it.each([
    [0, '0000000000000000'],
    [1, '0000000000000001'],
    [255, '00000000000000ff'],
    [256, '0000000000000100'],
    [2 ** 31, '0000000080000000'], // where `>>` would go negative
    [2 ** 32, '0000000100000000'], // where `>>>` would wrap to 0
    [2 ** 32 + 1, '0000000100000001'],
    [2 ** 53 - 1, '001fffffffffffff'],
  ])('%d -> %s', (counter, expected) => {
    expect(hex(counterBytes(counter))).toBe(expected);
  });

  it.each([-1, 0.5, 2 ** 53, Number.NaN, Infinity])('refuses %d', (counter) => {
    expect(() => counterBytes(counter)).toThrow(RangeError);
  });

  it('matches a BigInt encoding for any safe counter', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (counter) => {
        const view = new DataView(new ArrayBuffer(8));
        view.setBigUint64(0, BigInt(counter));
        expect(counterBytes(counter)).toEqual(new Uint8Array(view.buffer));
      }),
      RUNS,
    );
  });
});

describe('truncate (RFC 4226 §5.3)', () => {
  it('keeps leading zeros', () => {
    // Offset 0 (last nibble 0), value 0x00000001 -> "000001".
    const mac = new Uint8Array(20);
    mac[3] = 1;
    expect(truncate(mac, 6)).toBe('000001');
    expect(truncate(mac, 8)).toBe('00000001');
  });
  it('masks the top bit and uses the offset from the last nibble', () => {
    const mac = new Uint8Array(20).fill(0xff); // offset 15, bytes 15..18 = ff ff ff ff -> 0x7fffffff
    expect(truncate(mac, 10)).toBe('2147483647');
    expect(truncate(mac, 6)).toBe('483647');
  });
  it('refuses a short MAC and impossible digit counts', () => {
    expect(() => truncate(new Uint8Array(19), 6)).toThrow(RangeError);
    expect(() => truncate(new Uint8Array(20), 0)).toThrow(RangeError);
    expect(() => truncate(new Uint8Array(20), 11)).toThrow(RangeError);
  });
});

describe('against the otpauth library', () => {
  it('HOTP agrees over random secrets, algorithms, digits and counters (including > 2^32)', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, algorithmArb, digitsArb, fc.oneof(fc.nat(), fc.maxSafeNat()), async (secret, algorithm, digits, counter) => {
        const ours = await hotp({ sign: await webCryptoSign(secret, algorithm), counter, digits });
        const theirs = OTPAuth.HOTP.generate({ secret: libSecret(secret), algorithm, digits, counter });
        expect(ours).toBe(theirs);
      }),
      RUNS,
    );
  });

  it('TOTP agrees over random secrets, timestamps, algorithms, digits and periods', async () => {
    // Up to the year ~2500 in ms and beyond 2^32 steps with short periods.
    const timestampArb = fc.oneof(fc.integer({ min: 0, max: 2 ** 44 }), fc.integer({ min: 2 ** 32 * 5000, max: 2 ** 50 }));
    await fc.assert(
      fc.asyncProperty(secretArb, algorithmArb, digitsArb, fc.integer({ min: 5, max: 3600 }), timestampArb, async (secret, algorithm, digits, period, timestamp) => {
        const ours = await totp({ sign: await webCryptoSign(secret, algorithm), timestamp, period, digits });
        const theirs = OTPAuth.TOTP.generate({ secret: libSecret(secret), algorithm, digits, period, timestamp });
        expect(ours).toBe(theirs);
      }),
      RUNS,
    );
  });
});

describe('time steps (RFC 6238 §4.2, T0 = 0)', () => {
  it.each([
    // timestamp ms, period, step, seconds left, next boundary
    [0, 30, 0, 30, 30_000],
    [1, 30, 0, 30, 30_000],
    [999, 30, 0, 30, 30_000],
    [1_000, 30, 0, 29, 30_000],
    [29_000, 30, 0, 1, 30_000],
    [29_999, 30, 0, 1, 30_000],
    [30_000, 30, 1, 30, 60_000],
    [59_000, 30, 1, 1, 60_000],
    [59_999, 60, 0, 1, 60_000],
    [4_999, 5, 0, 1, 5_000],
    [3_600_000, 3600, 1, 3600, 7_200_000],
    [20_000_000_000_000, 30, 666_666_666, 10, 20_000_000_010_000],
  ])('at %d ms with period %d: step %d, %d s left, next at %d', (timestamp, period, step, left, next) => {
    expect(timeStep({ timestamp, period })).toBe(step);
    expect(secondsLeft({ timestamp, period })).toBe(left);
    expect(nextBoundary({ timestamp, period })).toBe(next);
  });

  it('defaults to 30 s', () => {
    expect(timeStep({ timestamp: 59_000 })).toBe(1);
    expect(secondsLeft({ timestamp: 59_000 })).toBe(1);
    expect(nextBoundary({ timestamp: 59_000 })).toBe(60_000);
  });

  it('refuses negative or non-finite instants and non-integer periods', () => {
    expect(() => timeStep({ timestamp: -1 })).toThrow(RangeError);
    expect(() => timeStep({ timestamp: Number.NaN })).toThrow(RangeError);
    expect(() => timeStep({ timestamp: 0, period: 0 })).toThrow(RangeError);
    expect(() => secondsLeft({ timestamp: 0, period: 2.5 })).toThrow(RangeError);
  });

  it('step, seconds left and boundary agree with exact integer arithmetic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.integer({ min: 1, max: 3600 }), (timestamp, period) => {
        const ms = BigInt(period) * 1000n;
        const step = BigInt(timestamp) / ms;
        expect(timeStep({ timestamp, period })).toBe(Number(step));
        const next = nextBoundary({ timestamp, period });
        expect(next).toBe(Number((step + 1n) * ms));
        const left = secondsLeft({ timestamp, period });
        expect(left).toBeGreaterThanOrEqual(1);
        expect(left).toBeLessThanOrEqual(period);
        expect(left).toBe(Math.ceil((next - timestamp) / 1000));
        // The step changes exactly at the boundary, not a millisecond before.
        expect(timeStep({ timestamp: next - 1, period })).toBe(Number(step));
        expect(timeStep({ timestamp: next, period })).toBe(Number(step) + 1);
      }),
      RUNS,
    );
  });
});
