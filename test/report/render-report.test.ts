// The report end to end: hand-built results with Chinese names, a tie, a failed site, a compared
// run and hostile crawled text, checked as a string and then as a person sees it in real Chromium.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import type { RunResults, SiteResult } from '../../src/results/run-results.js';
import type { RunRow } from '../../src/store/runs.js';
import { renderReport, writeReport } from '../../src/report/render-report.js';
import { REPORT_CSP } from '../../src/report/page-shell.js';
import { launchBrowser } from '../../src/browser/launch-browser.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('govbench-report-');

/** A valid RGB PNG, written by hand: signature, IHDR, one IDAT of filtered rows, IEND. */
function tinyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x3c)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const HOSTILE_NAME = '<script>alert(1)</script>';
const HOSTILE_TEXT = '<img src=x onerror=alert(1)>';
const HOSTILE_HREF = 'javascript:alert(1)';
const HOSTILE_REASON = 'timed out "><b>bold</b><img src=x onerror=alert(2)>';

function runRow(id: number, name: string | null, started: string): RunRow {
  return { id, kind: 'run', name, options_json: '{}', started_at: started, ended_at: started.replace('T08', 'T09'), status: 'done', checklist_hash: 'abc123', scorecard: 'cn-central-organ', counts_json: null };
}

const CATS = [
  { id: 'disclosure', title: '信息公开' },
  { id: 'services', title: '在线服务' },
  { id: 'interaction', title: '互动交流' },
];

function site(p: Partial<SiteResult> & Pick<SiteResult, 'siteId' | 'name' | 'url'>): SiteResult {
  return { tags: [], crawlId: p.siteId * 10, crawlStatus: 'done', pagesFetched: 40, pagesOk: 38, pagesFailed: 2, byStatus: { ok: 38, 'http-404': 2 }, indicators: [], ...p };
}

const score = (total: number, grade: string, cats: [number, number][]) => ({
  total,
  grade,
  gradeLabel: grade === 'A' ? '优秀' : '良好',
  scorecard: 'cn-central-organ',
  checklistHash: 'abc123',
  categories: cats.map(([s, max], i) => ({ id: CATS[i]!.id, title: CATS[i]!.title, score: s, max })),
});

function sampleResults(shot: string): RunResults {
  return {
    run: runRow(7, '2024 部委网站评估', '2024-05-02T08:00:00.000Z'),
    options: {},
    scorecard: { id: 'cn-central-organ', title: 'Central-organ portal scorecard (中央部委网站)', categories: CATS },
    compare: runRow(5, '2023 评估', '2023-05-02T08:00:00.000Z'),
    sites: [
      site({
        siteId: 3, name: '广东省人民政府', url: 'https://www.gd.gov.cn/', level: 'province', region: '广东', groupRank: 1, rank: 2,
        score: score(70, 'B', [[30, 40], [25, 35], [15, 25]]),
        indicators: [{ id: 'leader-mailbox', category: 'interaction', title: 'Has a leader mailbox', outcome: 'pass', evidence: [{ pageUrl: 'https://www.gd.gov.cn/', href: 'https://www.gd.gov.cn/hdjl/', text: '省长信箱', rule: 'label 省长信箱 in link text (nav)' }] }],
      }),
      site({
        siteId: 1, name: '国家发展和改革委员会', url: 'https://www.ndrc.gov.cn/', level: 'ministry', region: '中央', groupRank: 1, rank: 1,
        score: score(82.5, 'A', [[35, 40], [27.5, 35], [20, 25]]), delta: 5.5, previous: { total: 77, rank: 2 }, screenshotPath: shot,
        indicators: [
          { id: 'disclosure-portal', category: 'disclosure', title: 'Has a government information disclosure section', outcome: 'pass', evidence: [{ pageUrl: 'https://www.ndrc.gov.cn/', href: 'https://www.ndrc.gov.cn/xxgk/', text: '政府信息公开', rule: 'label 政府信息公开 in link text (nav)' }] },
          { id: 'disclosure-annual-report', category: 'disclosure', title: 'Publishes annual disclosure reports', outcome: 'fail', reason: 'no 年度报告 link on 40 pages', evidence: [] },
          { id: 'mobile-viewport', category: 'services', title: 'Declares a mobile viewport', outcome: 'pass', value: 1, evidence: [{ pageUrl: 'https://www.ndrc.gov.cn/', value: 'width=device-width', rule: 'meta viewport' }] },
        ],
      }),
      site({
        siteId: 2, name: HOSTILE_NAME, url: 'http://hostile.gov.cn/', level: 'ministry', region: '中央', groupRank: 2, rank: 2,
        score: score(70, 'B', [[40, 40], [30, 35], [0, 0]]), delta: -8, previous: { total: 78, rank: 1 }, screenshotPath: join(dir, 'missing.png'),
        indicators: [
          { id: 'leader-mailbox', category: 'interaction', title: 'Has a leader mailbox', outcome: 'notApplicable', reason: HOSTILE_REASON, evidence: [] },
          { id: 'disclosure-guide', category: 'disclosure', title: 'Has a disclosure guide', outcome: 'error', reason: HOSTILE_REASON, evidence: [] },
          { id: 'policy-documents', category: 'disclosure', title: 'Publishes policy documents', outcome: 'fail', reason: HOSTILE_REASON, evidence: [{ pageUrl: HOSTILE_HREF, href: HOSTILE_HREF, text: HOSTILE_TEXT, value: HOSTILE_TEXT, rule: HOSTILE_REASON }] },
        ],
      }),
      site({
        siteId: 4, name: '某某县人民政府', url: 'javascript:alert(3)', level: 'county', crawlStatus: 'failed', crawlReason: HOSTILE_REASON,
        pagesFetched: 1, pagesOk: 0, pagesFailed: 1, byStatus: { timeout: 1 }, previous: { total: 40, rank: 3 },
      }),
    ],
  };
}

let shotPath: string;
let results: RunResults;
let doc: string;

beforeAll(() => {
  shotPath = join(dir, 'ndrc-mobile.png');
  writeFileSync(shotPath, tinyPng(24, 48));
  results = sampleResults(shotPath);
  doc = renderReport(results);
});

describe('renderReport (the document as text)', () => {
  it('is one self-contained document: no external script, style, font or image', () => {
    expect(doc.startsWith('<!doctype html>')).toBe(true);
    expect(doc).toContain('<html lang="zh-CN">');
    expect(doc).toContain('<meta charset="utf-8">');
    expect(doc).not.toMatch(/<script|<link|@import|url\(|src="http/i);
    expect(doc).toContain('"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"');
    expect(doc).toContain('@media print');
    expect(doc).toContain(`content="${REPORT_CSP.replace(/'/g, '&#39;')}"`);
  });

  it('never lets hostile crawled text out as markup', () => {
    expect(doc).not.toContain(HOSTILE_NAME);
    expect(doc).not.toContain(HOSTILE_TEXT);
    expect(doc).not.toContain('"><b>');
    expect(doc).not.toMatch(/href="\s*javascript:/i);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('<span class="url unlinked">javascript:alert(1)</span>');
  });

  it('has the header, ranking, distribution, comparison and one section per site', () => {
    expect(doc).toContain('<h1>2024 部委网站评估</h1>');
    expect(doc).toMatch(/id="count-sites"><span class="n">4</);
    expect(doc).toMatch(/id="count-scored"><span class="n">3</);
    expect(doc).toMatch(/id="count-failed"><span class="n">1</);
    for (const id of ['ranking', 'not-ranked', 'distribution', 'comparison', 'site-1', 'site-2', 'site-3', 'site-4']) expect(doc).toContain(`id="${id}"`);
    expect(doc).toContain('<span class="delta up" title="was 77.0, rank 2">▲ 5.5</span>');
    expect(doc).toContain('▼ 8.0');
    expect(doc).toContain('The phone screenshot file is missing.');
  });

  it('lists failed ones first within a site and marks each outcome', () => {
    const s2 = doc.slice(doc.indexOf('id="site-2"'), doc.indexOf('id="site-3"'));
    expect(s2.indexOf('data-indicator="policy-documents"')).toBeLessThan(s2.indexOf('data-indicator="disclosure-guide"'));
    expect(s2).toContain('>✗</span>');
    expect(s2).toContain('>error</span>');
    expect(s2).toContain('>n.a.</span>');
  });

  it('lists rises, falls, newly failed and recovered sites since the compared run', () => {
    const cmp = doc.slice(doc.indexOf('id="comparison"'), doc.indexOf('id="sites"'));
    expect(cmp).toContain('Since 2023 评估 (run #5)');
    expect(cmp.slice(cmp.indexOf('id="rose"'), cmp.indexOf('id="fell"'))).toContain('国家发展和改革委员会');
    expect(cmp.slice(cmp.indexOf('id="fell"'))).toContain('&lt;script&gt;');
    expect(cmp.slice(cmp.indexOf('id="newly-failed"'), cmp.indexOf('id="recovered"'))).toContain('某某县人民政府');
    expect(cmp.slice(cmp.indexOf('id="recovered"'))).toContain('广东省人民政府');
  });

  it('leaves the comparison out when no run is compared, and screenshots out when asked', () => {
    const plain = renderReport({ ...results, compare: undefined, sites: results.sites.map((s) => ({ ...s, delta: undefined, previous: undefined })) }, { embedScreenshots: false, title: 'T <i>' });
    expect(plain).not.toContain('id="comparison"');
    expect(plain).not.toContain('data:image/png');
    expect(plain).toContain('<title>T &lt;i&gt;</title>');
    expect(plain).not.toContain('class="delta');
  });

  it('renders an empty run', () => {
    const empty = renderReport({ run: runRow(1, null, '2024-01-01T08:00:00Z'), options: {}, sites: [] });
    expect(empty).toContain('No site was scored in this run.');
    expect(empty).toContain('<html lang="en">');
    expect(empty).toContain('govbench report: run run #1');
  });
});

describe('the report in real Chromium', () => {
  let browser: Browser;
  const file = join(dir, 'out', 'report.html');

  beforeAll(async () => {
    await writeReport(results, file);
    browser = await launchBrowser(new ResolveMap([]));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the ranking, charts, sites and screenshot, runs nothing and fetches nothing', async () => {
    const t0 = Date.now();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.title()).toBe('2024 部委网站评估');

    // The ranking: one row per scored site, in rank order, ties ordered by name.
    const rows = await page.$$eval('#ranking-table tbody tr', (trs) =>
      trs.map((tr) => ({ rank: tr.querySelector('.rank')!.textContent, name: tr.querySelector('.name')!.textContent, total: tr.querySelector('.total')!.textContent, href: tr.querySelector('.name a')!.getAttribute('href') })),
    );
    const tied = [HOSTILE_NAME, '广东省人民政府'].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
    expect(rows.map((r) => r.name)).toEqual(['国家发展和改革委员会', ...tied]);
    expect(rows.map((r) => r.total)).toEqual(['82.5', '70.0', '70.0']);
    expect(rows.map((r) => r.rank)).toEqual(['1', '2=', '2=']);
    expect(rows[0]!.href).toBe('#site-1');
    const headers = await page.$$eval('#ranking-table thead th', (ths) => ths.map((th) => th.textContent));
    expect(headers).toEqual(['Rank', 'Site', 'Level / region', 'Total', '信息公开', '在线服务', '互动交流', 'Grade', 'Change']);
    expect(await page.textContent('#ranking-table tbody tr:first-child .change')).toBe('▲ 5.5');

    // The failed site: in the not-ranked table only.
    expect(await page.$$eval('#not-ranked-table tbody tr .name', (tds) => tds.map((td) => td.textContent))).toEqual(['某某县人民政府']);
    expect(await page.textContent('#ranking-table')).not.toContain('某某县人民政府');
    expect(await page.textContent('#not-ranked-table')).toContain(HOSTILE_REASON);

    // Charts: ten histogram bands with some height, category bars with some width.
    const hist = await page.$$eval('svg.histogram rect.bar', (rs) => rs.map((r) => r.getBoundingClientRect().height));
    expect(hist).toHaveLength(10);
    expect(hist.filter((h) => h > 0)).toHaveLength(2); // 70–79 and 80–89
    const catBars = await page.$$eval('#distribution svg.category-bars rect.bar', (rs) => rs.map((r) => r.getBoundingClientRect().width));
    expect(catBars).toHaveLength(3);
    expect(catBars.every((w) => w > 0)).toBe(true);

    // A section per site; the screenshot decoded, shown at phone width.
    for (const id of [1, 2, 3, 4]) expect(await page.$(`section.site#site-${id}`)).not.toBeNull();
    const shot = await page.$eval('#site-1 img.shot', (img) => ({ src: (img as HTMLImageElement).src.slice(0, 22), natural: (img as HTMLImageElement).naturalWidth, shown: img.getBoundingClientRect().width }));
    expect(shot.src).toBe('data:image/png;base64,');
    expect(shot.natural).toBe(24);
    expect(shot.shown).toBe(360);
    expect(await page.$('#site-2 img')).toBeNull();
    expect(await page.textContent('#site-2 h3')).toBe(HOSTILE_NAME);
    expect(await page.textContent('#site-2 .ev-text')).toBe(HOSTILE_TEXT);

    // Nothing injected, nothing run, nothing fetched.
    expect(dialogs).toEqual([]);
    expect(await page.$$eval('script', (s) => s.length)).toBe(0);
    expect(await page.$$eval('b', (s) => s.length)).toBe(0);
    const handlers = await page.$$eval('*', (els) => els.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)));
    expect(handlers).toEqual([]);
    const imgSrcs = await page.$$eval('img', (imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
    expect(imgSrcs).toHaveLength(1);
    expect(imgSrcs.every((s) => s.startsWith('data:image/png;base64,'))).toBe(true);
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(10);
    expect(hrefs.filter((h) => !/^(#site-\d+|#[a-z-]+|https?:\/\/)/.test(h))).toEqual([]);
    expect(await page.$$eval('a', (as) => as.filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length)).toBe(0);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);

    const full = join(dir, 'report-full.png');
    await page.screenshot({ path: full, fullPage: true });
    expect(existsSync(full)).toBe(true);
    expect(statSync(full).size).toBeGreaterThan(1000);
    expect(readFileSync(full).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    await page.close();
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
