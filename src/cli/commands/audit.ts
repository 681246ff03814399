// govbench audit <url>: crawl one site, judge it, score it, store everything, print the scorecard.
import type { Command } from 'commander';
import { checklistFor, commandContext } from '../context.js';
import { crawlOptionsFrom, parseSiteUrl } from '../global-options.js';
import { pickScorecard } from '../../pipeline/judge-crawl.js';
import { auditSite } from '../../pipeline/audit-site.js';
import { formatScorecard } from '../format-scorecard.js';

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
      const audited = await auditSite({ db: ctx.db, bundle, scorecard: sc, seed, name: o.name, options, logger: ctx.log, signal: ctx.signal });
      ctx.db.close();
      if (!audited.ok) {
        process.stderr.write(`govbench: ${seed} could not be crawled: ${audited.reason}\n`);
        process.exitCode = 1;
        return;
      }
      const doc = audited.doc;
      if (o.json) ctx.out(JSON.stringify(doc, null, 2));
      else ctx.out(formatScorecard(doc, new Map(sc.categories.map((c) => [c.id, c.title])), o.name));
    });
}
