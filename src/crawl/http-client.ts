// The HTTP agent of one site's crawl. Every connection it opens goes through resolveChecked:
// the host is canonicalised, resolved once (--resolve first), a private address is refused
// unless this site trusts that origin (host and port), and the socket is opened to exactly the
// addresses that were checked. One agent per site, because undici pools connections per origin:
// a socket opened under site A's trust must never carry a request of site B.
import { Agent, buildConnector } from 'undici';
import { resolveChecked, pinnedLookup, type DnsLookup } from './guarded-resolve.js';
import type { OriginTrust } from './origin-trust.js';
import type { ResolveMap } from './resolve-map.js';

export interface HttpClientOptions {
  resolve: ResolveMap;
  connectTimeoutMs: number;
  /** The origins this site may reach on a private address. */
  trust: OriginTrust;
  /** The system resolver; tests substitute one that answers private addresses for public names. */
  dnsLookup?: DnsLookup;
}

/** undici's connector, preceded by the guard: refused connections fail with code EPRIVATE. */
export function guardedConnector(opts: HttpClientOptions): buildConnector.connector {
  return (o: buildConnector.Options, cb: buildConnector.Callback) => {
    const port = Number(o.port) || (o.protocol === 'https:' ? 443 : 80);
    const started = Date.now();
    resolveChecked(o.hostname, port, { resolve: opts.resolve, trust: opts.trust, dnsLookup: opts.dnsLookup, timeoutMs: opts.connectTimeoutMs }).then(
      (addresses) => {
        // The name stays the socket's host (TLS checks the certificate against it, SNI carries
        // it); the lookup can only answer with what was checked.
        const connect = buildConnector({
          timeout: Math.max(1, opts.connectTimeoutMs - (Date.now() - started)),
          rejectUnauthorized: true,
          lookup: pinnedLookup(addresses) as never,
        });
        connect(o, cb);
      },
      (err: Error) => cb(err, null),
    );
  };
}

export function createAgent(opts: HttpClientOptions): Agent {
  return new Agent({
    connect: guardedConnector(opts),
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 10_000,
    // Small per-origin pools: politeness is enforced above, this only bounds sockets.
    connections: 8,
  });
}
