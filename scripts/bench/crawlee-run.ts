// Bench child: crawls the farm with Crawlee's CheerioCrawler and prints one JSON line
// (ChildReport) on stdout, measured by the same code as the govbench child.
//
// Settings, chosen to give Crawlee its best fair shot at the same job:
// - maxConcurrency = the bench concurrency, and the autoscaled pool *starts* there
//   (desiredConcurrency); out of the box it starts at 1 and adds ~5% every 10 s, which would
//   never reach 64 within a 30 s crawl. Its autoscaling may still scale down if it sees the
//   system overloaded (unless the bench runs with --crawlee-pinned: minConcurrency = maxConcurrency).
// - maxRequestsPerCrawl = the same total page budget govbench gets.
// - enqueueLinks with the 'same-hostname' strategy, default selector (a[href]).
// - in-memory storage (persistStorage: false) with its folder under output/bench/<stamp>/.
// - robots.txt not fetched (Crawlee's default; govbench does fetch it, one request per site).
// - DNS: every request's lookup is the farm table (got's dnsLookup, set in a pre-navigation
//   hook), which refuses any name outside the farm, so nothing leaves 127.0.0.0/8.
import { join } from 'node:path';
import { CheerioCrawler, Configuration, log, LogLevel } from '@crawlee/cheerio';
import { farmLookup, readJob } from './job.js';
import { report, startMeasure } from './measure.js';

const job = readJob(process.argv[2]);
const storageDir = join(job.outDir, 'crawlee-storage');
process.env.CRAWLEE_STORAGE_DIR = storageDir;
log.setLevel(LogLevel.WARNING);

const config = new Configuration({
  persistStorage: false,
  purgeOnStart: true,
  storageClientOptions: { localDataDirectory: storageDir, persistStorage: false, writeMetadata: false },
});
const dnsLookup = farmLookup(job.sites);

let pagesOk = 0;
let pagesFailed = 0;
let linksEnqueued = 0;
const crawler = new CheerioCrawler(
  {
    maxConcurrency: job.concurrency,
    minConcurrency: job.crawleeMinConcurrency,
    autoscaledPoolOptions: { desiredConcurrency: job.concurrency },
    maxRequestsPerCrawl: job.totalBudget,
    preNavigationHooks: [
      (_ctx, gotOptions) => {
        gotOptions.dnsLookup = dnsLookup;
      },
    ],
    async requestHandler({ enqueueLinks }) {
      pagesOk++;
      const res = await enqueueLinks({ strategy: 'same-hostname' });
      linksEnqueued += res.processedRequests.filter((r) => !r.wasAlreadyPresent).length;
    },
    failedRequestHandler() {
      pagesFailed++;
    },
  },
  config,
);

const m = startMeasure();
const stats = await crawler.run(job.sites.map((s) => s.seed));
const measured = m.stop();

report({
  bench: 'crawlee',
  pagesOk,
  pagesFailed,
  extraRequests: 0,
  measured,
  details: {
    requestsFinished: stats.requestsFinished,
    requestsFailed: stats.requestsFailed,
    retryHistogram: stats.retryHistogram,
    crawlerRuntimeMillis: stats.crawlerRuntimeMillis,
    minConcurrency: job.crawleeMinConcurrency,
    finalDesiredConcurrency: crawler.autoscaledPool?.desiredConcurrency,
    linksEnqueued,
    storageDir,
  },
});
// Crawlee leaves timers (snapshotter, event manager) that can outlive run() for a moment.
process.exit(0);
