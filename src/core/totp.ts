/** TOTP, RFC 6238 (https://www.rfc-editor.org/rfc/rfc6238): HOTP over the time step. Time is always a parameter. */
import type { Sign } from './algorithms.ts';
import { hotp } from './hotp.ts';

function stepMs(period: number): number {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer of seconds, got ${period}`);
  return period * 1000;
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isFinite(timestamp) || timestamp < 0) throw new RangeError(`timestamp must be ms since the epoch, got ${timestamp}`);
}

/** T of RFC 6238 §4.2: whole periods since the Unix epoch (T0 = 0). `timestamp` in ms. */
export function timeStep({ timestamp, period = 30 }: { timestamp: number; period?: number }): number {
  checkTimestamp(timestamp);
  return Math.floor(timestamp / stepMs(period));
}

/** The ms instant at which the next step begins (where a display should refresh). */
export function nextBoundary({ timestamp, period = 30 }: { timestamp: number; period?: number }): number {
  return (timeStep({ timestamp, period }) + 1) * stepMs(period);
}

/** Whole seconds left in the current step, rounded up: `period` right at a boundary, 1 in its last second. */
export function secondsLeft({ timestamp, period = 30 }: { timestamp: number; period?: number }): number {
  const left = nextBoundary({ timestamp, period }) - timestamp;
  return Math.min(period, Math.max(1, Math.ceil(left / 1000)));
}

/** TOTP value at `timestamp` (ms). */
export function totp({ sign, timestamp, period = 30, digits = 6 }: { sign: Sign; timestamp: number; period?: number; digits?: number }): Promise<string> {
  return hotp({ sign, counter: timeStep({ timestamp, period }), digits });
}
