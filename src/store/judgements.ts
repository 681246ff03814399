// Stored judgements: what each indicator concluded for a crawl, with its evidence, and the score.
import type { Db } from './database.js';
import type { IndicatorResult } from '../checklist/types.js';
import type { SiteScore } from '../scoring/score-site.js';
import type { WeighedResult } from '../scoring/scorecard.js';

/** A stored result; weight is undefined for judgements made before every indicator was judged (all were scored). */
export type StoredResult = IndicatorResult & { weight?: number };

export interface JudgementRow {
  id: number;
  crawl_id: number;
  scorecard: string;
  checklist_hash: string;
  created_at: string;
  total: number;
  grade: string;
  categories_json: string;
}

export function saveJudgement(db: Db, crawlId: number, checklistHash: string, results: WeighedResult[], score: SiteScore): number {
  return db.transaction(() => {
    const info = db
      .prepare(`INSERT INTO judgements (crawl_id, scorecard, checklist_hash, created_at, total, grade, categories_json) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(crawlId, score.scorecard, checklistHash, new Date().toISOString(), score.total, score.grade, JSON.stringify(score.categories));
    const id = Number(info.lastInsertRowid);
    const ins = db.prepare(`INSERT INTO indicator_results (judgement_id, indicator_id, category, outcome, reason, value, evidence_json, weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const r of results) ins.run(id, r.id, r.category, r.outcome, r.reason ?? null, r.value ?? null, JSON.stringify(r.evidence), r.weight);
    return id;
  })();
}

export function latestJudgement(db: Db, crawlId: number, scorecard?: string): JudgementRow | undefined {
  return (scorecard
    ? db.prepare(`SELECT * FROM judgements WHERE crawl_id = ? AND scorecard = ? ORDER BY id DESC LIMIT 1`).get(crawlId, scorecard)
    : db.prepare(`SELECT * FROM judgements WHERE crawl_id = ? ORDER BY id DESC LIMIT 1`).get(crawlId)) as JudgementRow | undefined;
}

export function judgementResults(db: Db, judgementId: number): StoredResult[] {
  const rows = db.prepare(`SELECT * FROM indicator_results WHERE judgement_id = ? ORDER BY rowid`).all(judgementId) as {
    indicator_id: string; category: string; outcome: IndicatorResult['outcome']; reason: string | null; value: number | null; evidence_json: string; weight: number | null;
  }[];
  return rows.map((r) => ({
    id: r.indicator_id, category: r.category, outcome: r.outcome, reason: r.reason ?? undefined, value: r.value ?? undefined,
    evidence: JSON.parse(r.evidence_json), ...(r.weight === null ? {} : { weight: r.weight }),
  }));
}
