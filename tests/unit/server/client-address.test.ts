// The client address behind proxies: the first untrusted hop from the right; IPv6 per /64.
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, rateKey } from '../../../server/client-address.ts';

describe('clientAddressResolver', () => {
  it('without trusted proxies, X-Forwarded-For is ignored', () => {
    expect(clientAddressResolver(0)('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('with one proxy, the rightmost hop is the client; a forged left part changes nothing', () => {
    const r = clientAddressResolver(1);
    expect(r('10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
    expect(r('10.0.0.2', '1.1.1.1, 2.2.2.2, 198.51.100.7')).toBe('198.51.100.7');
    expect(r('10.0.0.2', undefined)).toBe('10.0.0.2');
    expect(r('10.0.0.2', 'garbage')).toBe('10.0.0.2');
  });

  it('with two proxies, the second hop from the right', () => {
    expect(clientAddressResolver(2)('10.0.0.2', 'forged, 198.51.100.7, 10.0.0.1')).toBe('198.51.100.7');
  });

  it('with CIDRs, trusted hops are skipped from the right; a socket outside them is the client', () => {
    const r = clientAddressResolver(['10.0.0.0/8', '::1']);
    expect(r('10.1.1.1', 'forged, 198.51.100.7, 10.0.0.5')).toBe('198.51.100.7');
    expect(r('::ffff:10.1.1.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(r('203.0.113.1', '198.51.100.7')).toBe('203.0.113.1');
    expect(r('::1', '2001:db8::1')).toBe('2001:db8::1');
  });
});

describe('rateKey', () => {
  it('counts IPv6 per /64 and IPv4 per address', () => {
    expect(rateKey('2001:db8:1:2:aaaa::1')).toBe(rateKey('2001:db8:1:2:ffff:1:2:3'));
    expect(rateKey('2001:db8:1:2::1')).not.toBe(rateKey('2001:db8:1:3::1'));
    expect(rateKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateKey('198.51.100.7')).toBe('198.51.100.7');
  });
});
