// govbench schedule "<cron>" <list>: benchmark a list on a cron schedule, keeping every run, and
// writing its workbook and report after each. Runs never overlap: a tick that comes while a run
// is still going is skipped (and logged).
import type { Command } from 'commander';
import { Cron } from 'croner';
import { dirname, resolve } from 'node:path';
import { checklistFor, commandContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { loadSiteList } from '../../sites/site-list.js';
import { benchmarkList, checkScorecard, reportOutcome } from './run.js';
import { writeOutputs } from './export.js';
import { previousRun } from '../run-ref.js';
import { getRun } from '../../store/runs.js';

interface ScheduleOpts { scorecard?: string; name?: string; times?: string; timezone?: string }

export function registerSchedule(program: Command): void {
  program
    .command('schedule <cron> <list>')
    .description('run a benchmark of a list on a cron schedule (e.g. "0 2 1 */3 *": 02:00 on the first day of each quarter)')
    .option('--scorecard <id>', 'one scorecard for every site')
    .option('--name <prefix>', 'run names: the prefix and the start date')
    .option('--times <n>', 'stop after n runs (default: run until stopped)')
    .option('--timezone <tz>', 'time zone of the cron expression (default: the machine\'s)', undefined)
    .action(async (expr: string, list: string, o: ScheduleOpts, cmd: Command) => {
      const bundle = checklistFor(cmd);
      checkScorecard(bundle, o.scorecard);
      loadSiteList(list); // a broken list fails now, not at 2 a.m.
      const times = o.times === undefined ? undefined : Number(o.times);
      if (times !== undefined && !(Number.isInteger(times) && times > 0)) throw new UsageError(`--times expects a whole number ≥ 1, got "${o.times}"`);
      let job: Cron;
      try {
        job = new Cron(expr, { paused: true, timezone: o.timezone, protect: true });
      } catch (err) {
        throw new UsageError(`not a cron expression: "${expr}" (${(err as Error).message})`);
      }
      job.stop(); // that one only checked the expression
      const ctx = commandContext(cmd);
      let count = 0;
      await new Promise<void>((done) => {
        const stop = (): void => { job.stop(); done(); };
        ctx.signal.addEventListener('abort', stop, { once: true });
        ctx.log.info({ cron: expr, next: job.nextRun()?.toISOString() }, 'schedule started');
        job = new Cron(expr, { timezone: o.timezone, protect: () => ctx.log.warn({ cron: expr }, `a run is still going at ${new Date().toISOString()}; this tick is skipped`) }, async () => {
          const name = `${o.name ?? 'scheduled'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
          const { runId, outcome } = await benchmarkList(ctx, bundle, list, { name, scorecard: o.scorecard }, 'run');
          reportOutcome(ctx, bundle, runId, outcome);
          const prev = previousRun(ctx.db, getRun(ctx.db, runId)!);
          const files = await writeOutputs(ctx.db, bundle, runId, resolve(dirname(ctx.opts.db)), prev?.id);
          ctx.out(`workbook ${files.xlsx}\nreport   ${files.report}`);
          count++;
          if (times !== undefined && count >= times) stop();
          else ctx.log.info({ next: job.nextRun()?.toISOString() }, 'next run');
        });
      });
      ctx.db.close();
    });
}
