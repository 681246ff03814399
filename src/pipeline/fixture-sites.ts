// The fixture portals as a site list with their loopback seeds, for the demo and the tests.
import type { FixtureServer } from '../fixture-server/index.js';
import type { SiteManifest } from '../fixture-server/site-manifest.js';
import type { SiteInput } from '../store/sites.js';
import { registrableDomain } from '../crawl/scope.js';

/** A fixture URL as written (no port) with the server's port. */
export function fixtureUrl(server: FixtureServer, written: string): string {
  const u = new URL(written);
  return server.url(u.hostname, u.pathname + u.search);
}

export function fixtureSiteList(server: FixtureServer): (SiteInput & { manifest: SiteManifest })[] {
  return server.sites().map((m) => ({
    url: fixtureUrl(server, m.seed),
    name: m.name,
    level: m.kind,
    tags: ['fixture', m.slug],
    manifest: m,
  }));
}

/**
 * --resolve entries for the fixture web: every served host, and a wildcard for each registrable
 * domain, so an in-scope link to an unserved subdomain (mail.jianyi.gov.cn) goes to loopback
 * too (and gets a 404) instead of to a real DNS server.
 */
export function fixtureResolveArgs(server: FixtureServer): string[] {
  const domains = new Set(server.hosts().map(registrableDomain));
  return [...server.resolveArgs(), ...[...domains].map((d) => `*.${d}=${server.address}`)];
}
