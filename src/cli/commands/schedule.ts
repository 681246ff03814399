// govbench schedule "<cron>" <list>: benchmark a list on a cron schedule, keeping every run, and
// writing its workbook and report after each. Runs never overlap: a tick that comes while a run
// is still going is skipped (and logged). A tick that fails (the list was edited into an invalid
// one, the database was locked) is logged and the schedule waits for the next tick: one bad
// night must not end a schedule meant to run for years.
import type { Command } from 'commander';
import { Cron } from 'croner';
import { dirname, resolve } from 'node:path';
import { checklistFor, commandContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { wholeNumber } from '../global-options.js';
import { loadSiteList } from '../../sites/site-list.js';
import { benchmarkList, checkScorecard, reportOutcome } from './run.js';
import { writeOutputs } from './export.js';
import { previousRun } from '../run-ref.js';
import { getRun } from '../../store/runs.js';
import { describeDbError } from '../../store/database.js';
import { showControlChars } from '../../util/control-chars.js';

interface ScheduleOpts { scorecard?: string; name?: string; times?: number; timezone?: string }

/** Fields of a cron expression: minute hour day month weekday, or seconds and those five. */
const MAX_CRON_FIELDS = 6;

/**
 * Refuses, as a usage error, an expression croner cannot read, one with a seventh (year) field,
 * a time zone that does not exist, and an expression that never fires (31 February): each would
 * otherwise start a schedule that waits forever without a word.
 */
export function checkCron(expr: string, timezone: string | undefined): Date {
  const fields = expr.match(/\S+/g)?.length ?? 0;
  if (fields > MAX_CRON_FIELDS) {
    throw new UsageError(`a cron expression has 5 fields (minute hour day month weekday), or 6 with seconds first; "${expr}" has ${fields}`);
  }
  if (timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      throw new UsageError(`--timezone expects a time zone name such as Asia/Shanghai, got "${timezone}"`);
    }
  }
  let probe: Cron;
  try {
    probe = new Cron(expr, { paused: true, timezone });
  } catch (err) {
    throw new UsageError(`not a cron expression: "${expr}" (${(err as Error).message})`);
  }
  const next = probe.nextRun();
  probe.stop();
  if (!next) throw new UsageError(`the cron expression "${expr}" never fires: no date to come matches it`);
  return next;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule <cron> <list>')
    .description('run a benchmark of a list on a cron schedule (e.g. "0 2 1 */3 *": 02:00 on the first day of each quarter)')
    .option('--scorecard <id>', 'one scorecard for every site')
    .option('--name <prefix>', 'run names: the prefix and the start date')
    .option('--times <n>', 'stop after n runs that finished (default: run until stopped)', wholeNumber('--times', 1))
    .option('--timezone <tz>', 'time zone of the cron expression (default: the machine\'s)', undefined)
    .action(async (expr: string, list: string, o: ScheduleOpts, cmd: Command) => {
      const bundle = checklistFor(cmd);
      checkScorecard(bundle, o.scorecard);
      loadSiteList(list); // a broken list fails now, not at 2 a.m.
      const first = checkCron(expr, o.timezone);
      const ctx = commandContext(cmd);
      let count = 0;
      let job: Cron | undefined;
      await new Promise<void>((done) => {
        const stop = (): void => { job?.stop(); done(); };
        ctx.signal.addEventListener('abort', stop, { once: true });
        ctx.log.info({ cron: expr, next: first.toISOString() }, 'schedule started');
        job = new Cron(expr, { timezone: o.timezone, protect: () => ctx.log.warn({ cron: expr }, `a run is still going at ${new Date().toISOString()}; this tick is skipped`) }, async (self: Cron) => {
          try {
            const name = `${o.name ?? 'scheduled'} ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`;
            const { runId, outcome } = await benchmarkList(ctx, bundle, list, { name, scorecard: o.scorecard }, 'run');
            reportOutcome(ctx, bundle, runId, outcome);
            const prev = previousRun(ctx.db, getRun(ctx.db, runId)!);
            const files = await writeOutputs(ctx.db, bundle, runId, resolve(dirname(ctx.opts.db)), prev?.id);
            ctx.out(`workbook ${files.xlsx}\nreport   ${files.report}`);
            count++;
          } catch (err) {
            // Only a finished run counts towards --times; the schedule itself goes on.
            const why = showControlChars(describeDbError(err, ctx.opts.db));
            ctx.log.error({ err, cron: expr, next: self.nextRun()?.toISOString() }, `this scheduled run failed (${why}); waiting for the next tick`);
            return;
          }
          if (o.times !== undefined && count >= o.times) stop();
          else ctx.log.info({ next: self.nextRun()?.toISOString() }, 'next run');
        });
      });
      ctx.db.close();
    });
}
