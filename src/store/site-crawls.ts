// One row per (run, site): the crawl's status, reason, timings and counts.
import type { Db } from './database.js';
import type { SiteCrawlSummary } from '../crawl/types.js';

export interface SiteCrawlRow {
  id: number;
  run_id: number;
  site_id: number;
  status: string;
  reason: string | null;
  final_url: string | null;
  started_at: string | null;
  ended_at: string | null;
  pages_fetched: number;
  pages_ok: number;
  pages_failed: number;
  pages_skipped: number;
  bytes: number;
  by_status_json: string | null;
  browser: string | null;
  renders_json: string | null;
}

/** Creates (or, on resume, resets) the crawl row of a site in a run; earlier pages of an unfinished attempt are removed. */
export function startSiteCrawl(db: Db, runId: number, siteId: number): number {
  return db.transaction(() => {
    const existing = db.prepare(`SELECT id FROM site_crawls WHERE run_id = ? AND site_id = ?`).get(runId, siteId) as { id: number } | undefined;
    const now = new Date().toISOString();
    if (existing) {
      deleteCrawlPages(db, existing.id);
      db.prepare(`UPDATE site_crawls SET status = 'running', reason = NULL, started_at = ?, ended_at = NULL WHERE id = ?`).run(now, existing.id);
      return existing.id;
    }
    const info = db.prepare(`INSERT INTO site_crawls (run_id, site_id, status, started_at) VALUES (?, ?, 'running', ?)`).run(runId, siteId, now);
    return Number(info.lastInsertRowid);
  })();
}

export function deleteCrawlPages(db: Db, crawlId: number): void {
  db.prepare(`DELETE FROM links WHERE page_id IN (SELECT id FROM pages WHERE crawl_id = ?)`).run(crawlId);
  db.prepare(`DELETE FROM pages WHERE crawl_id = ?`).run(crawlId);
  db.prepare(`DELETE FROM robots WHERE crawl_id = ?`).run(crawlId);
}

export function finishSiteCrawl(db: Db, crawlId: number, s: SiteCrawlSummary): void {
  db.prepare(
    `UPDATE site_crawls SET status = ?, reason = ?, final_url = ?, started_at = ?, ended_at = ?, pages_fetched = ?, pages_ok = ?,
       pages_failed = ?, pages_skipped = ?, bytes = ?, by_status_json = ?, browser = ?, renders_json = ? WHERE id = ?`,
  ).run(s.status, s.reason ?? null, s.finalUrl ?? null, s.startedAt, s.endedAt, s.pagesFetched, s.pagesOk, s.pagesFailed,
    s.pagesSkipped, s.bytes, JSON.stringify(s.byStatus), s.browser, JSON.stringify(s.renders), crawlId);
}

export function crawlsOfRun(db: Db, runId: number): SiteCrawlRow[] {
  return db.prepare(`SELECT * FROM site_crawls WHERE run_id = ? ORDER BY id`).all(runId) as SiteCrawlRow[];
}
