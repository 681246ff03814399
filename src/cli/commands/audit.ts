// govbench audit <url>: crawl one site, judge it, score it, store everything, print the scorecard.
import type { Command } from 'commander';
import { checklistFor, commandContext } from '../context.js';
import { crawlOptionsFrom, parseSiteUrl } from '../global-options.js';
import { createRun, finishRun } from '../../store/runs.js';
import { crawlSites } from '../../pipeline/crawl-sites.js';
import { judgeCrawl, pickScorecard } from '../../pipeline/judge-crawl.js';
import { auditDocument } from '../../pipeline/audit-document.js';
import { formatScorecard } from '../format-scorecard.js';
import { crawlsOfRun } from '../../store/site-crawls.js';

interface AuditOpts {
  scorecard?: string;
  json?: boolean;
  name?: string;
}

export function registerAudit(program: Command): void {
  program
    .command('audit <url>')
    .description('crawl, judge and score one site; print its scorecard with evidence')
    .option('--scorecard <id>', 'scorecard to use (default: by the site\'s domain: cn-central-organ for .gov.cn, us-federal for .gov)')
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('--name <name>', 'the site\'s name, for reports')
    .action(async (url: string, o: AuditOpts, cmd: Command) => {
      const seed = parseSiteUrl(url);
      const bundle = checklistFor(cmd);
      const sc = pickScorecard(bundle, seed, o.scorecard);
      const ctx = commandContext(cmd);
      const options = crawlOptionsFrom(ctx.opts);
      const runId = createRun(ctx.db, { kind: 'audit', name: o.name, options: { ...options, sites: [seed] }, checklistHash: bundle.hash, scorecard: sc.id });
      const [crawled] = await crawlSites({ db: ctx.db, runId, sites: [{ url: seed, name: o.name }], options, logger: ctx.log, signal: ctx.signal });
      if (!crawled || crawled.summary.status === 'failed') {
        finishRun(ctx.db, runId, 'failed', { sites: 1, failed: 1 });
        ctx.db.close();
        process.stderr.write(`govbench: ${seed} could not be crawled: ${crawled?.summary.reason ?? 'stopped'}\n`);
        process.exitCode = 1;
        return;
      }
      const crawl = crawlsOfRun(ctx.db, runId)[0]!;
      const judged = judgeCrawl(ctx.db, crawl, bundle, { seedUrl: seed, scorecardName: sc.id });
      finishRun(ctx.db, runId, ctx.signal.aborted ? 'interrupted' : 'done', { sites: 1, total: judged.score.total });
      const doc = auditDocument(judged, bundle, { url: seed, finalUrl: crawled.summary.finalUrl, runId });
      ctx.db.close();
      if (o.json) ctx.out(JSON.stringify(doc, null, 2));
      else ctx.out(formatScorecard(doc, new Map(sc.categories.map((c) => [c.id, c.title])), o.name));
    });
}
