// The spreadsheet export end to end: hand-built results written to a temp folder, then the
// workbook read back with exceljs and the CSVs parsed back, asserting what a reviewer relies on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CSV_FILES,
  EVIDENCE_COLUMNS,
  INDICATOR_COLUMNS_BEFORE_INDICATORS,
  OUTCOME_FILLS,
  PAGES_COLUMNS_BEFORE_STATUSES,
  PROBLEM_COLUMNS,
  RANKING_COLUMNS_AFTER_CATEGORIES,
  RANKING_COLUMNS_BEFORE_CATEGORIES,
  RUN_COLUMNS,
  RUN_KEYS,
  SHEET_NAMES,
  buildSheets,
  exportRun,
} from '../../src/export/index.js';
import type { IndicatorOutcome, RunResults, SiteResult } from '../../src/results/run-results.js';
import { tempDir } from '../helpers/temp-dir.js';

const EVIL = '=HYPERLINK("http://evil")';
const MULTILINE = 'line one\nline two, with "quotes"';
const COMMERCE = 'Ministry of Commerce, "MOFCOM"';
const DDE = "=cmd|' /C calc'!A0";

function site(over: Partial<SiteResult> & Pick<SiteResult, 'siteId' | 'name' | 'url'>): SiteResult {
  return {
    tags: [],
    crawlId: over.siteId * 10,
    crawlStatus: 'done',
    pagesFetched: 0,
    pagesOk: 0,
    pagesFailed: 0,
    byStatus: {},
    indicators: [],
    ...over,
  };
}

const ind = (id: string, category: string, outcome: IndicatorOutcome['outcome'], evidence: IndicatorOutcome['evidence'] = [], extra: Partial<IndicatorOutcome> = {}): IndicatorOutcome => ({
  id, category, title: id, outcome, evidence, ...extra,
});

const score = (total: number, grade: string, gradeLabel: string, disclosure: number, services: number): SiteResult['score'] => ({
  total, grade, gradeLabel, scorecard: 'cn-central-organ', checklistHash: 'abc123',
  categories: [
    { id: 'disclosure', title: '信息公开', score: disclosure, max: 60 },
    { id: 'services', title: '在线服务', score: services, max: 40 },
  ],
});

/** Four sites: the failed, unscored one listed first to prove it sorts last; two tied at 80. */
function sampleResults(): RunResults {
  const moe = 'https://www.moe.gov.cn/';
  return {
    run: {
      id: 7, kind: 'run', name: '部委对比', options_json: '{}', started_at: '2024-05-01T08:00:00.000Z',
      ended_at: '2024-05-01T09:00:00.000Z', status: 'done', checklist_hash: 'abc123', scorecard: 'cn-central-organ', counts_json: null,
    },
    options: { maxPages: 40, note: 'a, "b"' },
    scorecard: { id: 'cn-central-organ', title: '部委网站', categories: [{ id: 'disclosure', title: '信息公开' }, { id: 'services', title: '在线服务' }] },
    compare: {
      id: 5, kind: 'run', name: null, options_json: '{}', started_at: '2024-04-01T08:00:00.000Z', ended_at: null,
      status: 'done', checklist_hash: 'abc123', scorecard: 'cn-central-organ', counts_json: null,
    },
    sites: [
      site({
        siteId: 4, name: '某某局', url: 'https://www.broken.gov.cn/', level: 'city', crawlStatus: 'failed', crawlReason: 'dns: ENOTFOUND',
        pagesFetched: 1, pagesFailed: 1, byStatus: { dns: 1 },
      }),
      site({
        siteId: 1, name: '中华人民共和国教育部', url: moe, level: 'ministry', region: '北京', parent: '中华人民共和国国务院',
        rank: 1, delta: 5, previous: { total: 75, rank: 2 }, score: score(80, 'B', '良好', 50, 30),
        pagesFetched: 12, pagesOk: 10, pagesFailed: 2, byStatus: { ok: 10, 'http-4xx': 1, timeout: 1, quantum: 2 },
        indicators: [
          ind('leader-mailbox', 'interaction', 'pass', [
            { pageUrl: moe, href: 'https://www.moe.gov.cn/mailbox/', text: '部长信箱', rule: 'label 部长信箱 in link text (nav)' },
            { pageUrl: 'https://www.moe.gov.cn/hd/', href: 'https://www.moe.gov.cn/mailbox2/', text: '【部长信箱】', rule: 'label 部长信箱 in link title' },
          ]),
          ind('disclosure-portal', 'disclosure', 'pass', [{ pageUrl: moe, href: 'https://www.moe.gov.cn/zwgk/', text: '政务公开', rule: 'label 政务公开 in link text (nav)' }]),
          ind('disclosure-guide', 'disclosure', 'fail', [{ pageUrl: moe, href: 'javascript:void(0)', text: EVIL, rule: 'no label 公开指南' }], { reason: 'searched 12 pages' }),
          ind('service-portal', 'services', 'notApplicable', [], { reason: 'no services' }),
        ],
      }),
      site({
        siteId: 2, name: COMMERCE, url: 'http://www.mofcom.gov.cn/', level: 'ministry', region: '北京',
        rank: 1, score: score(80, 'B', '良好', 45, 35), pagesFetched: 5, pagesOk: 4, pagesFailed: 1, byStatus: { ok: 4, blocked: 1 },
        indicators: [
          ind('disclosure-portal', 'disclosure', 'pass', [{ pageUrl: 'http://www.mofcom.gov.cn/', text: MULTILINE, value: '+1+1', rule: '-2' }]),
          ind('disclosure-guide', 'disclosure', 'pass', [{ pageUrl: 'javascript:alert(1)', href: 'http://www.mofcom.gov.cn/guide/', text: '@SUM(A1)', rule: 'r' }]),
          ind('service-portal', 'services', 'error', [], { reason: 'detector threw: boom' }),
        ],
      }),
      site({
        siteId: 3, name: DDE, url: 'https://www.third.gov.cn/', level: 'province', crawlStatus: 'partial', crawlReason: 'budget: page limit',
        rank: 3, score: score(61.5, 'C', '合格', 40, 21.5), pagesFetched: 3, pagesOk: 3, byStatus: { ok: 3, budget: 9 },
        indicators: [ind('disclosure-portal', 'disclosure', 'fail', [], { value: 0.25 })],
      }),
    ],
  };
}

const CATEGORIES = ['disclosure', 'services'];
const INDICATORS = ['disclosure-portal', 'disclosure-guide', 'service-portal', 'leader-mailbox'];
const RANKING_HEADER = [...RANKING_COLUMNS_BEFORE_CATEGORIES, ...CATEGORIES, ...RANKING_COLUMNS_AFTER_CATEGORIES];
const INDICATORS_HEADER = [...INDICATOR_COLUMNS_BEFORE_INDICATORS, ...INDICATORS];
const PAGES_HEADER = [...PAGES_COLUMNS_BEFORE_STATUSES, 'ok', 'http-4xx', 'blocked', 'timeout', 'dns', 'budget', 'quantum'];

function headerOf(sheet: Worksheet): unknown[] {
  return (sheet.getRow(1).values as unknown[]).slice(1);
}

/** Row values by header name, row 2 being the first data row. */
function rowOf(sheet: Worksheet, row: number): Record<string, ExcelJS.CellValue> {
  const out: Record<string, ExcelJS.CellValue> = {};
  headerOf(sheet).forEach((name, i) => (out[String(name)] = sheet.getRow(row).getCell(i + 1).value));
  return out;
}

function cellAt(sheet: Worksheet, row: number, column: string): ExcelJS.Cell {
  const index = headerOf(sheet).indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${sheet.name}`);
  return sheet.getRow(row).getCell(index + 1);
}

describe('exportRun', () => {
  const dir = tempDir('govbench-export-');
  let files: { xlsx: string; csv: string[] };
  let book: Workbook;
  const sheet = (name: string): Worksheet => book.getWorksheet(name)!;

  beforeAll(async () => {
    files = await exportRun(sampleResults(), join(dir, 'out'), 'run-7');
    book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.xlsx);
  });

  it('writes the workbook and one CSV per sheet where it says', () => {
    expect(files.xlsx).toBe(join(dir, 'out', 'run-7.xlsx'));
    expect(files.csv).toEqual(SHEET_NAMES.map((name) => join(dir, 'out', 'run-7-csv', CSV_FILES[name])));
  });

  it('refuses a base name that would leave the output folder', async () => {
    await expect(exportRun(sampleResults(), dir, '../escape')).rejects.toThrow(/"\.\.\/escape"/);
  });

  it('has the six sheets in order, with their documented headers', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(['Ranking', 'Indicators', 'Evidence', 'Problems', 'Pages', 'Runs']);
    expect(headerOf(sheet('Ranking'))).toEqual(RANKING_HEADER);
    expect(headerOf(sheet('Indicators'))).toEqual(INDICATORS_HEADER);
    expect(headerOf(sheet('Evidence'))).toEqual([...EVIDENCE_COLUMNS]);
    expect(headerOf(sheet('Problems'))).toEqual([...PROBLEM_COLUMNS]);
    expect(headerOf(sheet('Pages'))).toEqual(PAGES_HEADER);
    expect(headerOf(sheet('Runs'))).toEqual([...RUN_COLUMNS]);
    expect(sheet('Ranking').getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('freezes the header row, and the site column where scrolling sideways', () => {
    for (const s of book.worksheets) {
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(sheet('Ranking').views[0]).toMatchObject({ xSplit: 2 });
    expect(sheet('Indicators').views[0]).toMatchObject({ xSplit: 1 });
    expect((sheet('Evidence').views[0] as { xSplit?: number }).xSplit ?? 0).toBe(0);
  });

  it('puts an autofilter over every table sheet', () => {
    expect(sheet('Ranking').autoFilter).toBe('A1:O5');
    expect(sheet('Indicators').autoFilter).toBe('A1:F5');
    expect(sheet('Evidence').autoFilter).toBe('A1:L10');
    for (const name of ['Problems', 'Pages']) expect(sheet(name).autoFilter).toMatch(/^A1:[A-Z]+\d+$/);
    expect(sheet('Runs').autoFilter ?? undefined).toBeUndefined();
  });

  it('ranks ties alike and lists the unscored site last with no rank', () => {
    const ranking = sheet('Ranking');
    expect(ranking.rowCount).toBe(5);
    const rows = [2, 3, 4, 5].map((r) => rowOf(ranking, r));
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 3, null]);
    expect(rows.map((r) => r.total)).toEqual([80, 80, 61.5, null]);
    expect(rows[0]).toMatchObject({ site: '中华人民共和国教育部', region: '北京', parent: '中华人民共和国国务院', disclosure: 50, services: 30, grade: 'B', 'grade label': '良好', change: 5, 'previous rank': 2, 'crawl status': 'done' });
    expect(rows[1]).toMatchObject({ site: COMMERCE, change: null, 'previous rank': null });
    expect(rows[2]).toMatchObject({ site: `'${DDE}`, 'crawl status': 'partial', 'crawl reason': 'budget: page limit' });
    expect(rows[3]).toMatchObject({ site: '某某局', total: null, grade: null, 'crawl status': 'failed', 'crawl reason': 'dns: ENOTFOUND' });
    expect(cellAt(ranking, 2, 'url').hyperlink).toBe('https://www.moe.gov.cn/');
    expect(cellAt(ranking, 2, 'change').numFmt).toBe('+0.0;-0.0;0');
  });

  it('sizes columns by content, Chinese counted double', () => {
    expect(cellAt(sheet('Ranking'), 1, 'parent').col).toBe(6);
    expect(sheet('Ranking').getColumn(6).width).toBe(2 * '中华人民共和国国务院'.length + 3);
    expect(sheet('Ranking').getColumn(1).width).toBeLessThan(10);
  });

  it('shows the indicator matrix as coloured marks linked to the evidence', () => {
    const matrix = sheet('Indicators');
    expect(rowOf(matrix, 2).site).toBe('中华人民共和国教育部');
    const mark = (row: number, id: string): string => cellAt(matrix, row, id).text;
    expect(INDICATORS.map((id) => mark(2, id))).toEqual(['✓', '✗', 'n.a.', '✓']);
    expect(INDICATORS.map((id) => mark(3, id))).toEqual(['✓', '✓', 'error', '']);
    expect(INDICATORS.map((id) => mark(5, id))).toEqual(['', '', '', '']);

    const fill = (row: number, id: string): string | undefined => (cellAt(matrix, row, id).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill(2, 'disclosure-portal')).toBe(OUTCOME_FILLS.pass);
    expect(fill(2, 'disclosure-guide')).toBe(OUTCOME_FILLS.fail);
    expect(fill(2, 'service-portal')).toBe(OUTCOME_FILLS.notApplicable);
    expect(fill(3, 'service-portal')).toBe(OUTCOME_FILLS.error);

    const pass = cellAt(matrix, 2, 'leader-mailbox');
    expect(pass.type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(pass.hyperlink).toBe('https://www.moe.gov.cn/');
    // The first evidence URL that is http(s): a javascript: page URL gives way to the href.
    expect(cellAt(matrix, 3, 'disclosure-guide').hyperlink).toBe('http://www.mofcom.gov.cn/guide/');
    // No evidence, no link.
    expect(cellAt(matrix, 2, 'service-portal').type).toBe(ExcelJS.ValueType.String);
  });

  it('lists one evidence row per item, with page and link cells linked only to http(s)', () => {
    const evidence = sheet('Evidence');
    const rows = Array.from({ length: evidence.rowCount - 1 }, (_, i) => rowOf(evidence, i + 2));
    // Sites in rank order, each site's indicators in its own order; the failed site has none.
    expect(rows.map((r) => [r.site, r.indicator])).toEqual([
      ['中华人民共和国教育部', 'leader-mailbox'], ['中华人民共和国教育部', 'leader-mailbox'],
      ['中华人民共和国教育部', 'disclosure-portal'], ['中华人民共和国教育部', 'disclosure-guide'], ['中华人民共和国教育部', 'service-portal'],
      [COMMERCE, 'disclosure-portal'], [COMMERCE, 'disclosure-guide'], [COMMERCE, 'service-portal'],
      [`'${DDE}`, 'disclosure-portal'],
    ]);
    const mailbox = cellAt(evidence, 3, 'link');
    expect(mailbox.type).toBe(ExcelJS.ValueType.Hyperlink);
    expect(mailbox.hyperlink).toBe('https://www.moe.gov.cn/mailbox2/');
    expect(cellAt(evidence, 3, 'page url').hyperlink).toBe('https://www.moe.gov.cn/hd/');
    expect(rowOf(evidence, 3)).toMatchObject({ site: '中华人民共和国教育部', category: 'interaction', outcome: 'pass', text: '【部长信箱】' });
    const js = cellAt(evidence, 5, 'link');
    expect(js.value).toBe('javascript:void(0)');
    expect(js.type).toBe(ExcelJS.ValueType.String);
    expect(cellAt(evidence, 8, 'page url').type).toBe(ExcelJS.ValueType.String);
    expect(rowOf(evidence, 9)).toMatchObject({ indicator: 'service-portal', outcome: 'error', reason: 'detector threw: boom', 'page url': null });
    expect(rowOf(evidence, 10)).toMatchObject({ indicator: 'disclosure-portal', value: 0.25 });
  });

  it('keeps formula-like crawled text as text with a leading apostrophe', () => {
    const evidence = sheet('Evidence');
    const cells = [cellAt(evidence, 5, 'text'), cellAt(evidence, 7, 'value'), cellAt(evidence, 7, 'rule'), cellAt(evidence, 8, 'text'), cellAt(sheet('Ranking'), 4, 'site')];
    expect(cells.map((c) => c.value)).toEqual([`'${EVIL}`, "'+1+1", "'-2", "'@SUM(A1)", `'${DDE}`]);
    for (const c of cells) {
      expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(c.formula).toBeUndefined();
    }
    expect(cellAt(evidence, 7, 'text').value).toBe(MULTILINE);
  });

  it('lists crawl problems and indicator errors', () => {
    const problems = sheet('Problems');
    const rows = Array.from({ length: problems.rowCount - 1 }, (_, i) => rowOf(problems, i + 2));
    expect(rows.map((r) => [r.kind, r.site, r.indicator, r.status, r.reason])).toEqual([
      ['indicator-error', COMMERCE, 'service-portal', 'error', 'detector threw: boom'],
      ['crawl-partial', `'${DDE}`, null, 'partial', 'budget: page limit'],
      ['crawl-failed', '某某局', null, 'failed', 'dns: ENOTFOUND'],
    ]);
    expect(rowOf(sheet('Pages'), 2)).toMatchObject({ site: '中华人民共和国教育部', 'pages fetched': 12, ok: 10, blocked: 0, quantum: 2 });
  });

  it('records the run, and workbook properties', () => {
    const runs = sheet('Runs');
    const values = Object.fromEntries(Array.from({ length: runs.rowCount - 1 }, (_, i) => [runs.getCell(i + 2, 1).value, runs.getCell(i + 2, 2).value]));
    expect(Object.keys(values)).toEqual([...RUN_KEYS]);
    expect(values).toMatchObject({
      'run id': 7, kind: 'run', name: '部委对比', status: 'done', started: '2024-05-01T08:00:00.000Z', scorecard: 'cn-central-organ',
      'checklist hash': 'abc123', sites: 4, 'compared run id': 5,
    });
    expect(JSON.parse(String(values.options))).toEqual({ maxPages: 40, note: 'a, "b"' });
    expect(book.creator).toBe('govbench');
    expect(book.created).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - book.created.getTime())).toBeLessThan(60_000);
  });

  describe('CSV', () => {
    const read = (name: string): Buffer => readFileSync(join(dir, 'out', 'run-7-csv', name));
    const text = (name: string): string => read(name).toString('utf8');
    // Header names hold no comma or quote, so the first line splits plainly.
    const header = (name: string): string[] => text(name).slice(1).split('\r\n')[0]!.split(',');

    it('starts every file with a UTF-8 BOM and ends every record with CRLF', () => {
      for (const name of Object.values(CSV_FILES)) {
        expect([...read(name).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(text(name).endsWith('\r\n')).toBe(true);
      }
    });

    it('has the same columns in the same order as the sheets', () => {
      expect(header('ranking.csv')).toEqual(RANKING_HEADER);
      expect(header('indicators.csv')).toEqual(INDICATORS_HEADER);
      expect(header('evidence.csv')).toEqual([...EVIDENCE_COLUMNS]);
      expect(header('problems.csv')).toEqual([...PROBLEM_COLUMNS]);
      expect(header('pages.csv')).toEqual(PAGES_HEADER);
      expect(header('runs.csv')).toEqual([...RUN_COLUMNS]);
      for (const t of buildSheets(sampleResults())) expect(header(CSV_FILES[t.name])).toEqual(t.columns);
    });

    it('quotes and neutralises crawled text as the workbook does (parsed back in write-csv.test.ts)', () => {
      expect(text('ranking.csv')).toContain('\r\n1,"Ministry of Commerce, ""MOFCOM""",http://www.mofcom.gov.cn/,');
      expect(text('ranking.csv')).toContain('\r\n,某某局,https://www.broken.gov.cn/,city,');
      const evidence = text('evidence.csv');
      expect(evidence).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(evidence).toContain(`"line one\nline two, with ""quotes""",'+1+1,'-2,`);
      expect(evidence).toContain(",'@SUM(A1),");
      expect(text('indicators.csv')).toContain('\r\n中华人民共和国教育部,https://www.moe.gov.cn/,✓,✗,n.a.,✓\r\n');
    });
  });
});
