// curl-style --resolve: HOST=ADDRESS pins a hostname (or every subdomain, with *.HOST) to an
// address, so tests and the demo can crawl realistic hostnames served on loopback.
import { isIP } from 'node:net';
import { OptionError } from './crawl-options.js';

export interface ResolveEntry {
  host: string;
  /** true for `*.HOST`: the host itself and all its subdomains. */
  wildcard: boolean;
  address: string;
}

export function parseResolveEntry(spec: string): ResolveEntry {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new OptionError(`--resolve expects HOST=ADDRESS, got ${JSON.stringify(spec)}`);
  let host = spec.slice(0, eq).trim().toLowerCase();
  const address = spec.slice(eq + 1).trim().replace(/^\[(.*)\]$/, '$1');
  if (!isIP(address)) throw new OptionError(`--resolve ${JSON.stringify(spec)}: "${address}" is not an IP address`);
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(2);
  if (!/^[a-z0-9.-]+$/.test(host) || host.startsWith('.') || host.endsWith('.')) {
    throw new OptionError(`--resolve ${JSON.stringify(spec)}: "${host}" is not a hostname`);
  }
  return { host, wildcard, address };
}

export class ResolveMap {
  private readonly exact = new Map<string, string>();
  private readonly wild: ResolveEntry[] = [];

  constructor(specs: readonly string[] = []) {
    for (const spec of specs) {
      const e = parseResolveEntry(spec);
      if (e.wildcard) this.wild.push(e);
      else this.exact.set(e.host, e.address);
    }
  }

  /** The pinned address for a hostname, or undefined. Exact entries win over wildcards. */
  lookup(hostname: string): string | undefined {
    const host = hostname.toLowerCase();
    const hit = this.exact.get(host);
    if (hit) return hit;
    for (const e of this.wild) if (host === e.host || host.endsWith('.' + e.host)) return e.address;
    return undefined;
  }

  has(hostname: string): boolean {
    return this.lookup(hostname) !== undefined;
  }

  /** Chromium's --host-resolver-rules equivalent, for the browser stage. */
  toHostResolverRules(): string {
    const rules = [...this.exact].map(([h, a]) => `MAP ${h} ${a}`);
    for (const e of this.wild) rules.push(`MAP ${e.host} ${e.address}`, `MAP *.${e.host} ${e.address}`);
    return rules.join(', ');
  }
}
