// Runs: one row per crawl, audit or benchmark, with the options it used, kept forever.
import type { Db } from './database.js';

export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface RunRow {
  id: number;
  kind: string;
  name: string | null;
  options_json: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus;
  checklist_hash: string | null;
  scorecard: string | null;
  counts_json: string | null;
}

export function createRun(db: Db, r: { kind: string; name?: string; options: unknown; checklistHash?: string; scorecard?: string }): number {
  const info = db
    .prepare(`INSERT INTO runs (kind, name, options_json, started_at, status, checklist_hash, scorecard) VALUES (?, ?, ?, ?, 'running', ?, ?)`)
    .run(r.kind, r.name ?? null, JSON.stringify(r.options), new Date().toISOString(), r.checklistHash ?? null, r.scorecard ?? null);
  return Number(info.lastInsertRowid);
}

export function finishRun(db: Db, id: number, status: RunStatus, counts: unknown): void {
  db.prepare(`UPDATE runs SET status = ?, ended_at = ?, counts_json = ? WHERE id = ?`).run(status, new Date().toISOString(), JSON.stringify(counts), id);
}

export function getRun(db: Db, id: number): RunRow | undefined {
  return db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
}

export function latestRun(db: Db, kind?: string): RunRow | undefined {
  return (kind
    ? db.prepare(`SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT 1`).get(kind)
    : db.prepare(`SELECT * FROM runs ORDER BY id DESC LIMIT 1`).get()) as RunRow | undefined;
}

export function listRuns(db: Db): RunRow[] {
  return db.prepare(`SELECT * FROM runs ORDER BY id`).all() as RunRow[];
}
