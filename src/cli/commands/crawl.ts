// govbench crawl <url>: one site into the store, then its pages by status.
import type { Command } from 'commander';
import { commandContext } from '../context.js';
import { crawlOptionsFrom, parseSiteUrl } from '../global-options.js';
import { createRun, finishRun } from '../../store/runs.js';
import { crawlSites } from '../../pipeline/crawl-sites.js';
import { formatCrawlReport } from '../format-crawl.js';

export function registerCrawl(program: Command): void {
  program
    .command('crawl <url>')
    .description('crawl one site within the budget and store its pages')
    .option('--name <name>', 'a name for the run')
    .action(async (url: string, _opts: unknown, cmd: Command) => {
      const seed = parseSiteUrl(url);
      const ctx = commandContext(cmd);
      const options = crawlOptionsFrom(ctx.opts);
      const runId = createRun(ctx.db, { kind: 'crawl', name: (cmd.opts() as { name?: string }).name, options: { ...options, sites: [seed] } });
      const [result] = await crawlSites({ db: ctx.db, runId, sites: [{ url: seed }], options, logger: ctx.log, signal: ctx.signal });
      const status = ctx.signal.aborted ? 'interrupted' : 'done';
      finishRun(ctx.db, runId, status, result ? { sites: 1, byStatus: result.summary.byStatus } : { sites: 0 });
      if (!result) throw new Error('the crawl was stopped before it started');
      ctx.out(formatCrawlReport(ctx.db, runId, result));
      ctx.db.close();
      if (result.summary.status === 'failed') process.exitCode = 1;
    });
}
