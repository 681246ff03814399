// govbench runs: every run kept; govbench history <site>: a site's scores across runs.
import type { Command } from 'commander';
import { commandContext } from '../context.js';
import { UsageError } from '../usage-error.js';
import { listRuns } from '../../store/runs.js';
import { siteKey } from '../../store/sites.js';
import { parseSiteUrl } from '../global-options.js';

export function registerHistory(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the database')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }, cmd: Command) => {
      const ctx = commandContext(cmd, { readonly: true });
      const rows = listRuns(ctx.db).map((r) => {
        const c = ctx.db.prepare(`SELECT COUNT(*) AS sites, SUM(status IN ('done','partial')) AS scored, SUM(status = 'failed') AS failed FROM site_crawls WHERE run_id = ?`).get(r.id) as { sites: number; scored: number | null; failed: number | null };
        return { id: r.id, kind: r.kind, name: r.name, status: r.status, started: r.started_at, ended: r.ended_at, scorecard: r.scorecard, checklistHash: r.checklist_hash, sites: c.sites, scored: c.scored ?? 0, failed: c.failed ?? 0 };
      });
      if (o.json) ctx.out(JSON.stringify(rows, null, 2));
      else {
        ctx.out('  id  kind    status       started               sites  scored  failed  name');
        for (const r of rows) ctx.out(`${String(r.id).padStart(4)}  ${r.kind.padEnd(6)}  ${r.status.padEnd(11)}  ${r.started.slice(0, 19).replace('T', ' ')}  ${String(r.sites).padStart(5)}  ${String(r.scored).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.name ?? ''}`);
      }
      ctx.db.close();
    });

  program
    .command('history <site>')
    .description('a site\'s scores across runs (by URL, or by a part of its name)')
    .option('--json', 'print JSON')
    .action((site: string, o: { json?: boolean }, cmd: Command) => {
      const ctx = commandContext(cmd, { readonly: true });
      let ids = [] as { id: number; name: string | null; url: string }[];
      if (/^[a-z]+:\/\/|\./i.test(site)) {
        ids = ctx.db.prepare(`SELECT id, name, url FROM sites WHERE url_key = ?`).all(siteKey(parseSiteUrl(site))) as typeof ids;
      }
      if (ids.length === 0) ids = ctx.db.prepare(`SELECT id, name, url FROM sites WHERE name LIKE ? ORDER BY id`).all(`%${site}%`) as typeof ids;
      if (ids.length === 0) throw new UsageError(`no site "${site}" in ${ctx.opts.db}`);
      const out = ids.map((s) => ({
        site: s,
        runs: ctx.db.prepare(`SELECT r.id AS run, r.kind, r.name AS runName, c.started_at AS crawled, c.status, c.reason, j.total, j.grade, j.scorecard
          FROM site_crawls c JOIN runs r ON r.id = c.run_id
          LEFT JOIN judgements j ON j.id = (SELECT MAX(id) FROM judgements WHERE crawl_id = c.id)
          WHERE c.site_id = ? ORDER BY r.id`).all(s.id) as { run: number; kind: string; runName: string | null; crawled: string | null; status: string; reason: string | null; total: number | null; grade: string | null; scorecard: string | null }[],
      }));
      if (o.json) ctx.out(JSON.stringify(out, null, 2));
      else for (const h of out) {
        ctx.out(`${h.site.name ?? ''} ${h.site.url}`);
        let prev: number | undefined;
        for (const r of h.runs) {
          const change = r.total !== null && prev !== undefined ? `  ${r.total - prev >= 0 ? '+' : ''}${(r.total - prev).toFixed(1)}` : '';
          ctx.out(`  run ${String(r.run).padStart(3)} ${r.kind.padEnd(6)} ${(r.crawled ?? '').slice(0, 10)}  ${r.total !== null ? `${r.total.toFixed(1).padStart(5)} ${r.grade} (${r.scorecard})` : `not scored: ${r.status}${r.reason ? ` (${r.reason})` : ''}`}${change}  ${r.runName ?? ''}`);
          if (r.total !== null) prev = r.total;
        }
      }
      ctx.db.close();
    });
}
