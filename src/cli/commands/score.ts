// govbench score --run <id>: re-judge and re-score a stored run from its snapshots, with no
// network access, so a keyword fix never needs a re-crawl.
import type { Command } from 'commander';
import { checklistFor, commandContext } from '../context.js';
import { resolveRun } from '../run-ref.js';
import { checkScorecard } from './run.js';
import { crawlsOfRun } from '../../store/site-crawls.js';
import { getSite } from '../../store/sites.js';
import { judgeCrawl } from '../../pipeline/judge-crawl.js';
import { auditDocument } from '../../pipeline/audit-document.js';
import { formatScorecard } from '../format-scorecard.js';

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('re-judge and re-score a stored run without fetching anything')
    .requiredOption('--run <id>', 'run id, or "latest"')
    .option('--scorecard <id>', 'scorecard to use (default: the one the run used, else by domain)')
    .option('--json', 'print a JSON list of site documents on stdout and nothing else')
    .action((o: { run: string; scorecard?: string; json?: boolean }, cmd: Command) => {
      const bundle = checklistFor(cmd);
      checkScorecard(bundle, o.scorecard);
      const ctx = commandContext(cmd);
      const run = resolveRun(ctx.db, o.run, ctx.opts.db);
      const docs = [];
      for (const crawl of crawlsOfRun(ctx.db, run.id)) {
        const site = getSite(ctx.db, crawl.site_id)!;
        if (crawl.status === 'failed' || crawl.status === 'running' || crawl.status === 'pending') continue;
        const judged = judgeCrawl(ctx.db, crawl, bundle, {
          seedUrl: site.url, scorecardName: o.scorecard ?? run.scorecard ?? undefined,
        });
        const doc = auditDocument(judged, bundle, { url: site.url, finalUrl: crawl.final_url ?? undefined, runId: run.id });
        docs.push(doc);
        if (!o.json) ctx.out(formatScorecard(doc, new Map(judged.scorecard.categories.map((c) => [c.id, c.title])), site.name ?? undefined) + '\n');
      }
      ctx.db.close();
      if (o.json) ctx.out(JSON.stringify(docs, null, 2));
    });
}
