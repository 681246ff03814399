// Keeps the crawler and the browser away from loopback, private, link-local and metadata
// addresses: a public page linking to 127.0.0.1 or to a name that resolves to 10.0.0.5 must not
// make us reach it. Addresses are judged by what a socket to them reaches: an IPv6 form that
// carries an IPv4 address (mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d, the deprecated
// IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::) is judged by that
// IPv4 address, in hex as in dotted form (::ffff:7f00:1 is 127.0.0.1).
import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const v4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) v4.addSubnet(net, bits, 'ipv4');

const v6 = new BlockList();
for (const [net, bits] of [
  ['::', 128], ['::1', 128],
  ['100::', 64], // discard-only
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates into the operator's own IPv4 network
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some stacks)
  ['ff00::', 8], // multicast
] as const) v6.addSubnet(net, bits, 'ipv6');

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'localhost']);

/** The 16 bytes of an IPv6 address (with or without an embedded dotted quad), or undefined. */
export function ipv6Bytes(address: string): Uint8Array | undefined {
  const a = address.replace(/%.*$/, '');
  if (isIP(a) !== 6) return undefined;
  let head = a;
  const tail: number[] = [];
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (quad) {
    const parts = quad.slice(1).map(Number);
    tail.push(((parts[0]! << 8) | parts[1]!), ((parts[2]! << 8) | parts[3]!));
    head = a.slice(0, quad.index) + '0:0'; // placeholder groups, replaced below
  }
  const [left, right] = head.includes('::') ? head.split('::') as [string, string] : [head, undefined];
  const groups = (s: string): number[] => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const all = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  if (all.length !== 8) return undefined;
  if (tail.length) all.splice(6, 2, ...tail);
  const out = new Uint8Array(16);
  all.forEach((g, i) => { out[i * 2] = g >> 8; out[i * 2 + 1] = g & 0xff; });
  return out;
}

const zero = (b: Uint8Array, from: number, to: number): boolean => b.subarray(from, to).every((x) => x === 0);
const dotted = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one. */
export function embeddedIPv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  if (!b) return undefined;
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (SIIT translated)
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return dotted(b, 12);
  if (zero(b, 0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return dotted(b, 12);
  // ::a.b.c.d (IPv4-compatible, deprecated; :: and ::1 land in 0.0.0.0/8, private either way)
  if (zero(b, 0, 12)) return dotted(b, 12);
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(b, 4, 12)) return dotted(b, 12);
  // 2002:aabb:ccdd::/48 (6to4)
  if (b[0] === 0x20 && b[1] === 0x02) return dotted(b, 2);
  return undefined;
}

/**
 * True when the address is not a public unicast address. Anything that is not a well-formed IP
 * address is private too: the guard fails closed.
 */
export function isPrivateAddress(address: string): boolean {
  const a = address.trim().replace(/^\[(.*)\]$/, '$1');
  const family = isIP(a.replace(/%.*$/, ''));
  if (family === 4) return v4.check(a, 'ipv4');
  if (family !== 6) return true;
  // A zone index (fe80::1%eth0) only exists for link-scoped addresses.
  if (a.includes('%')) return true;
  const carried = embeddedIPv4(a);
  if (carried !== undefined) return v4.check(carried, 'ipv4') || v6.check(a, 'ipv6');
  return v6.check(a, 'ipv6');
}

/**
 * The form every check compares: no brackets, no trailing dot, lower case, IDNA (punycode) for
 * names, WHATWG serialisation for IP literals (127.1 is 127.0.0.1, [::FFFF:127.0.0.1] is
 * ::ffff:7f00:1). Undefined for what is no hostname at all, which callers refuse.
 */
export function canonicalHost(raw: string): string | undefined {
  let h = raw.trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.includes(':')) {
    if (isIP(h) !== 6) return undefined;
    try {
      return new URL(`http://[${h}]/`).hostname.slice(1, -1);
    } catch {
      return undefined;
    }
  }
  h = h.replace(/\.+$/, '');
  if (!h) return undefined;
  const ascii = domainToASCII(h);
  if (!ascii) return undefined;
  const out = ascii.toLowerCase().replace(/\.+$/, '');
  return out || undefined;
}

/** Hostnames that name this machine or a cloud metadata service without any lookup. */
export function isPrivateHostname(hostname: string): boolean {
  const h = canonicalHost(hostname);
  if (h === undefined) return true;
  if (isIP(h)) return isPrivateAddress(h);
  return METADATA_HOSTS.has(h) || h.endsWith('.localhost') || h.endsWith('.internal');
}

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
  constructor(host: string, address?: string) {
    super(address === undefined ? `${host} names this machine or a metadata service`
      : address === host ? `${host} is a private address` : `${host} resolves to private address ${address}`);
  }
}
