// A benchmark run over a site list: every pending site of the run through the queue, a second
// pass for sites that timed out (with a longer budget), progress events, and a clean stop that
// leaves the rest pending for `govbench run --resume`.
import PQueue from 'p-queue';
import type { Db } from '../store/database.js';
import { MAX_TIMER_MS, resolveCrawlOptions, type CrawlOptions } from '../crawl/crawl-options.js';
import { crawlsWithStatus, queueSiteCrawls } from '../store/site-crawls.js';
import { upsertSite, type SiteInput } from '../store/sites.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import { closeRunCrawler, openRunCrawler } from './crawl-sites.js';
import { runSiteJob } from './site-job.js';
import { silentLogger, type Logger } from '../util/logger.js';

export interface Progress {
  total: number;
  done: number;
  failed: number;
  pages: number;
  startedAt: number;
  pass: number;
  current?: string;
}

export interface BenchmarkInput {
  db: Db;
  runId: number;
  bundle: ChecklistBundle;
  scorecardName?: string;
  crawl: Partial<CrawlOptions>;
  /** Sites crawled at once. @default crawl concurrency */
  siteConcurrency?: number;
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Retry sites that timed out with doubled budgets. @default true */
  secondPass?: boolean;
}

export interface BenchmarkOutcome {
  interrupted: boolean;
  scored: number;
  failed: number;
  retried: number;
  pages: number;
  seconds: number;
}

/** Adds the list's sites to the store and to the run as pending. */
export function enqueueSites(db: Db, runId: number, sites: SiteInput[]): number[] {
  const ids = db.transaction(() => sites.map((s) => upsertSite(db, s)))();
  queueSiteCrawls(db, runId, ids);
  return ids;
}

// Timed out at the homepage, or ran out of wall clock: a slow site deserves a second, longer look.
const TIMED_OUT = /timeout|time-limit/;

function longer(o: Partial<CrawlOptions>, base: CrawlOptions): Partial<CrawlOptions> {
  // Twice as long, but never past what a timer holds (a longer one would fire at once).
  const twice = (ms: number): number => Math.min(ms * 2, MAX_TIMER_MS);
  return {
    ...o,
    siteTimeMs: twice(base.siteTimeMs),
    totalTimeoutMs: twice(base.totalTimeoutMs),
    responseTimeoutMs: twice(base.responseTimeoutMs),
    connectTimeoutMs: twice(base.connectTimeoutMs),
    renderTimeoutMs: twice(base.renderTimeoutMs),
    pageTimeoutMs: twice(base.pageTimeoutMs),
  };
}

async function runPass(input: BenchmarkInput, pass: number, crawlOpts: Partial<CrawlOptions>, statuses: string[], filter: (reason: string | null) => boolean, progress: Progress): Promise<number> {
  const { db, runId } = input;
  const log = input.logger ?? silentLogger;
  const todo = crawlsWithStatus(db, runId, statuses).filter((c) => filter(c.reason));
  if (todo.length === 0) return 0;
  const crawler = await openRunCrawler(db, runId, crawlOpts, log);
  const queue = new PQueue({ concurrency: input.siteConcurrency ?? crawler.options.concurrency });
  progress.pass = pass;
  try {
    await Promise.all(todo.map((c) => queue.add(async () => {
      if (input.signal?.aborted) return;
      progress.current = String(c.site_id);
      const r = await runSiteJob({ db, runId, siteId: c.site_id, crawler, bundle: input.bundle, scorecardName: input.scorecardName, pass, signal: input.signal, log });
      if (r.state === 'interrupted') return;
      if (pass === 1) {
        progress.done++;
        if (r.state === 'failed') progress.failed++;
      } else {
        // A retry can rescue a failed site or, rarely, lose a partial one.
        progress.failed += (r.state === 'failed' ? 1 : 0) - (c.status === 'failed' ? 1 : 0);
      }
      progress.pages += r.summary.pagesFetched;
      input.onProgress?.({ ...progress });
    })));
  } finally {
    await closeRunCrawler(crawler);
  }
  return todo.length;
}

export async function runBenchmark(input: BenchmarkInput): Promise<BenchmarkOutcome> {
  const started = Date.now();
  const all = crawlsWithStatus(input.db, input.runId, ['pending', 'running', 'done', 'partial', 'failed']);
  const finished = all.filter((c) => ['done', 'partial', 'failed'].includes(c.status));
  const progress: Progress = {
    total: all.length, done: finished.length, failed: finished.filter((c) => c.status === 'failed').length,
    pages: 0, startedAt: started, pass: 1,
  };
  input.onProgress?.({ ...progress });
  // 'running' rows were in flight when a previous process died: they are redone from scratch.
  await runPass(input, 1, input.crawl, ['pending', 'running'], () => true, progress);
  let retried = 0;
  if (!input.signal?.aborted && input.secondPass !== false) {
    const base = resolveCrawlOptions(input.crawl);
    retried = await runPass(input, 2, longer(input.crawl, base), ['failed', 'partial'], (reason) => TIMED_OUT.test(reason ?? ''), progress);
  }
  const rows = crawlsWithStatus(input.db, input.runId, ['pending', 'running', 'done', 'partial', 'failed']);
  return {
    interrupted: input.signal?.aborted === true || rows.some((r) => r.status === 'pending' || r.status === 'running'),
    scored: rows.filter((r) => r.status === 'done' || r.status === 'partial').length,
    failed: rows.filter((r) => r.status === 'failed').length,
    retried,
    pages: progress.pages,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
