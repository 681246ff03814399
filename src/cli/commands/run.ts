// govbench run <list>: benchmark every site of a list; govbench run --resume <id> continues a
// stopped or crashed run without redoing finished sites.
import type { Command } from 'commander';
import { resolve as resolvePath } from 'node:path';
import { checklistFor, commandContext, type CommandContext } from '../context.js';
import { crawlOptionsFrom } from '../global-options.js';
import { stopExitCode } from '../stop-signals.js';
import { UsageError } from '../usage-error.js';
import { loadSiteList } from '../../sites/site-list.js';
import { continueRun, startRun, storedSettings, type RunSettings } from '../../pipeline/start-run.js';
import { getRun } from '../../store/runs.js';
import { loadRunResults } from '../../results/load-run-results.js';
import { formatRanking } from '../format-ranking.js';
import { progressView } from '../progress.js';
import type { BenchmarkOutcome } from '../../pipeline/benchmark-run.js';
import type { ChecklistBundle } from '../../checklist/checklist-bundle.js';
import type { SiteInput } from '../../store/sites.js';

interface RunOpts {
  resume?: string;
  scorecard?: string;
  name?: string;
  siteConcurrency?: string;
  secondPass: boolean;
}

export function checkScorecard(bundle: ChecklistBundle, id: string | undefined): void {
  if (id && !bundle.scorecards.has(id)) throw new UsageError(`unknown scorecard "${id}" (known: ${[...bundle.scorecards.keys()].join(', ')})`);
}

export async function benchmarkList(ctx: CommandContext, bundle: ChecklistBundle, list: string, settings: Omit<RunSettings, 'list' | 'crawl'>, kind = 'run') {
  const full: RunSettings = { ...settings, list: resolvePath(list), crawl: crawlOptionsFrom(ctx.opts) };
  return benchmarkSites(ctx, bundle, loadSiteList(list), full, kind);
}

/** A new run over these sites, with the progress view on while it goes. */
export async function benchmarkSites(ctx: CommandContext, bundle: ChecklistBundle, sites: SiteInput[], settings: RunSettings, kind = 'run') {
  const view = progressView(ctx.log);
  try {
    return await startRun(ctx.db, bundle, sites, settings, { logger: ctx.log, signal: ctx.signal, onProgress: (p) => view.update(p) }, kind);
  } finally {
    view.stop();
  }
}

export function reportOutcome(ctx: CommandContext, bundle: ChecklistBundle, runId: number, outcome: BenchmarkOutcome): void {
  const results = loadRunResults(ctx.db, runId, { bundle });
  ctx.out(formatRanking(results));
  ctx.out(`\n${outcome.scored} scored, ${outcome.failed} not crawlable, ${outcome.retried} retried in a second pass, ${outcome.pages} pages in ${outcome.seconds}s; stored in ${ctx.opts.db} as run ${runId}`);
  if (outcome.interrupted) {
    ctx.out(`stopped before the end: continue with  govbench --db ${ctx.opts.db} run --resume ${runId}`);
    process.exitCode = stopExitCode(ctx.signal);
  }
}

export function registerRun(program: Command): void {
  program
    .command('run [list]')
    .description('benchmark every site of a site list (CSV or JSON): crawl, judge, score, rank')
    .option('--resume <id>', 'continue a stopped or crashed run without redoing finished sites')
    .option('--scorecard <id>', 'one scorecard for every site (default: by each site\'s domain)')
    .option('--name <name>', 'a name for the run, e.g. "2026 Q4"')
    .option('--site-concurrency <n>', 'sites crawled at once (default: --concurrency)')
    .option('--no-second-pass', 'do not retry sites that timed out')
    .action(async (list: string | undefined, o: RunOpts, cmd: Command) => {
      if (!list && !o.resume) throw new UsageError('run needs a site list, or --resume <run id>');
      if (list && o.resume) throw new UsageError('give a site list or --resume, not both');
      const bundle = checklistFor(cmd);
      checkScorecard(bundle, o.scorecard);
      const siteConcurrency = o.siteConcurrency === undefined ? undefined : Number(o.siteConcurrency);
      if (siteConcurrency !== undefined && !(Number.isInteger(siteConcurrency) && siteConcurrency > 0)) throw new UsageError(`--site-concurrency expects a whole number ≥ 1, got "${o.siteConcurrency}"`);
      if (list) {
        const ctx = commandContext(cmd);
        const { runId, outcome } = await benchmarkList(ctx, bundle, list, { name: o.name, scorecard: o.scorecard, siteConcurrency, secondPass: o.secondPass });
        reportOutcome(ctx, bundle, runId, outcome);
        ctx.db.close();
        return;
      }
      if (!/^\d+$/.test(o.resume!)) throw new UsageError(`--resume expects a run id, got "${o.resume}"`);
      const ctx = commandContext(cmd);
      const runId = Number(o.resume);
      const run = getRun(ctx.db, runId);
      if (!run) throw new UsageError(`no run ${runId} in ${ctx.opts.db}`);
      if (run.status === 'done') throw new UsageError(`run ${runId} is already complete`);
      const settings = storedSettings(ctx.db, runId);
      const view = progressView(ctx.log);
      let outcome: BenchmarkOutcome;
      try {
        outcome = await continueRun(ctx.db, runId, bundle, settings, { logger: ctx.log, signal: ctx.signal, onProgress: (p) => view.update(p) });
      } finally {
        view.stop();
      }
      reportOutcome(ctx, bundle, runId, outcome);
      ctx.db.close();
    });
}
