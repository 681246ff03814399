// Benchmark runs end to end through the built CLI: a run over the fixture list ends with the
// expected ranking; a run killed with SIGKILL halfway resumes with every site scored exactly once;
// two runs around a changed fixture give the right deltas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { openDatabase } from '../../src/store/database.js';
import { loadRunResults } from '../../src/results/load-run-results.js';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { resolveFlags, writeFixtureList } from '../helpers/fixture-list.js';

const dir = tempDir();
const bundle = loadChecklist();
let server: FixtureServer;

beforeAll(async () => {
  server = await new FixtureServer().start();
}, 30_000);
afterAll(() => server?.close());

function results(dbFile: string, runId: number, compareRunId?: number) {
  const db = openDatabase(dbFile);
  try {
    return loadRunResults(db, runId, { bundle, compareRunId });
  } finally {
    db.close();
  }
}

describe('govbench run', () => {
  it('benchmarks the fixture list and ends with the expected ranking; the unreachable site is listed, not ranked', async () => {
    const list = join(dir, 'demo.csv');
    writeFixtureList(server, list, { extra: [{ name: '已关停网站', url: 'http://127.0.0.1:9/', level: 'county' }] });
    const db = join(dir, 'run.sqlite');
    const r = await runCli(['--db', db, '--log-level', 'silent', '--no-browser', '--retries', '0', ...resolveFlags(server), 'run', list, '--name', '2026 Q4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/run 1 “2026 Q4” · cn-central-organ · 10 ranked, 1 not scored/);
    const res = results(db, 1);
    const ranked = res.sites.filter((s) => s.rank !== undefined);
    expect(ranked[0]!.name).toBe('中华人民共和国示范部');
    expect(ranked[0]!.rank).toBe(1);
    expect(ranked.at(-1)!.name).toBe('简易县人民政府');
    // Ties share a rank and the next rank skips.
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1]!, ranked[i]!];
      if (a.score!.total === b.score!.total) expect(b.rank).toBe(a.rank);
      else expect(b.rank).toBe(i + 1);
    }
    const gone = res.sites.find((s) => s.url === 'http://127.0.0.1:9/')!;
    expect(gone).toMatchObject({ rank: undefined, crawlStatus: 'failed', score: undefined });
    expect(gone.crawlReason).toMatch(/homepage: refused/);
    expect(r.stdout).toMatch(/not scored \(not ranked\):\n {2}已关停网站 {2}http:\/\/127\.0\.0\.1:9\/ {2}failed: homepage: refused/);
    // Group ranks: counties ranked among counties.
    const counties = ranked.filter((s) => s.level === 'county');
    expect(counties.map((s) => s.groupRank)[0]).toBe(1);
    // The run stores its options, checklist hash, timings and counts.
    const d = new Database(db, { readonly: true });
    const run = d.prepare('SELECT * FROM runs WHERE id = 1').get() as { options_json: string; checklist_hash: string; status: string; counts_json: string; ended_at: string };
    expect(run.status).toBe('done');
    expect(run.checklist_hash).toBe(bundle.hash);
    expect(JSON.parse(run.options_json)).toMatchObject({ name: '2026 Q4', crawl: { browser: false, retries: 0 } });
    expect(JSON.parse(run.counts_json)).toMatchObject({ scored: 10, failed: 1 });
    const perCrawl = d.prepare('SELECT c.id, COUNT(j.id) AS n FROM site_crawls c LEFT JOIN judgements j ON j.crawl_id = c.id WHERE c.run_id = 1 GROUP BY c.id').all() as { n: number }[];
    expect(perCrawl.filter((x) => x.n === 1)).toHaveLength(10);
    d.close();
  }, 120_000);

  it('resumes a run killed with SIGKILL halfway, scoring every site exactly once', async () => {
    const slow = await new FixtureServer({ latencyMs: 60 }).start();
    try {
      const list = join(dir, 'slow.csv');
      writeFixtureList(slow, list);
      const db = join(dir, 'kill.sqlite');
      const args = ['--db', db, '--log-level', 'silent', '--no-browser', ...resolveFlags(slow)];
      const first = startCli([...args, 'run', list, '--site-concurrency', '2']);
      const doneCount = (): number => {
        try {
          const d = new Database(db, { readonly: true, fileMustExist: true });
          try {
            return (d.prepare(`SELECT COUNT(*) AS n FROM site_crawls WHERE status IN ('done','partial','failed')`).get() as { n: number }).n;
          } finally { d.close(); }
        } catch { return 0; }
      };
      const t0 = Date.now();
      while (doneCount() < 3 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const d = new Database(db, { readonly: true });
      expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
      const before = d.prepare(`SELECT c.id, c.site_id, c.started_at, j.id AS jid FROM site_crawls c JOIN judgements j ON j.crawl_id = c.id WHERE c.status IN ('done','partial')`).all() as { id: number; started_at: string; jid: number }[];
      const left = (d.prepare(`SELECT COUNT(*) AS n FROM site_crawls WHERE status IN ('pending','running')`).get() as { n: number }).n;
      d.close();
      expect(before.length).toBeGreaterThanOrEqual(3);
      expect(left).toBeGreaterThan(0); // killed halfway, not after the end

      const resumed = await runCli([...args, 'run', '--resume', '1']);
      expect(resumed.code, resumed.stderr).toBe(0);
      const d2 = new Database(db, { readonly: true });
      const rows = d2.prepare(`SELECT c.id, c.status, c.started_at, (SELECT COUNT(*) FROM judgements j WHERE j.crawl_id = c.id) AS n,
        (SELECT MIN(id) FROM judgements j WHERE j.crawl_id = c.id) AS jid FROM site_crawls c WHERE c.run_id = 1`).all() as { id: number; status: string; started_at: string; n: number; jid: number }[];
      const run = d2.prepare('SELECT status FROM runs WHERE id = 1').get() as { status: string };
      const judgements = (d2.prepare('SELECT COUNT(*) AS n FROM judgements').get() as { n: number }).n;
      d2.close();
      expect(run.status).toBe('done');
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.status === 'done' || r.status === 'partial')).toBe(true);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(judgements).toBe(10);
      // The sites finished before the kill were not redone.
      for (const b of before) expect(rows.find((r) => r.id === b.id)).toMatchObject({ started_at: b.started_at, jid: b.jid });
    } finally {
      await slow.close();
    }
  }, 150_000);

  it('stops cleanly on Ctrl-C: the run is interrupted, the sites in flight go back to the queue', async () => {
    const slow = await new FixtureServer({ latencyMs: 60 }).start();
    try {
      const list = join(dir, 'int.csv');
      writeFixtureList(slow, list);
      const db = join(dir, 'int.sqlite');
      const args = ['--db', db, '--log-level', 'silent', '--no-browser', ...resolveFlags(slow)];
      const first = startCli([...args, 'run', list, '--site-concurrency', '2']);
      let out = '';
      first.child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
      const t0 = Date.now();
      const scored = (): number => {
        try {
          const d = new Database(db, { readonly: true, fileMustExist: true });
          try { return (d.prepare(`SELECT COUNT(*) AS n FROM judgements`).get() as { n: number }).n; } finally { d.close(); }
        } catch { return 0; }
      };
      while (scored() < 2 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
      first.child.kill('SIGINT');
      const ended = await first.done;
      expect(ended.code).toBe(130);
      expect(ended.stdout).toMatch(/stopped before the end: continue with {2}govbench --db .* run --resume 1/);
      const d = new Database(db, { readonly: true });
      const run = d.prepare('SELECT status FROM runs WHERE id = 1').get() as { status: string };
      const states = d.prepare(`SELECT status, COUNT(*) AS n FROM site_crawls GROUP BY status`).all() as { status: string; n: number }[];
      const orphanPages = (d.prepare(`SELECT COUNT(*) AS n FROM pages p JOIN site_crawls c ON c.id = p.crawl_id WHERE c.status = 'pending'`).get() as { n: number }).n;
      d.close();
      expect(run.status).toBe('interrupted');
      expect(states.find((x) => x.status === 'running')).toBeUndefined();
      expect(states.find((x) => x.status === 'pending')?.n).toBeGreaterThan(0);
      expect(orphanPages).toBe(0);
      const resumed = await runCli([...args, 'run', '--resume', '1']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/10 ranked, 0 not scored/);
    } finally {
      await slow.close();
    }
  }, 150_000);

  it('gives the right deltas between two runs around a changed fixture', async () => {
    const list = join(dir, 'two.csv');
    writeFixtureList(server, list, { slugs: ['model-ministry', 'bare-county'] });
    const db = join(dir, 'delta.sqlite');
    const args = ['--db', db, '--log-level', 'silent', '--no-browser', ...resolveFlags(server)];
    expect((await runCli([...args, 'run', list, '--name', 'before'])).code).toBe(0);
    // The minister's mailbox disappears (its page now answers 404).
    server.setBehaviour('www.shifan.gov.cn', '/hdjl/bzxx/', { kind: 'status', status: 404 });
    try {
      const after = await runCli([...args, 'run', list, '--name', 'after']);
      expect(after.code, after.stderr).toBe(0);
    } finally {
      server.clearBehaviours();
    }
    const res = results(db, 2, 1);
    const model = res.sites.find((s) => s.name === '中华人民共和国示范部')!;
    const bare = res.sites.find((s) => s.name === '简易县人民政府')!;
    expect(model.indicators.find((i) => i.id === 'leader-mailbox')!.outcome).toBe('fail');
    // The drop is the mailbox's share of its category: weight 3 of the category's refs, times the category weight.
    const sc = bundle.scorecards.get('cn-central-organ')!;
    const cat = sc.categories.find((c) => c.refs.some((r) => r.id === 'leader-mailbox'))!;
    const share = cat.refs.find((r) => r.id === 'leader-mailbox')!.weight / cat.refs.reduce((n, r) => n + r.weight, 0);
    expect(model.delta).toBeCloseTo(-share * cat.weight, 1);
    expect(model.previous!.total).toBeCloseTo(model.score!.total - model.delta!, 1);
    expect(bare.delta).toBe(0);
    const exported = await runCli([...args, 'export', '--run', '2', '--compare', 'previous', '--out', dir]);
    expect(exported.code, exported.stderr).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'govbench-run-2.xlsx'));
    const sheet = wb.getWorksheet('Ranking')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const changeCol = header.indexOf('change') + 1;
    const siteCol = header.indexOf('site') + 1;
    let change: unknown;
    sheet.eachRow((row, n) => { if (n > 1 && row.getCell(siteCol).value === '中华人民共和国示范部') change = row.getCell(changeCol).value; });
    expect(change).toBeCloseTo(model.delta!, 1);
  }, 120_000);
});
