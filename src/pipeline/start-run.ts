// Starting and resuming benchmark runs: the run row with its options and checklist hash, the
// site list queued, the benchmark, the run's end state and counts.
import type { Db } from '../store/database.js';
import { createRun, finishRun, getRun } from '../store/runs.js';
import type { CrawlOptions } from '../crawl/crawl-options.js';
import type { SiteInput } from '../store/sites.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import { enqueueSites, runBenchmark, type BenchmarkOutcome, type Progress } from './benchmark-run.js';
import type { Logger } from '../util/logger.js';

export interface RunSettings {
  list?: string;
  name?: string;
  scorecard?: string;
  crawl: Partial<CrawlOptions>;
  siteConcurrency?: number;
  secondPass?: boolean;
}

export interface RunHooks {
  logger?: Logger;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export async function startRun(db: Db, bundle: ChecklistBundle, sites: SiteInput[], settings: RunSettings, hooks: RunHooks = {}, kind = 'run'): Promise<{ runId: number; outcome: BenchmarkOutcome }> {
  const runId = createRun(db, { kind, name: settings.name, options: settings, checklistHash: bundle.hash, scorecard: settings.scorecard });
  enqueueSites(db, runId, sites);
  const outcome = await continueRun(db, runId, bundle, settings, hooks);
  return { runId, outcome };
}

/** Runs (or resumes) whatever is left of a run; finished sites are not touched. */
export async function continueRun(db: Db, runId: number, bundle: ChecklistBundle, settings: RunSettings, hooks: RunHooks = {}): Promise<BenchmarkOutcome> {
  db.prepare(`UPDATE runs SET status = 'running', ended_at = NULL WHERE id = ?`).run(runId);
  const outcome = await runBenchmark({
    db, runId, bundle, scorecardName: settings.scorecard, crawl: settings.crawl, siteConcurrency: settings.siteConcurrency,
    secondPass: settings.secondPass, logger: hooks.logger, signal: hooks.signal, onProgress: hooks.onProgress,
  });
  finishRun(db, runId, outcome.interrupted ? 'interrupted' : 'done', { ...outcome, checklistHash: bundle.hash });
  return outcome;
}

export function storedSettings(db: Db, runId: number): RunSettings {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  return JSON.parse(run.options_json) as RunSettings;
}
