// govbench demo: the whole main job on the bundled fixture web, on loopback only: serve the
// fixture portals, benchmark checklists/sites/demo.csv, rank, and write the workbook, the CSVs
// and the HTML report under output/ (the database's folder).
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { checklistFor, commandContext } from '../context.js';
import { crawlOptionsFrom } from '../global-options.js';
import { FixtureServer } from '../../fixture-server/index.js';
import { fixtureResolveArgs, fixtureUrl } from '../../pipeline/fixture-sites.js';
import { loadSiteList } from '../../sites/site-list.js';
import { repoPath } from '../../util/repo-path.js';
import { benchmarkSites, reportOutcome } from './run.js';
import { writeOutputs } from './export.js';

// A fixed port keeps the demo sites' identities (their URLs) the same from one demo to the next,
// so a second demo compares with the first; another port is used when it is taken.
const DEMO_PORT = 18280;

async function startFixtures(): Promise<FixtureServer> {
  try {
    return await new FixtureServer({ port: DEMO_PORT }).start();
  } catch {
    return new FixtureServer().start();
  }
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('benchmark the bundled fixture portals on loopback and write the ranking workbook and report')
    .option('--list <file>', 'the demo site list', repoPath('checklists', 'sites', 'demo.csv'))
    .action(async (o: { list: string }, cmd: Command) => {
      const ctx = commandContext(cmd);
      const bundle = checklistFor(cmd);
      const listed = loadSiteList(o.list);
      const server = await startFixtures();
      try {
        const sites = listed.map((s) => ({ ...s, url: fixtureUrl(server, s.url) }));
        const crawl = { ...crawlOptionsFrom(ctx.opts), resolve: [...ctx.opts.resolve, ...fixtureResolveArgs(server)] };
        ctx.out(`serving ${sites.length} fixture portals on ${server.address}:${server.port}; benchmarking into ${ctx.opts.db}`);
        const { runId, outcome } = await benchmarkSites(ctx, bundle, sites, { list: resolve(o.list), name: 'demo', crawl });
        reportOutcome(ctx, bundle, runId, outcome);
        const prev = ctx.db.prepare(`SELECT id FROM runs WHERE kind = 'run' AND name = 'demo' AND status = 'done' AND id < ? ORDER BY id DESC LIMIT 1`).get(runId) as { id: number } | undefined;
        const files = await writeOutputs(ctx.db, bundle, runId, resolve(dirname(ctx.opts.db)), prev?.id);
        ctx.out(`\nworkbook  ${files.xlsx}\ncsv       ${dirname(files.csv[0]!)}/\nreport    ${files.report}${prev ? `\n(compared with the previous demo, run ${prev.id})` : ''}`);
      } finally {
        await server.close();
        ctx.db.close();
      }
    });
}
