// govbench demo: serves the bundled fixture portals on loopback and crawls them, so a fresh
// install shows the whole pipeline without touching any real site.
import type { Command } from 'commander';
import { commandContext } from '../context.js';
import { crawlOptionsFrom } from '../global-options.js';
import { FixtureServer } from '../../fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList } from '../../pipeline/fixture-sites.js';
import { createRun, finishRun } from '../../store/runs.js';
import { crawlSites } from '../../pipeline/crawl-sites.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('serve the fixture portals on loopback and crawl them all')
    .action(async (_opts: unknown, cmd: Command) => {
      const ctx = commandContext(cmd);
      const server = await new FixtureServer().start();
      try {
        const sites = fixtureSiteList(server);
        const options = { ...crawlOptionsFrom(ctx.opts), resolve: [...ctx.opts.resolve, ...fixtureResolveArgs(server)] };
        const runId = createRun(ctx.db, { kind: 'crawl', name: 'demo', options });
        ctx.out(`serving ${sites.length} fixture portals on ${server.address}:${server.port}; crawling into ${ctx.opts.db} (run ${runId})`);
        const results = await crawlSites({ db: ctx.db, runId, sites, options, logger: ctx.log, signal: ctx.signal });
        finishRun(ctx.db, runId, ctx.signal.aborted ? 'interrupted' : 'done', { sites: results.length });
        for (const site of sites) {
          const r = results.find((x) => x.site.url === site.url);
          if (!r) continue;
          const s = r.summary;
          const statuses = Object.entries(s.byStatus).map(([k, v]) => `${k} ${v}`).join(', ');
          ctx.out(`${s.status.padEnd(8)} ${site.name} <${site.url}>: ${s.pagesFetched} pages fetched (${statuses})${s.reason ? ` — ${s.reason}` : ''}`);
        }
        const total = results.reduce((n, r) => n + r.summary.pagesFetched, 0);
        ctx.out(`stored ${total} pages from ${results.length} sites in run ${runId} of ${ctx.opts.db}`);
      } finally {
        await server.close();
        ctx.db.close();
      }
    });
}
