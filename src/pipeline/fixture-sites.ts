// The fixture portals as a site list with their loopback seeds, for the demo and the tests.
import type { FixtureServer } from '../fixture-server/index.js';
import type { SiteManifest } from '../fixture-server/site-manifest.js';
import type { SiteInput } from '../store/sites.js';

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
