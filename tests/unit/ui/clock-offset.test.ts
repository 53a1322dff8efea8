// The clock check reads the origin's Date header; these pin down what it trusts and what it ignores.
import { describe, expect, it } from 'vitest';
import { measureOffset, offsetFromResponse } from '../../../src/ui/clock-check/clock-offset.ts';

const at = (iso: string) => Date.parse(iso);

describe('offsetFromResponse', () => {
  it('is device minus origin, taking the origin mid-second and the device mid-request', () => {
    const origin = 'Tue, 01 Dec 2026 12:00:00 GMT';
    const sent = at('2026-12-01T12:00:30.000Z');
    // Device 30 s fast; request took 200 ms: device instant 30.1 s, origin instant 0.5 s.
    expect(offsetFromResponse(new Headers({ date: origin }), sent, sent + 200)).toBe(29_600);
    const slow = at('2026-11-30T23:58:00.000Z'); // device 12 h 2 min slow
    expect(offsetFromResponse(new Headers({ date: origin }), slow, slow)).toBe(slow - at('2026-12-01T12:00:00.500Z'));
  });

  it('says nothing without a Date, with an unreadable one, or when a cache answered (Age > 0)', () => {
    const now = at('2026-12-01T12:00:00Z');
    expect(offsetFromResponse(new Headers(), now, now)).toBeUndefined();
    expect(offsetFromResponse(new Headers({ date: 'yesterday-ish' }), now, now)).toBeUndefined();
    expect(offsetFromResponse(new Headers({ date: 'Tue, 01 Dec 2026 11:00:00 GMT', age: '3600' }), now, now)).toBeUndefined();
    expect(offsetFromResponse(new Headers({ date: 'Tue, 01 Dec 2026 12:00:00 GMT', age: '0' }), now, now)).toBe(-500);
  });
});

describe('measureOffset', () => {
  const response = (headers: Record<string, string>, status = 200) => new Response(null, { status, headers });

  it('asks the origin with an uncached HEAD and a fresh query', async () => {
    const calls: { url: string; init?: RequestInit }[] = [];
    const fetcher = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return response({ date: new Date(Date.now()).toUTCString() });
    }) as typeof fetch;
    const offset = await measureOffset(fetcher);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toMatch(/^\/\?clock-check=\d+$/);
    expect(calls[0]!.init).toMatchObject({ method: 'HEAD', cache: 'no-store', credentials: 'omit' });
    expect(Math.abs(offset!)).toBeLessThanOrEqual(1500); // same machine: within the header's one-second grain
  });

  it('says nothing for an error status', async () => {
    const fetcher = (async () => response({ date: new Date().toUTCString() }, 503)) as unknown as typeof fetch;
    expect(await measureOffset(fetcher)).toBeUndefined();
  });
});
