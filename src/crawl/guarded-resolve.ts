// The one check every connection of a crawl passes, the HTTP client's and the browser's alike:
// canonicalise the host, resolve it once (--resolve first, then the system resolver), refuse a
// private address unless this site trusts the origin, and hand back the addresses that were
// checked, which are the only ones the caller may connect to (no second lookup, so no DNS
// rebinding between check and connect). A name that cannot be resolved is refused, never allowed.
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { canonicalHost, isPrivateAddress, isPrivateHostname, PrivateAddressError } from './address-guard.js';
import type { OriginTrust } from './origin-trust.js';
import type { ResolveMap } from './resolve-map.js';

export type DnsLookup = typeof systemLookup;

export interface GuardOptions {
  resolve: ResolveMap;
  trust: OriginTrust;
  /** The system resolver; tests substitute one that answers private addresses for public names. */
  dnsLookup?: DnsLookup;
  /** Longest wait for the resolver. @default 10000 */
  timeoutMs?: number;
}

function coded(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function lookupAll(host: string, dnsLookup: DnsLookup, timeoutMs: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(coded(`resolving ${host} took longer than ${timeoutMs} ms`, 'ETIMEDOUT')), timeoutMs);
    try {
      dnsLookup(host, { all: true }, (err, addresses) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(Array.isArray(addresses) ? addresses : []);
      });
    } catch (err) {
      clearTimeout(timer);
      reject(err as Error);
    }
  });
}

/**
 * The checked addresses for a connection to host:port, in resolver order. Rejects with code
 * EPRIVATE (a private address or name the site does not trust), ENOTFOUND (no such name, or no
 * hostname at all), ETIMEDOUT, or the resolver's own error.
 */
export async function resolveChecked(rawHost: string, port: number, o: GuardOptions): Promise<LookupAddress[]> {
  const host = canonicalHost(rawHost);
  if (!host) throw coded(`${JSON.stringify(rawHost)} is not a hostname`, 'ENOTFOUND');
  const trusted = o.trust.trusts(host, port);
  const family = isIP(host);
  if (family) {
    if (!trusted && isPrivateAddress(host)) throw new PrivateAddressError(host, host);
    return [{ address: host, family }];
  }
  if (!trusted && isPrivateHostname(host)) throw new PrivateAddressError(host);
  const pinned = o.resolve.lookup(host);
  const addresses = pinned
    ? [{ address: pinned, family: isIP(pinned) }]
    : await lookupAll(host, o.dnsLookup ?? systemLookup, o.timeoutMs ?? 10_000);
  if (addresses.length === 0) throw coded(`no address for ${host}`, 'ENOTFOUND');
  // Every answer is checked, not just the first: the caller may fall back to any of them.
  for (const a of addresses) {
    if (!isIP(a.address)) throw coded(`${host} resolved to ${JSON.stringify(a.address)}, not an address`, 'ENOTFOUND');
    if (!trusted && isPrivateAddress(a.address)) throw new PrivateAddressError(host, a.address);
  }
  return addresses.map((a) => ({ address: a.address, family: isIP(a.address) }));
}

/** A lookup function for net.connect that answers with addresses already checked, and nothing else. */
export function pinnedLookup(addresses: readonly LookupAddress[]) {
  return (_host: string, options: { all?: boolean; family?: number | string } | number, cb: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    const all = typeof options === 'object' && options.all === true;
    const wanted = typeof options === 'number' ? options : typeof options === 'object' ? Number(options.family ?? 0) || 0 : 0;
    const fit = wanted ? addresses.filter((a) => a.family === wanted) : [...addresses];
    if (fit.length === 0) return cb(coded(`no IPv${wanted} address among the checked ones`, 'ENOTFOUND'), all ? [] : '', 0);
    if (all) cb(null, fit);
    else cb(null, fit[0]!.address, fit[0]!.family);
  };
}
