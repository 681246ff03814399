// What a rendered page may load: media and fonts are blocked (no check needs them and they are
// most of the bytes), and so is any sub-request to a loopback, private or metadata address unless
// that host is trusted (the seed's, --resolve's) or --allow-private is set: the same rule as the
// HTTP crawler's.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Route } from 'playwright';
import { isPrivateAddress, isPrivateHostname } from '../crawl/address-guard.js';
import type { ResolveMap } from '../crawl/resolve-map.js';

export interface RouteGuardOptions {
  resolve: ResolveMap;
  allowPrivate: boolean;
  trustedHosts: Set<string>;
  blockTypes: ReadonlySet<string>;
}

export const DEFAULT_BLOCKED_TYPES: ReadonlySet<string> = new Set(['media', 'font']);

export class RouteGuard {
  private readonly verdicts = new Map<string, Promise<boolean>>();
  blocked = 0;

  constructor(private readonly o: RouteGuardOptions) {}

  private hostIsPrivate(host: string): Promise<boolean> {
    let v = this.verdicts.get(host);
    if (!v) {
      v = isIP(host)
        ? Promise.resolve(isPrivateAddress(host))
        : isPrivateHostname(host)
          ? Promise.resolve(true)
          : lookup(host, { all: true }).then((as) => as.some((a) => isPrivateAddress(a.address)), () => false);
      this.verdicts.set(host, v);
    }
    return v;
  }

  async allows(rawUrl: string, resourceType: string): Promise<boolean> {
    if (this.o.blockTypes.has(resourceType)) return false;
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return false;
    }
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.o.allowPrivate || this.o.resolve.has(host) || this.o.trustedHosts.has(host)) return true;
    return !(await this.hostIsPrivate(host));
  }

  async handle(route: Route): Promise<void> {
    const req = route.request();
    try {
      if (await this.allows(req.url(), req.resourceType())) await route.continue();
      else {
        this.blocked++;
        await route.abort('blockedbyclient');
      }
    } catch {
      // the page went away while we decided; nothing to do
    }
  }
}
