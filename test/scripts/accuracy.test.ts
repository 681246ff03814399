// The accuracy harness end to end on three synthetic pages (fixtures/accuracy/): served on
// loopback under their own hostnames, audited by govbench's audit path, compared with labels
// chosen to give every kind of case, and counted.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../src/util/repo-path.js';
import { runAccuracy, type AccuracyReport } from '../../scripts/accuracy/run-accuracy.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('govbench-accuracy-test-');
const corpusDir = repoPath('fixtures', 'accuracy', 'pages');
const labelsFile = repoPath('fixtures', 'accuracy', 'labels.json');
const loopback = /^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/;

describe('npm run accuracy', () => {
  it('counts true passes, false passes, misses and true fails per indicator, category and language', async () => {
    const outFile = join(dir, 'static.json');
    const r = await runAccuracy({ corpusDir, labelsFile, outFile, staticOnly: true, logLevel: 'silent' });
    expect(r.modes.map((m) => m.mode)).toEqual(['static']);
    const m = r.modes[0]!;
    expect(m.audits.filter((a) => a.failure)).toEqual([]);

    expect(m.overall).toMatchObject({ tp: 3, fp: 1, fn: 2, tn: 4, skipped: 1, notImplemented: 1, notApplicable: 0, error: 0, auditFailed: 0 });
    expect(m.overall.precision).toBeCloseTo(3 / 4, 10);
    expect(m.overall.recall).toBeCloseTo(3 / 5, 10);
    expect(m.overall.f1).toBeCloseTo(2 / 3, 10);
    expect(m.categories['disclosure']).toMatchObject({ tp: 2, fp: 0, fn: 1, tn: 2, precision: 1 });
    expect(m.categories['disclosure']!.f1).toBeCloseTo(0.8, 10);
    expect(m.categories['interaction']).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(m.categories['mobile']).toMatchObject({ tp: 1, fp: 0, fn: 0, tn: 2, f1: 1 });
    expect(m.languages['zh']).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 3 });
    expect(m.languages['en']).toMatchObject({ tp: 1, fp: 0, fn: 1, tn: 1, precision: 1, recall: 0.5 });
    expect(m.categoryByLanguage['disclosure/en']).toMatchObject({ tp: 1, fn: 1 });
    expect(m.indicators['leader-mailbox']).toMatchObject({ category: 'interaction', fp: 1, precision: 0, recall: null });
    expect(m.indicators['news-updates']).toMatchObject({ tp: 1, skipped: 1 });

    // Every false pass with govbench's evidence and the label's note; every miss with the label's text.
    expect(m.falsePasses).toHaveLength(1);
    const fp = m.falsePasses[0]!;
    expect(fp).toMatchObject({ indicator: 'leader-mailbox', file: 'zh-www-alpha-gov-cn-home.html', url: 'https://www.alpha.gov.cn/' });
    expect(fp.evidence[0]).toMatchObject({ text: '市长信箱' });
    expect(fp.evidence[0]!.href).toMatch(/^http:\/\/www\.alpha\.gov\.cn:\d+\/hdjl\/szxx\/$/);
    expect(fp.label.note).toMatch(/false pass/);
    expect(m.misses.map((c) => [c.file, c.indicator, c.label.text])).toEqual([
      ['zh-www-alpha-gov-cn-home.html', 'online-consultation', '在线咨询'],
      ['en-www-beta-gov-home.html', 'disclosure-portal', 'FOIA'],
    ]);
    expect(m.notImplemented).toEqual(['made-up-indicator']);

    // Home pages ranked by the labels and by govbench, under each page's own scorecard.
    expect(m.ranking.sites.map((s) => [s.file, s.scorecard])).toEqual([
      ['zh-www-alpha-gov-cn-home.html', 'cn-central-organ'],
      ['en-www-beta-gov-home.html', 'us-federal'],
    ]);
    expect(m.ranking.rho).toBe(1);

    // Each page was fetched from loopback under its real hostname and path (https served as http).
    expect(m.audits.map((a) => a.seed)).toEqual([
      expect.stringMatching(/^http:\/\/www\.alpha\.gov\.cn:\d+\/$/),
      expect.stringMatching(/^http:\/\/www\.alpha\.gov\.cn:\d+\/art\/2024\/05\/notice\.html$/),
      expect.stringMatching(/^http:\/\/www\.beta\.gov:\d+\/home\?lang=en$/),
    ]);
    const served = m.requests.filter((q) => q.file);
    expect(served.map((q) => [q.file, q.host, q.path, q.via, q.status])).toEqual([
      ['zh-www-alpha-gov-cn-home.html', 'www.alpha.gov.cn', '/', 'direct', 200],
      ['zh-www-alpha-gov-cn-article.html', 'www.alpha.gov.cn', '/art/2024/05/notice.html', 'direct', 200],
      ['en-www-beta-gov-home.html', 'www.beta.gov', '/home?lang=en', 'direct', 200],
    ]);
    for (const q of m.requests) expect(q.remoteAddress).toMatch(loopback);
    expect(r.pages.filter((p) => p.httpsMapped).map((p) => p.file)).toEqual(['zh-www-alpha-gov-cn-home.html', 'en-www-beta-gov-home.html']);

    // The same report on disk.
    const onDisk = JSON.parse(readFileSync(outFile, 'utf8')) as AccuracyReport;
    expect(onDisk.modes[0]!.mode).toBe('static');
    expect(onDisk.modes[0]!.overall).toEqual(m.overall);
  }, 60_000);

  it('runs a browser pass, reported apart, whose page requests never leave loopback', async () => {
    const r = await runAccuracy({ corpusDir, labelsFile, staticOnly: false, page: 'zh-www-alpha-gov-cn-home.html', logLevel: 'silent' });
    expect(r.modes.map((m) => m.mode)).toEqual(['static', 'browser']);
    const b = r.modes[1]!;
    expect(b.skipped).toBeUndefined();
    expect(b.audits).toHaveLength(1);
    expect(b.audits[0]!.failure).toBeUndefined();
    expect(b.overall).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 1 });
    // Chromium loaded the page through the harness's server under its hostname; the page's image
    // on a public address and its https script reached that server too (answered 404 / refused).
    expect(b.requests).toContainEqual(expect.objectContaining({ via: 'proxy', host: 'www.alpha.gov.cn', path: '/', status: 200, file: 'zh-www-alpha-gov-cn-home.html' }));
    expect(b.requests).toContainEqual(expect.objectContaining({ via: 'proxy', host: '203.0.113.7', path: '/counter.gif', status: 404 }));
    expect(b.requests).toContainEqual(expect.objectContaining({ via: 'connect', host: 'cdn.corpus.test:443', status: 403 }));
    for (const q of b.requests) expect(q.remoteAddress).toMatch(loopback);
  }, 90_000);

  it('fails on a corpus folder without a manifest, naming the path', async () => {
    await expect(runAccuracy({ corpusDir: dir, labelsFile, staticOnly: true })).rejects.toThrow(/no corpus manifest at .*manifest\.json/);
  });
});
