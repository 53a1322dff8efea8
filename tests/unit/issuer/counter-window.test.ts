// Event (HOTP) tokens at the bank: look-ahead, replay, and resync from two consecutive codes,
// checked against codes an independent HOTP (node:crypto) computes.
import { describe, expect, it } from 'vitest';
import { webCryptoSign } from '../../../src/issuer/index.ts';
import { candidateCounters, matchCounter } from '../../../src/issuer/counter-window.ts';
import { resyncClock, resyncCounter, RESYNC_WINDOW } from '../../../src/issuer/resync.ts';
import { referenceHotp } from '../../reference-otp.ts';

const SECRET = new TextEncoder().encode('12345678901234567890'); // RFC 4226 Appendix D
const sign = await webCryptoSign(SECRET, 'SHA1');
const code = (counter: number, digits = 6) => referenceHotp(SECRET, counter, { digits });

describe('look-ahead window', () => {
  it('RFC 4226 Appendix D codes verify in order from a fresh token', async () => {
    const appendixD = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    let last = -1;
    for (const [counter, value] of appendixD.entries()) {
      const m = await matchCounter({ sign, code: value, digits: 6, lastCounter: last, lookAhead: 10 });
      expect(m).toEqual({ kind: 'match', step: counter, drift: 0 });
      last = counter;
    }
  });

  it.each([
    [0, 'match'], [3, 'match'], [9, 'match'], [10, 'wrong'], [-1, 'replay'], [-5, 'replay'],
  ] as const)('a code %i presses past the next one is %s', async (ahead, kind) => {
    const last = 20;
    const m = await matchCounter({ sign, code: code(last + 1 + ahead), digits: 6, lastCounter: last, lookAhead: 10 });
    expect(m.kind).toBe(kind);
    if (m.kind === 'match') expect(m.step).toBe(last + 1 + ahead);
  });

  it('8-digit codes, wrong shapes never reach the HMAC', async () => {
    expect((await matchCounter({ sign, code: code(5, 8), digits: 8, lastCounter: 4, lookAhead: 10 })).kind).toBe('match');
    for (const bad of [code(5, 8).slice(1), `${code(5)} `, 'abcdef']) {
      expect((await matchCounter({ sign, code: bad, digits: 6, lastCounter: 4, lookAhead: 10 })).kind).toBe('wrong');
    }
  });

  it('counters are tried from the next one upward', () => {
    expect(candidateCounters(-1, 3)).toEqual([0, 1, 2]);
    expect(candidateCounters(2 ** 32, 2)).toEqual([2 ** 32 + 1, 2 ** 32 + 2]);
  });
});

describe('resync from two consecutive codes', () => {
  it('finds an event token 50 presses ahead (beyond the look-ahead)', async () => {
    const last = 7;
    const at = last + 50;
    expect((await matchCounter({ sign, code: code(at), digits: 6, lastCounter: last, lookAhead: 10 })).kind).toBe('wrong');
    expect(await resyncCounter({ sign, codes: [code(at), code(at + 1)], digits: 6, lastCounter: last })).toEqual({ step: at + 1, drift: 0 });
  });

  it('refuses codes that are not consecutive, reversed, used already, or past the window', async () => {
    const last = 7;
    expect(await resyncCounter({ sign, codes: [code(20), code(22)], digits: 6, lastCounter: last })).toBeNull();
    expect(await resyncCounter({ sign, codes: [code(21), code(20)], digits: 6, lastCounter: last })).toBeNull();
    expect(await resyncCounter({ sign, codes: [code(5), code(6)], digits: 6, lastCounter: last })).toBeNull();
    const past = last + RESYNC_WINDOW.presses + 1;
    expect(await resyncCounter({ sign, codes: [code(past), code(past + 1)], digits: 6, lastCounter: last })).toBeNull();
  });

  it('finds a time token whose clock is 8 minutes behind, and gives its drift', async () => {
    const period = 30;
    const now = 1_700_000_000_000;
    const current = Math.floor(now / 30_000);
    const shown = current - 16; // 8 minutes behind
    expect(await resyncClock({ sign, codes: [code(shown - 1), code(shown)], digits: 6, period, timestamp: now, lastStep: -1 }))
      .toEqual({ step: shown, drift: -16 });
    // 60-second steps, 9 minutes ahead.
    const c60 = Math.floor(now / 60_000);
    expect(await resyncClock({ sign, codes: [code(c60 + 8), code(c60 + 9)], digits: 6, period: 60, timestamp: now, lastStep: -1 }))
      .toEqual({ step: c60 + 9, drift: 9 });
  });

  it('a time token off by more than 10 minutes, or codes at or before the last accepted step, are refused', async () => {
    const now = 1_700_000_000_000;
    const current = Math.floor(now / 30_000);
    expect(await resyncClock({ sign, codes: [code(current - 22), code(current - 21)], digits: 6, period: 30, timestamp: now, lastStep: -1 })).toBeNull();
    expect(await resyncClock({ sign, codes: [code(current - 3), code(current - 2)], digits: 6, period: 30, timestamp: now, lastStep: current - 2 })).toBeNull();
  });
});
