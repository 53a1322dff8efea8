/**
 * The client's address behind reverse proxies: the first hop from the right of X-Forwarded-For
 * that is not one of ours (a client can write anything on the left). TRUST_PROXY is either the
 * number of our proxies or their addresses/CIDRs (server/config.ts). IPv6 clients are counted per
 * /64 (`rateKey`): one subscriber usually holds a whole /64.
 */
import net from 'node:net';

export type TrustProxy = number | string[];

function parseCidr(cidr: string): net.BlockList {
  const list = new net.BlockList();
  const [addr, bits] = cidr.split('/');
  const family = net.isIPv6(addr!) ? 'ipv6' : 'ipv4';
  if (bits === undefined) list.addAddress(addr!, family);
  else list.addSubnet(addr!, Number(bits), family);
  return list;
}

/** Strip an IPv4-mapped IPv6 prefix, so one client has one form. */
function canonical(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Whether the socket's peer is one of our proxies (any peer, when TRUST_PROXY is a count). */
export function trustedPeer(trust: TrustProxy): (socketAddress: string) => boolean {
  if (typeof trust === 'number') return () => trust > 0;
  const lists = trust.map(parseCidr);
  return (address) => {
    const a = canonical(address);
    const family = net.isIPv6(a) ? 'ipv6' : net.isIPv4(a) ? 'ipv4' : null;
    return family !== null && lists.some((l) => l.check(a, family));
  };
}

export function clientAddressResolver(trust: TrustProxy): (socketAddress: string, forwardedFor: string | undefined) => string {
  const lists = Array.isArray(trust) ? trust.map(parseCidr) : [];
  const trusted = (address: string) => {
    const family = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : null;
    return family !== null && lists.some((l) => l.check(address, family));
  };
  return (socketAddress, forwardedFor) => {
    const socket = canonical(socketAddress);
    if (trust === 0 || (Array.isArray(trust) && !trusted(socket))) return socket;
    const hops = (forwardedFor ?? '').split(',').map((h) => canonical(h.trim())).filter(Boolean);
    if (typeof trust === 'number') {
      // The socket is our last proxy; the hops it and the others appended are the rightmost trust-1.
      const index = hops.length - trust;
      return index >= 0 && net.isIP(hops[index]!) ? hops[index]! : socket;
    }
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!net.isIP(hop)) return socket;
      if (!trusted(hop)) return hop;
    }
    return socket;
  };
}

/** The key a per-address limit counts under: the address, or its /64 for IPv6. */
export function rateKey(address: string): string {
  if (!net.isIPv6(address)) return address;
  const list = new net.SocketAddress({ address, family: 'ipv6' });
  const groups = expandIpv6(list.address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array.from({ length: 8 - h.length - t.length }, () => '0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
