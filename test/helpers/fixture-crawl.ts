// Crawls the whole fixture web once into a real SQLite file, for tests that read the store.
import { join } from 'node:path';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList, fixtureUrl } from '../../src/pipeline/fixture-sites.js';
import { crawlSites, type CrawledSite } from '../../src/pipeline/crawl-sites.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createRun } from '../../src/store/runs.js';
import type { CrawlOptions } from '../../src/crawl/crawl-options.js';
import type { SiteManifest } from '../../src/fixture-server/site-manifest.js';

export interface FixtureCrawl {
  server: FixtureServer;
  db: Db;
  runId: number;
  results: (CrawledSite & { manifest: SiteManifest })[];
  url(written: string): string;
  close(): Promise<void>;
}

export async function crawlFixtureWeb(dir: string, opts: Partial<CrawlOptions> = {}, slugs?: string[]): Promise<FixtureCrawl> {
  const server = await new FixtureServer(slugs ? { sites: slugs } : {}).start();
  const db = openDatabase(join(dir, 'fixture-web.sqlite'));
  const sites = fixtureSiteList(server);
  // Static crawls unless a test asks for the browser: test/browser/ covers rendering.
  const options = { resolve: fixtureResolveArgs(server), browser: false, ...opts };
  const runId = createRun(db, { kind: 'crawl', options });
  const crawled = await crawlSites({ db, runId, sites, options });
  const results = crawled.map((c) => ({ ...c, manifest: sites.find((s) => s.url === c.site.url)!.manifest }));
  return {
    server, db, runId, results,
    url: (written) => fixtureUrl(server, written),
    close: async () => {
      db.close();
      await server.close();
    },
  };
}
