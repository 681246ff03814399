// The one HTTP agent a crawl uses. Its DNS lookup applies --resolve and refuses private
// addresses for hosts that were not explicitly trusted, at connect time, so a hostname that
// resolves to 10.x is never reached whatever page linked to it.
import { Agent } from 'undici';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { ResolveMap } from './resolve-map.js';
import { isPrivateAddress, PrivateAddressError } from './address-guard.js';

export interface HttpClientOptions {
  resolve: ResolveMap;
  allowPrivate: boolean;
  connectTimeoutMs: number;
  /** Hosts allowed to resolve to private addresses (seed hosts). */
  trustedHosts: Set<string>;
  /** The system resolver; tests substitute one that answers private addresses for public names. */
  dnsLookup?: typeof dnsLookup;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export function createLookup(opts: HttpClientOptions) {
  return function lookup(hostname: string, options: { all?: boolean; family?: number } | number, cb: LookupCallback): void {
    const all = typeof options === 'object' && options.all === true;
    const reply = (address: string): void => {
      const family = isIP(address);
      if (all) cb(null, [{ address, family }]);
      else cb(null, address, family);
    };
    const pinned = opts.resolve.lookup(hostname);
    if (pinned) return reply(pinned);
    (opts.dnsLookup ?? dnsLookup)(hostname, { all: true }, (err, addresses) => {
      if (err) return cb(err, all ? [] : '', 0);
      const trusted = opts.allowPrivate || opts.trustedHosts.has(hostname.toLowerCase());
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad && !trusted) return cb(new PrivateAddressError(hostname, bad.address) as NodeJS.ErrnoException, all ? [] : '', 0);
      if (all) return cb(null, addresses);
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      cb(null, first.address, first.family);
    });
  };
}

export function createAgent(opts: HttpClientOptions): Agent {
  return new Agent({
    connect: { timeout: opts.connectTimeoutMs, lookup: createLookup(opts) as never, rejectUnauthorized: true },
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 10_000,
    // Small per-origin pools: politeness is enforced above, this only bounds sockets.
    connections: 8,
  });
}
