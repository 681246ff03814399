// From a real run (with the browser, so there are phone screenshots): the workbook read back, the
// CSVs, the HTML report opened in Chromium; and schedule, runs and history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { launchBrowser } from '../../src/browser/launch-browser.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { resolveFlags, writeFixtureList } from '../helpers/fixture-list.js';

const dir = tempDir();
const db = join(dir, 'out.sqlite');
const HOSTILE = '=HYPERLINK("http://evil.example/","点我")';
let server: FixtureServer;
let args: string[];

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['model-ministry', 'bare-county', 'legacy-desktop', 'gbk-meta'] }).start();
  args = ['--db', db, '--log-level', 'silent', ...resolveFlags(server)];
  const list = join(dir, 'list.csv');
  writeFixtureList(server, list, {
    slugs: ['model-ministry', 'bare-county', 'legacy-desktop'],
    // A list can carry hostile text too: this name must reach the workbook as text, not a formula.
    extra: [{ name: HOSTILE, url: server.url('www.hexi.gov.cn'), level: 'city' }],
  });
  const r = await runCli([...args, 'run', list, '--name', 'outputs']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => server?.close());

describe('govbench export', () => {
  it('writes a workbook made for comparison, read back here', async () => {
    const r = await runCli([...args, 'export', '--run', 'latest', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'govbench-run-1.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Ranking', 'Indicators', 'Evidence', 'Problems', 'Pages', 'Runs']);
    const ranking = wb.getWorksheet('Ranking')!;
    const header = (ranking.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['rank', 'site', 'url', 'level', 'region', 'parent', 'total']);
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ranking.autoFilter).toBeTruthy();
    expect(ranking.getRow(2).getCell(2).value).toBe('中华人民共和国示范部');
    expect(ranking.getRow(2).getCell(1).value).toBe(1);
    // The hostile name is text with a leading apostrophe, never a formula.
    let hostile: { type: number; value: unknown } | undefined;
    ranking.eachRow((row) => { const c = row.getCell(2); if (String(c.value).includes('HYPERLINK')) hostile = { type: c.type, value: c.value }; });
    expect(hostile?.value).toBe(`'${HOSTILE}`);
    expect(hostile?.type).not.toBe(ExcelJS.ValueType.Formula);
    // Indicators: a site × indicator matrix, cells linked to their evidence.
    const matrix = wb.getWorksheet('Indicators')!;
    const ids = (matrix.getRow(1).values as unknown[]).slice(1);
    expect(ids).toContain('leader-mailbox');
    const cell = matrix.getRow(2).getCell(ids.indexOf('leader-mailbox') + 1);
    expect(cell.value).toMatchObject({ text: '✓' });
    expect((cell.value as { hyperlink: string }).hyperlink).toMatch(/^http:\/\/www\.shifan\.gov\.cn:\d+\//);
    // Every indicator has a column: the scored ones, a divider, then those reported, not scored.
    const divider = ids.indexOf('reported, not scored');
    expect(divider).toBeGreaterThan(ids.indexOf('leader-mailbox'));
    expect(ids.slice(divider + 1)).toEqual(expect.arrayContaining(['site-identifier', 'icp-filing', 'error-report', 'about-page']));
    expect(matrix.getRow(2).getCell(divider + 1).value).toBeNull();
    expect(matrix.getRow(2).getCell(ids.indexOf('party-gov-badge') + 1).value).toMatchObject({ text: '✓' });
    // Evidence: one row per indicator result with page, link, text and rule.
    const evidence = wb.getWorksheet('Evidence')!;
    expect((evidence.getRow(1).values as unknown[]).slice(1)).toEqual(['site', 'url', 'indicator', 'category', 'outcome', 'page url', 'link', 'text', 'value', 'rule', 'reason', 'weight']);
    expect(evidence.rowCount).toBeGreaterThan(50);
    // Pages: status counts by site; Runs: metadata.
    expect((wb.getWorksheet('Pages')!.getRow(1).values as unknown[]).slice(1)).toContain('ok');
    const runs: Record<string, unknown> = {};
    wb.getWorksheet('Runs')!.eachRow((row, n) => { if (n > 1) runs[String(row.getCell(1).value)] = row.getCell(2).value; });
    expect(runs['name']).toBe('outputs');
    // CSVs: UTF-8 with BOM, the same columns.
    const csvDir = join(dir, 'govbench-run-1-csv');
    expect(readdirSync(csvDir).sort()).toEqual(['evidence.csv', 'indicators.csv', 'pages.csv', 'problems.csv', 'ranking.csv', 'runs.csv']);
    const csv = readFileSync(join(csvDir, 'ranking.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('中华人民共和国示范部');
    expect(csv.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.example/"",""点我"")"`);
  });
});

describe('govbench report', () => {
  it('writes one self-contained HTML file that a person can read in Chromium', async () => {
    const r = await runCli([...args, 'report', '--run', '1', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const file = join(dir, 'govbench-run-1.html');
    expect(existsSync(file)).toBe(true);
    const browser = await launchBrowser(new ResolveMap([]));
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('request', (q) => requests.push(q.url()));
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await page.goto(`file://${file}`);
      const rows = await page.locator('table').first().locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(4);
      expect(rows[0]).toContain('中华人民共和国示范部');
      expect(await page.locator('svg rect').count()).toBeGreaterThan(5);
      // Each site lists what is reported, not scored, after its scored categories.
      const reported = page.locator('section.site').first().locator('.ind-group.reported');
      expect(await reported.locator('h4').innerText()).toContain('Reported, not scored');
      expect(await reported.locator('h5').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('网站功能与保障')]));
      expect(await reported.locator('[data-indicator="site-identifier"]').count()).toBe(1);
      // The hostile name is shown as text.
      expect(await page.getByText(HOSTILE).count()).toBeGreaterThan(0);
      // Phone screenshots are embedded, decoded and visible.
      const shots = page.locator('img[src^="data:image/png"]');
      expect(await shots.count()).toBeGreaterThanOrEqual(3);
      expect(await shots.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(300);
      expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
      expect(dialogs).toEqual([]);
      await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
      expect(readFileSync(join(dir, 'report.png')).length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('govbench schedule, runs and history', () => {
  it('runs a benchmark on a cron schedule and keeps the run', async () => {
    const list = join(dir, 'one.csv');
    writeFixtureList(server, list, { slugs: ['bare-county'] });
    const r = await runCli([...args, '--no-browser', 'schedule', '* * * * * *', list, '--times', '1', '--name', 'nightly']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/run 2 “nightly \d{4}-\d\d-\d\d \d\d:\d\d”/);
    expect(r.stdout).toMatch(/report {3}.*govbench-run-2\.html/);
    const bad = await runCli([...args, 'schedule', 'every tuesday', list]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a cron expression/);
  }, 60_000);

  it('lists runs, and prints a site\'s scores across runs', async () => {
    const runs = await runCli([...args, 'runs', '--json']);
    const list = JSON.parse(runs.stdout) as { id: number; name: string; status: string; sites: number }[];
    expect(list.map((x) => x.id)).toEqual([1, 2]);
    expect(list[0]).toMatchObject({ name: 'outputs', status: 'done', sites: 4 });
    const history = await runCli([...args, 'history', '简易县', '--json']);
    const h = JSON.parse(history.stdout) as { runs: { run: number; total: number }[] }[];
    expect(h[0]!.runs.map((x) => x.run)).toEqual([1, 2]);
    expect(h[0]!.runs.every((x) => typeof x.total === 'number')).toBe(true);
  });
});
