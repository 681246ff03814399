// How well the "does this page need a browser?" heuristic does on the fixture web: every page is
// rendered (a sample share of 1), so each prediction can be checked against what rendering found.
//   node dist/scripts/render-stats.js
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer } from '../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList } from '../src/pipeline/fixture-sites.js';
import { crawlSites } from '../src/pipeline/crawl-sites.js';
import { openDatabase } from '../src/store/database.js';
import { createRun } from '../src/store/runs.js';
import { readCrawlPages } from '../src/store/page-reader.js';
import { loadChecklist } from '../src/checklist/checklist-bundle.js';
import { siteInputsFromPages } from '../src/checklist/site-inputs.js';
import { judgeSite } from '../src/checklist/judge-site.js';

const server = await new FixtureServer().start();
const dir = mkdtempSync(join(tmpdir(), 'govbench-render-stats-'));
const db = openDatabase(join(dir, 'stats.sqlite'));
const options = { resolve: fixtureResolveArgs(server), renderSample: 1 };
const runId = createRun(db, { kind: 'bench', name: 'render-stats', options });
const results = await crawlSites({ db, runId, sites: fixtureSiteList(server), options });
// The same web crawled without a browser, to count indicators that only the browser found.
const staticRun = createRun(db, { kind: 'bench', name: 'render-stats-static', options: { ...options, browser: false } });
const staticResults = await crawlSites({ db, runId: staticRun, sites: fixtureSiteList(server), options: { ...options, browser: false } });
const bundle = loadChecklist();
const staticIndicators = [...bundle.indicators.values()].filter((i) => i.input === 'static');

let pages = 0;
let suspect = 0;
let suspectFound = 0;
let sampled = 0;
let sampledFound = 0;
let indicatorsOnlyRendered = 0;
const perSite: string[] = [];
for (const r of results) {
  const stored = readCrawlPages(db, r.crawlId);
  pages += stored.filter((p) => p.status === 'ok').length;
  for (const p of stored) {
    const d = p.renders?.find((x) => x.mode === 'desktop' && x.status === 'ok');
    if (!d) continue;
    const found = (d.newLinks ?? 0) > 0;
    if (d.reason.startsWith('js-suspect')) { suspect++; if (found) suspectFound++; }
    else { sampled++; if (found) sampledFound++; }
  }
  // Indicators that pass only with the browser: judged on this crawl and on the static-only one.
  const o = { seedUrl: r.site.url, finalUrl: r.summary.finalUrl, browser: 'used' };
  const withRender = judgeSite(staticIndicators, siteInputsFromPages(stored, o));
  const twin = staticResults.find((x) => x.site.url === r.site.url)!;
  const without = judgeSite(staticIndicators, siteInputsFromPages(readCrawlPages(db, twin.crawlId), { ...o, browser: 'disabled' }));
  const gained = withRender.filter((x, i) => x.outcome === 'pass' && without[i]!.outcome !== 'pass').map((x) => x.id);
  indicatorsOnlyRendered += gained.length;
  perSite.push(`${r.site.name}: ${r.summary.renders.suspect} suspect, ${gained.length} indicators found only by rendering${gained.length ? ` (${gained.join(', ')})` : ''}`);
}
db.close();
await server.close();
rmSync(dir, { recursive: true, force: true });

const pct = (a: number, b: number): string => (b ? `${Math.round((a / b) * 1000) / 10}%` : 'n/a');
const summary = {
  bench: 'render-stats', sites: results.length, pagesOk: pages,
  suspect, suspectShare: pct(suspect, pages), suspectFoundLinks: suspectFound, wastedSuspectRenders: pct(suspect - suspectFound, suspect),
  sampledNonSuspect: sampled, sampledFoundLinks: sampledFound, missedByHeuristic: pct(sampledFound, sampled),
  indicatorsOnlyRendered,
};
process.stdout.write(perSite.join('\n') + '\n');
process.stdout.write(`pages ok ${pages}; judged JS-built: ${suspect} (${summary.suspectShare}); of those, rendering found new links on ${suspectFound} (wasted ${summary.wastedSuspectRenders})\n`);
process.stdout.write(`pages judged static: ${sampled}, all rendered to check; rendering found new links on ${sampledFound} (missed by the heuristic: ${summary.missedByHeuristic})\n`);
process.stdout.write(`${JSON.stringify(summary)}\n`);
