// Which URLs belong to a site: its registrable domain with every subdomain (xxgk.x.gov.cn
// belongs to www.x.gov.cn), plus known service platforms, which portals link to for 办事服务.
import { getDomain } from 'tldts';
import { isIP } from 'node:net';

export type ScopeVerdict = 'site' | 'platform' | 'out';

/** The registrable domain (eTLD+1) of a host; the host itself for IPs and single labels. */
export function registrableDomain(hostname: string): string {
  const h = hostname.toLowerCase();
  if (isIP(h.replace(/^\[|\]$/g, ''))) return h;
  return getDomain(h, { allowPrivateDomains: false }) ?? h;
}

/** Host globs: `*.zwfw.gov.cn` (any subdomain), `mail.*` (that first label anywhere), or an exact host. */
export function hostMatchesGlob(hostname: string, glob: string): boolean {
  const h = hostname.toLowerCase();
  const g = glob.toLowerCase();
  if (g.startsWith('*.')) return h.endsWith(g.slice(1)) && h.length > g.length - 1;
  if (g.endsWith('.*')) return h.startsWith(g.slice(0, -1)) && h.length > g.length - 1;
  return h === g;
}

export class SiteScope {
  private readonly domains = new Set<string>();

  constructor(seed: URL, private readonly platforms: readonly string[]) {
    this.domains.add(registrableDomain(seed.hostname));
  }

  /** A homepage that redirects to a new domain brings that domain into scope. */
  addDomainOf(url: URL): void {
    this.domains.add(registrableDomain(url.hostname));
  }

  classify(url: URL): ScopeVerdict {
    if (this.domains.has(registrableDomain(url.hostname))) return 'site';
    if (this.platforms.some((g) => hostMatchesGlob(url.hostname, g))) return 'platform';
    return 'out';
  }
}
