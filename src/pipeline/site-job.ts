// One site of a benchmark run as an independent unit of work: crawl it, judge it, score it, and
// store all of it under its own site-crawl row. Nothing here depends on the other sites, so a
// worker pool on a queue engine (BullMQ on Redis) can run these jobs on many machines unchanged:
// the job's input is (runId, crawlId), its output is the stored row.
import type { Db } from '../store/database.js';
import type { Crawler } from '../crawl/crawler.js';
import { PageWriter } from '../store/page-writer.js';
import { finishSiteCrawl, getSiteCrawl, requeueSiteCrawl, startSiteCrawl } from '../store/site-crawls.js';
import { getSite } from '../store/sites.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import { judgeCrawl, type Judged } from './judge-crawl.js';
import type { SiteCrawlSummary } from '../crawl/types.js';
import type { Logger } from '../util/logger.js';

export interface SiteJobInput {
  db: Db;
  runId: number;
  siteId: number;
  crawler: Crawler;
  bundle: ChecklistBundle;
  scorecardName?: string;
  pass: number;
  signal?: AbortSignal;
  log: Logger;
}

export type SiteJobResult =
  | { state: 'scored'; summary: SiteCrawlSummary; judged: Judged }
  | { state: 'failed'; summary: SiteCrawlSummary }
  | { state: 'interrupted' };

export async function runSiteJob(j: SiteJobInput): Promise<SiteJobResult> {
  const site = getSite(j.db, j.siteId);
  if (!site) throw new Error(`site ${j.siteId} is not in the store`);
  const crawlId = startSiteCrawl(j.db, j.runId, j.siteId);
  const log = j.log.child({ site: site.url });
  const writer = new PageWriter(j.db, crawlId);
  const summary = await j.crawler.crawlSite(site.url, writer, j.signal);
  await writer.flush();
  // Stopped by Ctrl-C: the half-crawled site goes back to the queue, so a resume redoes it whole.
  if (j.signal?.aborted) {
    requeueSiteCrawl(j.db, crawlId);
    log.info('site interrupted; back in the queue');
    return { state: 'interrupted' };
  }
  if (summary.status === 'failed') {
    finishSiteCrawl(j.db, crawlId, summary, j.pass);
    log.warn({ reason: summary.reason }, 'site could not be crawled');
    return { state: 'failed', summary };
  }
  // The crawl's final status and its judgement land together: a kill between them cannot leave a
  // finished crawl without a score, nor a score that a resume would make twice.
  const judged = j.db.transaction(() => {
    finishSiteCrawl(j.db, crawlId, summary, j.pass);
    return judgeCrawl(j.db, getSiteCrawl(j.db, crawlId)!, j.bundle, { seedUrl: site.url, scorecardName: j.scorecardName });
  })();
  log.info({ status: summary.status, pages: summary.pagesFetched, total: judged.score.total, grade: judged.score.grade }, 'site scored');
  return { state: 'scored', summary, judged };
}
