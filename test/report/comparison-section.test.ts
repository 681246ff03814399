// Who rose, fell, stopped being scored or came back since the compared run.
import { describe, expect, it } from 'vitest';
import { compareSites, comparisonSection } from '../../src/report/comparison-section.js';
import type { RunResults, SiteResult } from '../../src/results/run-results.js';
import type { RunRow } from '../../src/store/runs.js';

const run = (id: number): RunRow => ({ id, kind: 'run', name: null, options_json: '{}', started_at: '2024-01-01T00:00:00Z', ended_at: null, status: 'done', checklist_hash: null, scorecard: null, counts_json: null });
function site(siteId: number, total: number | undefined, delta?: number, previous?: number): SiteResult {
  return {
    siteId, name: `站点${siteId}`, url: `https://s${siteId}.gov.cn/`, tags: [], crawlId: siteId, crawlStatus: total === undefined ? 'failed' : 'done',
    pagesFetched: 1, pagesOk: 1, pagesFailed: 0, byStatus: {}, indicators: [],
    score: total === undefined ? undefined : { total, grade: 'B', scorecard: 'x', checklistHash: 'h', categories: [] },
    delta, previous: previous === undefined ? undefined : { total: previous },
  };
}

describe('compareSites', () => {
  const results: RunResults = {
    run: run(2), options: {}, compare: run(1),
    sites: [site(1, 80, 10, 70), site(2, 60, -20, 80), site(3, 50, 2, 48), site(4, undefined, undefined, 55), site(5, 40), site(6, 30, 0, 30), site(7, undefined)],
  };

  it('sorts rises and falls by size and finds newly failed and recovered sites', () => {
    const c = compareSites(results, 1);
    expect(c.rose.map((s) => s.siteId)).toEqual([1]);
    expect(c.fell.map((s) => s.siteId)).toEqual([2]);
    expect(c.newlyFailed.map((s) => s.siteId)).toEqual([4]);
    expect(c.recovered.map((s) => s.siteId)).toEqual([5]);
    expect(c.unchanged).toBe(1);
    expect(compareSites(results).rose.map((s) => s.siteId)).toEqual([1, 3]);
  });

  it('renders nothing without a compared run', () => {
    expect(comparisonSection({ ...results, compare: undefined }).value).toBe('');
    expect(comparisonSection(results).value).toContain('id="comparison"');
  });
});
