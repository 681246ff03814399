// End to end: `govbench audit` over every fixture portal, through the built CLI, against a
// real SQLite file and the loopback fixture web; then `govbench score` on the stored runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureSiteList } from '../../src/pipeline/fixture-sites.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { auditSchema } from '../helpers/audit-schema.js';
import type { AuditDocument } from '../../src/pipeline/audit-document.js';
import { repoPath } from '../../src/util/repo-path.js';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import { placeIndicators } from '../../src/scoring/scorecard.js';
import { openDatabase } from '../../src/store/database.js';
import { crawlsOfRun } from '../../src/store/site-crawls.js';
import { judgeCrawl } from '../../src/pipeline/judge-crawl.js';
import { auditDocument } from '../../src/pipeline/audit-document.js';
import { formatScorecard } from '../../src/cli/format-scorecard.js';

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
    // ALL: every scored indicator this static audit can judge passes; the phone checks need the
    // browser. Indicators reported, not scored (weight 0) are another scorecard's business.
    if (expected.pass === 'ALL') {
      for (const i of doc.indicators.filter((x) => x.weight > 0)) expect(i.outcome === 'pass' || (i.outcome === 'notApplicable' && i.reason === 'no browser'), `${slug}: ${i.id}`).toBe(true);
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

describe('every indicator judged on every site', () => {
  const bundle = loadChecklist();
  const SITE_FUNCTIONS = ['site-identifier', 'icp-filing', 'police-filing', 'party-gov-badge', 'site-search', 'accessibility-mode', 'error-report'];

  it("lists every indicator of the checklists in every site's --json, each with its scorecard weight", () => {
    for (const [slug, doc] of docs) {
      expect(doc.indicators.map((i) => i.id).sort(), slug).toEqual([...bundle.indicators.keys()].sort());
      const weights = new Map(placeIndicators(bundle.scorecards.get(doc.scorecard)!, bundle.indicators).map((p) => [p.record.id, p.weight]));
      for (const i of doc.indicators) expect(i.weight, `${slug}: ${i.id}`).toBe(weights.get(i.id));
      // Scored first, then the ones reported, not scored; a category of weight 0 is not a score column.
      const firstReported = doc.indicators.findIndex((i) => i.weight === 0);
      expect(doc.indicators.slice(firstReported).every((i) => i.weight === 0), slug).toBe(true);
      expect(Object.keys(doc.score.categories), slug).not.toContain('site-functions');
    }
  });

  it('shows a US site its disclosure, service and interaction findings, reported with weight 0', () => {
    const doc = docs.get('us-federal')!;
    for (const category of ['disclosure', 'services', 'interaction']) {
      const found = doc.indicators.filter((i) => i.category === category);
      expect(found.length, category).toBeGreaterThanOrEqual(3);
      expect(found.every((i) => i.weight === 0 && i.evidence.length > 0), category).toBe(true);
    }
    const by = new Map(doc.indicators.map((i) => [i.id, i]));
    // Its FOIA link is a disclosure finding too; it has no leader's mailbox and no service guides.
    expect(by.get('disclosure-portal')).toMatchObject({ category: 'disclosure', weight: 0, outcome: 'pass' });
    expect(by.get('disclosure-portal')!.evidence[0]!.text).toBe('FOIA');
    expect(by.get('leader-mailbox')).toMatchObject({ category: 'interaction', weight: 0, outcome: 'fail' });
    expect(by.get('service-guide')).toMatchObject({ category: 'services', weight: 0, outcome: 'fail' });
    // What the US scorecard weighs keeps its category and weight.
    expect(by.get('online-consultation')).toMatchObject({ category: 'engagement', weight: 2, outcome: 'pass' });
  });

  it('shows a Chinese site its site-function items, with the evidence that decided them', () => {
    const doc = docs.get('model-ministry')!;
    const items = doc.indicators.filter((i) => i.category === 'site-functions');
    expect(items.map((i) => i.id)).toEqual(SITE_FUNCTIONS);
    expect(Object.fromEntries(items.map((i) => [i.id, `${i.outcome} ${i.weight}`]))).toEqual({
      'site-identifier': 'pass 0', 'icp-filing': 'pass 0', 'police-filing': 'pass 0', 'party-gov-badge': 'pass 0',
      'site-search': 'pass 0', 'accessibility-mode': 'pass 0',
      // Its footer gives an e-mail address for corrections, not a 我要纠错 link.
      'error-report': 'fail 0',
    });
    const text = (id: string) => items.find((i) => i.id === id)!.evidence[0]!.text;
    expect(text('site-identifier')).toBe('网站标识码:bm12345678');
    expect(text('icp-filing')).toBe('京ICP备05012345号-1');
    expect(text('police-filing')).toBe('京公网安备 11010202000001');
    expect(items.find((i) => i.id === 'party-gov-badge')!.evidence[0]!.href).toMatch(/^http:\/\/bszs\.conac\.cn\//);
  });

  it('scores every site exactly as the checklists without the reported indicators do', async () => {
    // The checklists as they were before: no site-function records, no category for them.
    const before = join(dir, 'checklists-before');
    cpSync(repoPath('checklists'), before, { recursive: true });
    rmSync(join(before, 'indicators', 'site-functions.json'));
    const cardFile = join(before, 'scorecards', 'cn-central-organ.json');
    const card = JSON.parse(readFileSync(cardFile, 'utf8')) as { categories: { id: string }[] };
    card.categories = card.categories.filter((c) => c.id !== 'site-functions');
    writeFileSync(cardFile, JSON.stringify(card));
    // Re-judged in process from the stored snapshots (what `score --run` does), to keep the test quick.
    const older = loadChecklist(before);
    const store = openDatabase(db);
    try {
      for (const [slug, doc] of docs) {
        const again = judgeCrawl(store, crawlsOfRun(store, doc.runId)[0]!, older, { seedUrl: doc.url, scorecardName: doc.scorecard });
        expect(auditDocument(again, older, { url: doc.url, runId: doc.runId }).score, slug).toEqual(doc.score);
        expect(again.results.some((i) => i.category === 'site-functions'), slug).toBe(false);
      }
    } finally {
      store.close();
    }
  });

  it('prints them on the terminal in a "reported, not scored" group after the scored categories', async () => {
    // The terminal scorecard of the stored model-ministry audit, printed by the CLI (`score` prints what `audit` prints).
    const cn = await runCli(['--db', db, '--log-level', 'silent', 'score', '--run', String(docs.get('model-ministry')!.runId)]);
    expect(cn.code, cn.stderr).toBe(0);
    const [scoredPart, reportedPart] = cn.stdout.split(/\nreported, not scored \(weight 0\): \d+ of \d+ found\n/);
    expect(reportedPart, cn.stdout).toBeDefined();
    expect(scoredPart).toContain('信息公开');
    expect(reportedPart).toMatch(/^ 网站功能与保障\n/);
    expect(reportedPart).toMatch(/✓ Shows its site identifier \(网站标识码\)  \[site-identifier\]\n {6}\S+  “网站标识码:bm12345678”/);
    for (const id of SITE_FUNCTIONS) {
      expect(reportedPart).toContain(`[${id}]`);
      expect(scoredPart).not.toContain(`[${id}]`);
    }
    // The US site: its disclosure, service and interaction findings, by category, with their evidence.
    const us = docs.get('us-federal')!;
    const usReported = formatScorecard(us, new Map()).split(/\nreported, not scored \(weight 0\)/)[1]!;
    for (const head of [' disclosure\n', ' services\n', ' interaction\n']) expect(usReported).toContain(head);
    expect(usReported).toMatch(/✓ \S.*\[disclosure-portal\]\n {6}\S+  “FOIA”/);
  });
});

