// Bench child: crawls the farm with govbench's crawlSites into a fresh SQLite file and prints
// one JSON line (ChildReport) on stdout. Run by scripts/bench.ts; see there for the setup.
//
// Every farm host is pinned with `resolve` (HOST=127.0.x.y), so the crawl never asks DNS: the
// fixture server routes by Host header, which is why seeds use the farm hostnames and not IP
// literals. Each site trusts its seed's origin, and --resolve hosts on the seed's port, so the
// pinned loopback addresses pass the private-address guard (src/crawl/origin-trust.ts).
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openDatabase } from '../../src/store/database.js';
import { createRun, finishRun } from '../../src/store/runs.js';
import { crawlSites } from '../../src/pipeline/crawl-sites.js';
import type { CrawlOptions } from '../../src/crawl/crawl-options.js';
import { readJob } from './job.js';
import { report, startMeasure } from './measure.js';

const job = readJob(process.argv[2]);
const dbFile = join(job.outDir, 'govbench.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
const db = openDatabase(dbFile);

const options: Partial<CrawlOptions> = {
  concurrency: job.concurrency,
  perHost: job.perHost,
  maxPages: job.maxPagesPerSite,
  maxDepth: job.maxDepth,
  respectRobots: job.respectRobots,
  // Article URLs share one shape per column (/xxgk/202301/t20230105_1000004.html); keep the trap
  // cap above a column's size so it never hides generated pages when --pages is raised.
  maxPerPattern: Math.max(15, job.pagesPerSite),
  resolve: job.sites.map((s) => `${s.host}=${s.address}`),
  // The HTTP crawler is compared with CheerioCrawler, which renders nothing; the browser stage has
  // its own measurements (npm run bench:browser, bench:render).
  browser: false,
};
const runId = createRun(db, { kind: 'bench', name: `bench ${job.sites.length} sites`, options });
const sites = job.sites.map((s) => ({ url: s.seed, name: s.host, tags: ['bench'] }));

const m = startMeasure();
const results = await crawlSites({ db, runId, sites, options, siteConcurrency: job.siteConcurrency });
const measured = m.stop();

let pagesFetched = 0;
let pagesOk = 0;
let pagesFailed = 0;
const siteStatus: Record<string, number> = {};
const byStatus: Record<string, number> = {};
const reasons: Record<string, number> = {};
for (const { summary } of results) {
  pagesFetched += summary.pagesFetched;
  pagesOk += summary.pagesOk;
  pagesFailed += summary.pagesFailed;
  siteStatus[summary.status] = (siteStatus[summary.status] ?? 0) + 1;
  if (summary.reason) reasons[summary.reason] = (reasons[summary.reason] ?? 0) + 1;
  for (const [k, v] of Object.entries(summary.byStatus)) byStatus[k] = (byStatus[k] ?? 0) + (v ?? 0);
}
finishRun(db, runId, 'done', { sites: results.length, pagesFetched, pagesOk });
const stored = db.prepare(`SELECT count(*) AS n FROM pages WHERE status = 'ok'`).get() as { n: number };
const links = db.prepare(`SELECT count(*) AS n FROM links`).get() as { n: number };
db.close();

report({
  bench: 'govbench',
  pagesOk,
  pagesFailed,
  extraRequests: job.respectRobots ? results.length : 0,
  measured,
  details: { sites: results.length, pagesFetched, siteStatus, byStatus, reasons, storedOkPages: stored.n, storedLinks: links.n, dbFile },
});
