// Which origins one site's crawl may reach on a private address. Trust is per origin (host AND
// port) and per site: the seed's host is trusted on the seed's port (an intranet portal, a
// fixture server), a host named in --resolve on the seed's ports too, and nothing else; a
// second site of the same run has its own OriginTrust, so the trust given to site A never lets
// site B's pages reach A's private host. --allow-private trusts everything.
import { canonicalHost } from './address-guard.js';
import type { ResolveMap } from './resolve-map.js';

export interface OriginTrustOptions {
  allowPrivate: boolean;
  resolve: ResolveMap;
}

/** The port a URL connects to. */
export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
}

/**
 * The ports a seed's trust covers: the port it names, or both web ports when it names none (a
 * portal given as http:// that moves to https:// on the same host is the same site; its SSH,
 * database or admin ports are not).
 */
export function seedPorts(url: URL): number[] {
  return url.port ? [Number(url.port)] : [80, 443];
}

export class OriginTrust {
  private readonly hosts = new Map<string, Set<number>>();
  private readonly ports = new Set<number>();

  constructor(private readonly o: OriginTrustOptions) {}

  /** A trust with the seed's origin(s) in it. */
  static forSeed(seed: URL | string, o: OriginTrustOptions): OriginTrust {
    const t = new OriginTrust(o);
    t.addSeed(typeof seed === 'string' ? new URL(seed) : seed);
    return t;
  }

  get allowPrivate(): boolean {
    return this.o.allowPrivate;
  }

  addSeed(url: URL): void {
    const host = canonicalHost(url.hostname);
    if (!host) return;
    let ports = this.hosts.get(host);
    if (!ports) this.hosts.set(host, (ports = new Set()));
    for (const p of seedPorts(url)) {
      ports.add(p);
      this.ports.add(p);
    }
  }

  /** May host:port be reached on a private address? Host is compared in canonical form. */
  trusts(host: string, port: number): boolean {
    if (this.o.allowPrivate) return true;
    const h = canonicalHost(host);
    if (!h) return false;
    if (this.hosts.get(h)?.has(port)) return true;
    return this.ports.has(port) && this.o.resolve.has(h);
  }

  /** trusts() for a URL. */
  trustsUrl(url: URL): boolean {
    return this.trusts(url.hostname, portOf(url));
  }

  /** For messages and logs: `www.x.gov.cn:8080, *--resolve*:8080`. */
  describe(): string {
    if (this.o.allowPrivate) return 'every origin (--allow-private)';
    const parts = [...this.hosts].map(([h, ps]) => `${h}:${[...ps].join('/')}`);
    if (this.ports.size) parts.push(`--resolve hosts on ${[...this.ports].join('/')}`);
    return parts.join(', ') || 'no origin';
  }
}
