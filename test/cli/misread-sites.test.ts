// End to end through the built CLI, on the fixture web and a real SQLite file: sites that a crawler
// misreads (a redirect stub for a homepage, a homepage past the byte cap, a wrong charset, a site
// that answers 200 for missing pages) are scored on what a visitor sees, with a note saying how
// they were read, and never ranked as a genuine zero.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { openDatabase } from '../../src/store/database.js';
import { loadRunResults } from '../../src/results/load-run-results.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { resolveFlags } from '../helpers/fixture-list.js';
import type { AuditDocument } from '../../src/pipeline/audit-document.js';

const dir = tempDir();
const db = join(dir, 'misread.sqlite');
let server: FixtureServer;
let args: string[];

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['meta-refresh', 'script-redirect', 'soft-404', 'gbk-lying', 'model-ministry'] }).start();
  args = ['--db', db, '--log-level', 'silent', '--no-browser', ...resolveFlags(server)];
}, 30_000);
afterAll(() => server?.close());

async function audit(host: string, extra: string[] = [], json = true) {
  const r = await runCli([...args, ...extra, 'audit', server.url(host), ...(json ? ['--json'] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return { r, doc: json ? (JSON.parse(r.stdout) as AuditDocument) : undefined };
}
const outcome = (doc: AuditDocument, id: string) => doc.indicators.find((i) => i.id === id)?.outcome;
// Each test spawns the CLI once or twice: bounds that only prove it finishes.
const CLI_TIME = 90_000;

describe('audit of sites a crawler misreads', () => {
  it('judges a meta-refresh homepage where the visitor lands, and says so', async () => {
    const { doc } = await audit('www.songling.gov.cn');
    expect(doc!.finalUrl).toBe(server.url('www.songling.gov.cn', '/portal/index.html'));
    expect(doc!.notes).toEqual([expect.objectContaining({ kind: 'homepage-redirect', pageUrl: server.url('www.songling.gov.cn') })]);
    expect(doc!.notes[0]!.text).toMatch(/<meta refresh> from .* to .*\/portal\/index\.html/);
    for (const id of ['disclosure-portal', 'service-portal', 'leader-mailbox', 'news-updates']) expect(outcome(doc!, id), id).toBe('pass');
    expect(doc!.score.total).toBeGreaterThanOrEqual(30);
  }, CLI_TIME);

  it('prints the redirect note in the terminal scorecard of a script-redirect homepage', async () => {
    const { r } = await audit('www.liuhe.gov.cn', [], false);
    expect(r.stdout).toMatch(new RegExp(`note \\(homepage-redirect\\): the homepage sends visitors on by a script from ${server.url('www.liuhe.gov.cn').replace(/[./]/g, '\\$&')} to ${server.url('www.lhs.gov.cn').replace(/[./]/g, '\\$&')}`));
    expect(r.stdout.split('\n')[0]).toBe(server.url('www.lhs.gov.cn'));
  }, CLI_TIME);

  it('scores a homepage larger than the byte cap on the part kept, with a note', async () => {
    const { doc } = await audit('www.shifan.gov.cn', ['--max-bytes', '4096', '--max-pages', '10']);
    expect(doc!.notes.map((n) => n.kind)).toContain('homepage-cut');
    expect(doc!.notes.find((n) => n.kind === 'homepage-cut')!.text).toMatch(/cut at 4096 bytes/);
    expect(outcome(doc!, 'disclosure-portal')).toBe('pass');
    expect(doc!.score.total).toBeGreaterThan(0);
  }, CLI_TIME);

  it('reports a wrong charset declaration as a finding, judging the correctly decoded text; score --run shows it again', async () => {
    const { doc } = await audit('www.xiling.gov.cn');
    const note = (doc!.notes ?? []).find((n) => n.kind === 'charset-mislabel');
    expect(note?.text).toMatch(/^the HTTP header says utf-8 but the page is gb18030: browsers show (\d+) of \1 page\(s\) garbled/);
    expect(outcome(doc!, 'disclosure-portal')).toBe('pass');
    const again = await runCli([...args, 'score', '--run', String(doc!.runId), '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as AuditDocument[])[0]!.notes).toEqual(doc!.notes);
  }, CLI_TIME);

  it('counts the soft-404 pages of a site as dead: links to them prove nothing', async () => {
    const { doc } = await audit('www.shuangxi.gov.cn');
    expect(outcome(doc!, 'leader-mailbox')).toBe('fail');
    expect(outcome(doc!, 'opinion-collection')).toBe('fail');
    expect((doc!.notes ?? []).find((n) => n.kind === 'soft-404')?.text).toMatch(/answers 200 with its “page not found” page .*; 3 page\(s\) counted as dead/);
    expect(outcome(doc!, 'disclosure-portal')).toBe('pass');
  }, CLI_TIME);
});

describe('govbench run over such sites', () => {
  it('ranks the redirect homepages on their portals, never as a genuine zero; a soft-404 homepage is not scored, with the reason', async () => {
    server.setBehaviour('www.shuangxi.gov.cn', '/', { kind: 'status', status: 302, headers: { location: '/no-such-page/' } });
    const list = join(dir, 'list.csv');
    writeFileSync(list, ['name,url,level',
      `松岭县人民政府,${server.url('www.songling.gov.cn')},county`,
      `柳河市人民政府,${server.url('www.liuhe.gov.cn')},city`,
      `双溪县人民政府,${server.url('www.shuangxi.gov.cn')},county`].join('\n') + '\n');
    const r = await runCli([...args, 'run', list, '--name', 'misread']);
    server.clearBehaviours();
    expect(r.code, r.stderr).toBe(0);
    const d = openDatabase(db);
    const res = loadRunResults(d, Number(/run (\d+)/.exec(r.stdout)![1]));
    d.close();
    const byName = new Map(res.sites.map((s) => [s.name, s]));
    for (const name of ['松岭县人民政府', '柳河市人民政府']) {
      expect(byName.get(name)!.rank, name).toBeDefined();
      expect(byName.get(name)!.score!.total, name).toBeGreaterThanOrEqual(30);
    }
    expect(byName.get('双溪县人民政府')).toMatchObject({ rank: undefined, crawlStatus: 'failed' });
    expect(byName.get('双溪县人民政府')!.crawlReason).toMatch(/^homepage: soft-404/);
  }, 2 * CLI_TIME);
});
