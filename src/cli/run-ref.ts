// "latest" or a number, as the export and report commands take a run.
import type { Db } from '../store/database.js';
import { getRun, type RunRow } from '../store/runs.js';
import { UsageError } from './usage-error.js';

export function resolveRun(db: Db, ref: string, dbFile: string, kinds = ['run', 'audit', 'crawl']): RunRow {
  if (ref === 'latest') {
    const row = db.prepare(`SELECT * FROM runs WHERE kind IN (${kinds.map(() => '?').join(',')}) ORDER BY id DESC LIMIT 1`).get(...kinds) as RunRow | undefined;
    if (!row) throw new UsageError(`no runs in ${dbFile}`);
    return row;
  }
  if (!/^\d+$/.test(ref)) throw new UsageError(`a run is a number or "latest", got "${ref}"`);
  const run = getRun(db, Number(ref));
  if (!run) throw new UsageError(`no run ${ref} in ${dbFile}`);
  return run;
}

/** The run before this one of the same kind, for --compare previous. */
export function previousRun(db: Db, run: RunRow): RunRow | undefined {
  return db.prepare(`SELECT * FROM runs WHERE kind = ? AND id < ? ORDER BY id DESC LIMIT 1`).get(run.kind, run.id) as RunRow | undefined;
}
