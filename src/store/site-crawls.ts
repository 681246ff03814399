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
  pass: number;
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

/** Removes what an unfinished attempt left: pages, links, renders, robots, judgements. */
export function deleteCrawlPages(db: Db, crawlId: number): void {
  db.prepare(`DELETE FROM links WHERE page_id IN (SELECT id FROM pages WHERE crawl_id = ?)`).run(crawlId);
  db.prepare(`DELETE FROM renders WHERE page_id IN (SELECT id FROM pages WHERE crawl_id = ?)`).run(crawlId);
  db.prepare(`DELETE FROM pages WHERE crawl_id = ?`).run(crawlId);
  db.prepare(`DELETE FROM robots WHERE crawl_id = ?`).run(crawlId);
  db.prepare(`DELETE FROM indicator_results WHERE judgement_id IN (SELECT id FROM judgements WHERE crawl_id = ?)`).run(crawlId);
  db.prepare(`DELETE FROM judgements WHERE crawl_id = ?`).run(crawlId);
}

/** Lists the sites of a run up front as pending, so a stopped run knows what is left. */
export function queueSiteCrawls(db: Db, runId: number, siteIds: number[]): void {
  const ins = db.prepare(`INSERT OR IGNORE INTO site_crawls (run_id, site_id, status) VALUES (?, ?, 'pending')`);
  db.transaction(() => { for (const id of siteIds) ins.run(runId, id); })();
}

/** Puts an interrupted site back in the queue, dropping what it had stored. */
export function requeueSiteCrawl(db: Db, crawlId: number): void {
  db.transaction(() => {
    deleteCrawlPages(db, crawlId);
    db.prepare(`UPDATE site_crawls SET status = 'pending', reason = NULL, started_at = NULL, ended_at = NULL WHERE id = ?`).run(crawlId);
  })();
}

export function crawlsWithStatus(db: Db, runId: number, statuses: string[]): SiteCrawlRow[] {
  return db.prepare(`SELECT * FROM site_crawls WHERE run_id = ? AND status IN (${statuses.map(() => '?').join(',')}) ORDER BY id`).all(runId, ...statuses) as SiteCrawlRow[];
}

export function getSiteCrawl(db: Db, id: number): SiteCrawlRow | undefined {
  return db.prepare(`SELECT * FROM site_crawls WHERE id = ?`).get(id) as SiteCrawlRow | undefined;
}

export function finishSiteCrawl(db: Db, crawlId: number, s: SiteCrawlSummary, pass = 1): void {
  db.prepare(
    `UPDATE site_crawls SET status = ?, reason = ?, final_url = ?, started_at = ?, ended_at = ?, pages_fetched = ?, pages_ok = ?,
       pages_failed = ?, pages_skipped = ?, bytes = ?, by_status_json = ?, browser = ?, renders_json = ?, pass = ? WHERE id = ?`,
  ).run(s.status, s.reason ?? null, s.finalUrl ?? null, s.startedAt, s.endedAt, s.pagesFetched, s.pagesOk, s.pagesFailed,
    s.pagesSkipped, s.bytes, JSON.stringify(s.byStatus), s.browser, JSON.stringify(s.renders), pass, crawlId);
}

export function crawlsOfRun(db: Db, runId: number): SiteCrawlRow[] {
  return db.prepare(`SELECT * FROM site_crawls WHERE run_id = ? ORDER BY id`).all(runId) as SiteCrawlRow[];
}
