import { describe, expect, it } from 'vitest';
import { EVIDENCE_COLUMNS, buildSheets, evidenceSheet, indicatorsSheet, pagesSheet, problemsSheet, rankingSheet } from '../../src/export/sheets.js';
import { SHEET_NAMES, cellValue } from '../../src/export/table.js';
import type { IndicatorOutcome, RunResults, SiteResult } from '../../src/results/run-results.js';

const ind = (id: string, category: string, outcome: IndicatorOutcome['outcome'], extra: Partial<IndicatorOutcome> = {}): IndicatorOutcome => ({
  id, category, title: id, outcome, evidence: [], ...extra,
});

function site(siteId: number, over: Partial<SiteResult>): SiteResult {
  return {
    siteId, name: `site ${siteId}`, url: `https://s${siteId}.gov.cn/`, tags: [], crawlId: siteId, crawlStatus: 'done',
    pagesFetched: 0, pagesOk: 0, pagesFailed: 0, byStatus: {}, indicators: [], ...over,
  };
}

const scored = (total: number, categories: [string, number][]): SiteResult['score'] => ({
  total, grade: 'C', scorecard: 's', checklistHash: 'h', categories: categories.map(([id, score]) => ({ id, title: id, score, max: 50 })),
});

function results(sites: SiteResult[]): RunResults {
  return {
    run: { id: 3, kind: 'run', name: null, options_json: '{}', started_at: 't', ended_at: null, status: 'running', checklist_hash: null, scorecard: 's', counts_json: null },
    options: {},
    scorecard: { id: 's', title: 'S', categories: [{ id: 'disclosure', title: '信息公开' }, { id: 'services', title: '在线服务' }] },
    sites,
  };
}

const values = (rows: unknown[][]): unknown[][] => rows.map((r) => r.map((c) => cellValue(c as never)));

describe('export sheets', () => {
  const run = results([
    site(1, { crawlStatus: 'pending' }),
    site(2, {
      rank: 2, score: scored(40, [['services', 20], ['disclosure', 20], ['extra', 1]]), byStatus: { 'not-html': 1, ok: 4, 'http-5xx': 0 },
      // Listed services first: the matrix still puts disclosure's indicators first, as the scorecard does.
      indicators: [ind('service-portal', 'services', 'pass'), ind('news-updates', 'other', 'fail'), ind('disclosure-guide', 'disclosure', 'notApplicable')],
    }),
    site(3, { rank: 1, score: scored(70, [['disclosure', 40], ['services', 30]]), indicators: [ind('disclosure-portal', 'disclosure', 'fail', { value: 0.4 })] }),
    site(4, { crawlStatus: 'failed', crawlReason: 'tls: expired' }),
  ]);

  it('builds the six sheets in workbook order', () => {
    expect(buildSheets(run).map((t) => t.name)).toEqual([...SHEET_NAMES]);
  });

  it('orders ranked sites by rank, then the unscored, with scorecard categories first and others after', () => {
    const t = rankingSheet(run);
    expect(t.columns.slice(7, 10)).toEqual(['disclosure', 'services', 'extra']);
    expect(values(t.rows).map((r) => [r[0], r[1], r[7], r[8], r[9]])).toEqual([
      [1, 'site 3', 40, 30, undefined],
      [2, 'site 2', 20, 20, 1],
      [undefined, 'site 1', undefined, undefined, undefined],
      [undefined, 'site 4', undefined, undefined, undefined],
    ]);
  });

  it('orders indicator columns by category, unknown categories last', () => {
    expect(indicatorsSheet(run).columns).toEqual(['site', 'url', 'disclosure-portal', 'disclosure-guide', 'service-portal', 'news-updates']);
  });

  it("falls back to the indicator's measured value when evidence has none", () => {
    const row = values(evidenceSheet(run).rows)[0]!;
    expect([row[0], row[2], row[4], row[8]]).toEqual(['site 3', 'disclosure-portal', 'fail', 0.4]);
  });

  it('names each kind of problem', () => {
    expect(values(problemsSheet(run).rows).map((r) => [r[0], r[1], r[4], r[5]])).toEqual([
      ['crawl-unfinished', 'site 1', 'pending', undefined],
      ['crawl-failed', 'site 4', 'failed', 'tls: expired'],
    ]);
  });

  it('adds a status column only for statuses seen, in taxonomy order', () => {
    const t = pagesSheet(run);
    expect(t.columns.slice(5)).toEqual(['ok', 'not-html']);
    expect(values(t.rows)[1]!.slice(5)).toEqual([4, 1]);
    expect(values(t.rows)[0]!.slice(5)).toEqual([0, 0]);
  });
});

describe('indicators reported, not scored (weight 0)', () => {
  const run = results([
    site(1, {
      rank: 1, score: scored(60, [['disclosure', 30], ['services', 30]]),
      indicators: [
        ind('disclosure-portal', 'disclosure', 'pass', { weight: 3 }),
        ind('site-search', 'site-functions', 'pass', { weight: 0, evidence: [{ pageUrl: 'https://s1.gov.cn/', text: '站内搜索', rule: 'a search form' }] }),
        ind('service-portal', 'services', 'fail', { weight: 3 }),
        ind('icp-filing', 'site-functions', 'fail', { weight: 0 }),
      ],
    }),
    // Scored by another scorecard that weighs icp-filing: the column then belongs with the scored ones.
    site(2, { rank: 2, score: scored(50, [['disclosure', 50]]), indicators: [ind('icp-filing', 'site-functions', 'pass', { weight: 1 }), ind('about-page', 'federal', 'fail', { weight: 0 })] }),
  ]);

  it('puts them after a divider column on the Indicators sheet, scored ones first', () => {
    const t = indicatorsSheet(run);
    expect(t.columns).toEqual(['site', 'url', 'disclosure-portal', 'service-portal', 'icp-filing', 'reported, not scored', 'site-search', 'about-page']);
    expect(values(t.rows)).toEqual([
      ['site 1', 'https://s1.gov.cn/', '✓', '✗', '✗', undefined, '✓', undefined],
      ['site 2', 'https://s2.gov.cn/', undefined, undefined, '✓', undefined, undefined, '✗'],
    ]);
  });

  it('gives each Evidence row the weight, 0 for reported ones', () => {
    const weight = EVIDENCE_COLUMNS.indexOf('weight');
    expect(values(evidenceSheet(run).rows).map((r) => [r[0], r[2], r[weight]])).toEqual([
      ['site 1', 'disclosure-portal', 3], ['site 1', 'site-search', 0], ['site 1', 'service-portal', 3], ['site 1', 'icp-filing', 0],
      ['site 2', 'icp-filing', 1], ['site 2', 'about-page', 0],
    ]);
    // No divider when every indicator was scored (results stored before weights have none).
    expect(indicatorsSheet(results([site(1, { rank: 1, indicators: [ind('disclosure-portal', 'disclosure', 'pass')] })])).columns).toEqual(['site', 'url', 'disclosure-portal']);
  });
});
