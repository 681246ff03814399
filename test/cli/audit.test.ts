// End to end: `govbench audit` over every fixture portal, through the built CLI, against a
// real SQLite file and the loopback fixture web; then `govbench score` on the stored runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList } from '../../src/pipeline/fixture-sites.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { auditSchema } from '../helpers/audit-schema.js';
import type { AuditDocument } from '../../src/pipeline/audit-document.js';
import { repoPath } from '../../src/util/repo-path.js';

const dir = tempDir();
const db = join(dir, 'audit.sqlite');
let server: FixtureServer;
let resolve: string[];
const docs = new Map<string, AuditDocument>();

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile(auditSchema);

beforeAll(async () => {
  server = await new FixtureServer().start();
  resolve = fixtureResolveArgs(server).flatMap((r) => ['--resolve', r]);
  for (const site of fixtureSiteList(server)) {
    const r = await runCli(['--db', db, '--log-level', 'silent', ...resolve, 'audit', site.url, '--json', '--no-browser']);
    expect(r.code, `${site.manifest.slug}: ${r.stderr}`).toBe(0);
    docs.set(site.manifest.slug, JSON.parse(r.stdout) as AuditDocument);
  }
  // One CLI process per portal, one after another: a bound that only proves it finishes, on a loaded machine too.
}, 300_000);
afterAll(() => server?.close());

describe('govbench audit --json', () => {
  it('prints exactly one JSON document that matches the schema', () => {
    expect(docs.size).toBeGreaterThanOrEqual(10);
    for (const [slug, doc] of docs) expect(validate(doc), `${slug}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  });

  it.each([
    'model-ministry', 'bare-county', 'gbk-meta', 'gbk-header', 'gbk-lying', 'js-nav', 'image-menu', 'split-domain', 'legacy-desktop', 'us-federal',
    'meta-refresh', 'script-redirect', 'soft-404',
  ])('%s: expected outcomes and score', (slug) => {
    const doc = docs.get(slug)!;
    const expected = server.sites().find((s) => s.slug === slug)!.expect!.audit!;
    expect(doc.scorecard).toBe(expected.scorecard);
    const outcome = new Map(doc.indicators.map((i) => [i.id, i.outcome]));
    // ALL: every indicator this static audit can judge passes; the phone checks need the browser.
    if (expected.pass === 'ALL') {
      for (const i of doc.indicators) expect(i.outcome === 'pass' || (i.outcome === 'notApplicable' && i.reason === 'no browser'), `${slug}: ${i.id}`).toBe(true);
    }
    const pass = expected.pass === 'ALL' ? [] : expected.pass ?? [];
    for (const id of pass) expect(outcome.get(id), `${slug}: ${id}`).toBe('pass');
    for (const id of expected.fail ?? []) expect(outcome.get(id), `${slug}: ${id}`).toBe('fail');
    if (expected.minScore !== undefined) expect(doc.score.total).toBeGreaterThanOrEqual(expected.minScore);
    if (expected.maxScore !== undefined) expect(doc.score.total).toBeLessThanOrEqual(expected.maxScore);
    // Every pass carries evidence a person can click.
    for (const i of doc.indicators.filter((x) => x.outcome === 'pass')) {
      expect(i.evidence.length, `${slug}: ${i.id}`).toBeGreaterThan(0);
      expect(i.evidence[0]!.pageUrl).toMatch(/^https?:\/\//);
    }
  });

  it('scores the model ministry at least 90 and the bare county at most 20', () => {
    expect(docs.get('model-ministry')!.score.total).toBeGreaterThanOrEqual(90);
    expect(docs.get('bare-county')!.score.total).toBeLessThanOrEqual(20);
  });

  it('fetches only the given URL, robots.txt and one soft-404 probe with --max-pages 1', async () => {
    server.stats.reset();
    const url = server.url('www.shifan.gov.cn');
    const r = await runCli(['--db', join(dir, 'one.sqlite'), '--log-level', 'silent', '--max-pages', '1', '--no-browser', ...resolve, 'audit', url, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const paths = server.stats.requests.map((q) => q.path).sort();
    expect(paths).toEqual(['/', expect.stringMatching(/^\/govbench-[0-9a-f]{12}\.html$/), '/robots.txt']);
    expect((JSON.parse(r.stdout) as AuditDocument).pages.fetched).toBe(1);
  });

  it('exits 1 with a one-line reason when the site cannot be crawled, and 2 on bad usage', async () => {
    const down = await runCli(['--db', join(dir, 'down.sqlite'), '--log-level', 'silent', '--retries', '0', 'audit', 'http://127.0.0.1:9/', '--json']);
    expect(down.code).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/could not be crawled: homepage: refused/);
    const bad = await runCli(['--db', join(dir, 'x.sqlite'), 'audit', 'http://www.shifan.gov.cn/', '--scorecard', 'no-such']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown scorecard "no-such"/);
    const unknown = await runCli(['audit', 'http://www.shifan.gov.cn/', '--frobnicate']);
    expect(unknown.code).toBe(2);
  });
});

describe('govbench score --run', () => {
  it('reproduces the original audit from the stored snapshots', async () => {
    for (const [slug, doc] of docs) {
      const r = await runCli(['--db', db, '--log-level', 'silent', 'score', '--run', String(doc.runId), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const [again] = JSON.parse(r.stdout) as AuditDocument[];
      expect(again!.score, slug).toEqual(doc.score);
      expect(again!.indicators, slug).toEqual(doc.indicators);
      expect(again!.notes, slug).toEqual(doc.notes);
    }
  }, 300_000);

  it('changes after a checklist edit, without fetching anything', async () => {
    // A copy of the checklists with one keyword removed: the model ministry's 部长信箱 no longer counts.
    const checklists = join(dir, 'checklists');
    cpSync(repoPath('checklists'), checklists, { recursive: true });
    const file = join(checklists, 'indicators', 'interaction.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { indicators: { id: string; options: { labels: { zh: string[] }; slugs?: string[] }; alternatives?: unknown }[] };
    const mailbox = data.indicators.find((i) => i.id === 'leader-mailbox')!;
    mailbox.options.labels.zh = mailbox.options.labels.zh.filter((l) => l !== '部长信箱' && l !== '来信选登');
    mailbox.options.slugs = [];
    writeFileSync(file, JSON.stringify(data));
    server.stats.reset();
    const doc = docs.get('model-ministry')!;
    const r = await runCli(['--db', db, '--log-level', 'silent', '--checklists', checklists, 'score', '--run', String(doc.runId), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [edited] = JSON.parse(r.stdout) as AuditDocument[];
    expect(edited!.indicators.find((i) => i.id === 'leader-mailbox')!.outcome).toBe('fail');
    expect(edited!.score.total).toBeLessThan(doc.score.total);
    expect(edited!.checklistHash).not.toBe(doc.checklistHash);
    expect(server.stats.requests).toHaveLength(0);
  }, 60_000);
});
