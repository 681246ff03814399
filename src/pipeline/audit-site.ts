// One audit as `govbench audit` runs it: a run of kind `audit`, the crawl, the judgement and its
// JSON document. The CLI command and the accuracy harness (scripts/accuracy.ts) both call this,
// so what the harness measures is exactly what `govbench audit --json` prints.
import type { Db } from '../store/database.js';
import type { CrawlOptions } from '../crawl/crawl-options.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import type { Scorecard } from '../scoring/scorecard.js';
import type { Logger } from '../util/logger.js';
import { createRun, finishRun } from '../store/runs.js';
import { crawlSites } from './crawl-sites.js';
import { judgeCrawl } from './judge-crawl.js';
import { auditDocument, type AuditDocument } from './audit-document.js';
import { crawlsOfRun } from '../store/site-crawls.js';

export interface AuditSiteInput {
  db: Db;
  bundle: ChecklistBundle;
  /** The scorecard already picked (pickScorecard), so a bad name fails before any crawl. */
  scorecard: Scorecard;
  /** The seed URL, as parseSiteUrl gives it. */
  seed: string;
  name?: string;
  options: Partial<CrawlOptions>;
  logger: Logger;
  signal: AbortSignal;
}

/** Either the document `audit --json` prints, or why the site could not be crawled at all. */
export type AuditSiteResult = { ok: true; doc: AuditDocument } | { ok: false; runId: number; reason: string };

export async function auditSite(a: AuditSiteInput): Promise<AuditSiteResult> {
  const runId = createRun(a.db, { kind: 'audit', name: a.name, options: { ...a.options, sites: [a.seed] }, checklistHash: a.bundle.hash, scorecard: a.scorecard.id });
  const [crawled] = await crawlSites({ db: a.db, runId, sites: [{ url: a.seed, name: a.name }], options: a.options, logger: a.logger, signal: a.signal });
  if (!crawled || crawled.summary.status === 'failed') {
    finishRun(a.db, runId, 'failed', { sites: 1, failed: 1 });
    return { ok: false, runId, reason: crawled?.summary.reason ?? 'stopped' };
  }
  const crawl = crawlsOfRun(a.db, runId)[0]!;
  const judged = judgeCrawl(a.db, crawl, a.bundle, { seedUrl: a.seed, scorecardName: a.scorecard.id });
  finishRun(a.db, runId, a.signal.aborted ? 'interrupted' : 'done', { sites: 1, total: judged.score.total });
  return { ok: true, doc: auditDocument(judged, a.bundle, { url: a.seed, finalUrl: crawled.summary.finalUrl, runId }) };
}
