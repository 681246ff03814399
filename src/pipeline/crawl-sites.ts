// Crawls a list of sites into a run of the store. Each site is an independent unit of work:
// its own crawl row, its own transactionally written pages, so a later worker pool (or a
// resume) can pick any site up alone.
import PQueue from 'p-queue';
import { dirname, join } from 'node:path';
import type { Db } from '../store/database.js';
import { Crawler } from '../crawl/crawler.js';
import type { CrawlOptions } from '../crawl/crawl-options.js';
import { PageWriter } from '../store/page-writer.js';
import { finishSiteCrawl, startSiteCrawl } from '../store/site-crawls.js';
import { upsertSite, type SiteInput } from '../store/sites.js';
import type { SiteCrawlSummary } from '../crawl/types.js';
import { silentLogger, type Logger } from '../util/logger.js';
import { Renderer } from '../browser/renderer.js';
import { NoBrowserError } from '../browser/launch-browser.js';

export interface CrawlSitesInput {
  db: Db;
  runId: number;
  sites: SiteInput[];
  options?: Partial<CrawlOptions>;
  logger?: Logger;
  signal?: AbortSignal;
  /** Called after each site is stored. */
  onSite?: (site: SiteInput, summary: SiteCrawlSummary, crawlId: number) => void;
  /** Sites crawled at once. @default options.concurrency */
  siteConcurrency?: number;
}

export interface CrawledSite {
  site: SiteInput;
  siteId: number;
  crawlId: number;
  summary: SiteCrawlSummary;
}

export async function crawlSites(input: CrawlSitesInput): Promise<CrawledSite[]> {
  const log = input.logger ?? silentLogger;
  const crawler = await openRunCrawler(input.db, input.runId, input.options ?? {}, log);
  const queue = new PQueue({ concurrency: input.siteConcurrency ?? crawler.options.concurrency });
  const results: CrawledSite[] = [];
  try {
    await Promise.all(
      input.sites.map((site) =>
        queue.add(async () => {
          if (input.signal?.aborted) return;
          const siteLog = log.child({ site: site.url });
          const siteId = upsertSite(input.db, site);
          const crawlId = startSiteCrawl(input.db, input.runId, siteId);
          const writer = new PageWriter(input.db, crawlId);
          siteLog.debug('site crawl started');
          const summary = await crawler.crawlSite(site.url, writer, input.signal);
          await writer.flush();
          finishSiteCrawl(input.db, crawlId, summary);
          siteLog.info({ status: summary.status, reason: summary.reason, pages: summary.pagesFetched, ok: summary.pagesOk }, 'site crawled');
          results.push({ site, siteId, crawlId, summary });
          input.onSite?.(site, summary, crawlId);
        }),
      ),
    );
  } finally {
    await closeRunCrawler(crawler);
  }
  return results;
}

/**
 * The crawler of a run, its browser attached when there is one; phone screenshots go beside the
 * database, one folder per run, for the report and the spreadsheet.
 */
export async function openRunCrawler(db: Db, runId: number, options: Partial<CrawlOptions>, log: Logger): Promise<Crawler> {
  const screenshotDir = options.screenshotDir ?? (db.name && db.name !== ':memory:' ? join(dirname(db.name), 'screenshots', `run-${runId}`) : undefined);
  const crawler = new Crawler({ ...options, screenshotDir });
  await attachBrowser(crawler, log);
  return crawler;
}

export async function closeRunCrawler(crawler: Crawler): Promise<void> {
  await (crawler.renderer as Renderer | undefined)?.close();
  await crawler.close();
}

/** Starts the browser stage when enabled and a browser exists; otherwise records why not. */
export async function attachBrowser(crawler: Crawler, log: Logger): Promise<void> {
  const o = crawler.options;
  if (!o.browser) return crawler.useRenderer(undefined, 'disabled');
  try {
    const renderer = await Renderer.create({
      resolve: crawler.resolve, allowPrivate: o.allowPrivate, userAgent: o.userAgent, sinkProxy: o.browserSinkProxy,
      timeoutMs: o.renderTimeoutMs, recycleAfter: o.browserRecycle,
    });
    crawler.useRenderer(renderer, 'used');
  } catch (err) {
    if (!(err instanceof NoBrowserError)) throw err;
    log.warn({ help: err.message }, 'no browser: rendered and phone checks will be not applicable');
    crawler.useRenderer(undefined, 'no browser');
  }
}
