import { describe, expect, it } from 'vitest';
import { indicatorGroups, indicatorList, reportedGroups } from '../../src/report/indicator-list.js';
import type { IndicatorOutcome, SiteResult } from '../../src/results/run-results.js';

const ind = (id: string, category: string, outcome: IndicatorOutcome['outcome'], weight?: number): IndicatorOutcome => ({
  id, category, title: `title of ${id}`, outcome, evidence: [], ...(weight === undefined ? {} : { weight }),
});

const site: SiteResult = {
  siteId: 1, name: '示例市人民政府', url: 'http://www.shili.gov.cn/', tags: [], crawlId: 1, crawlStatus: 'done', pagesFetched: 1, pagesOk: 1, pagesFailed: 0, byStatus: {},
  score: { total: 50, grade: 'D', scorecard: 'cn-central-organ', checklistHash: 'h', categories: [{ id: 'disclosure', title: '信息公开', score: 35, max: 35 }] },
  indicators: [
    ind('disclosure-portal', 'disclosure', 'pass', 3),
    ind('site-search', 'site-functions', 'pass', 0),
    ind('error-report', 'site-functions', 'fail', 0),
    ind('about-page', 'federal', 'fail', 0),
    // Stored before weights were recorded: it was scored.
    ind('news-updates', 'disclosure', 'fail'),
  ],
};
const CATS = [{ id: 'disclosure', title: '信息公开' }];
const REPORTED = [{ id: 'site-functions', title: '网站功能与保障' }];

describe('indicatorList', () => {
  it('groups scored indicators by category and leaves the weight-0 ones out of those groups', () => {
    expect(indicatorGroups(site, CATS).map((g) => [g.id, g.items.map((i) => i.id)])).toEqual([['disclosure', ['news-updates', 'disclosure-portal']]]);
  });

  it('gathers the weight-0 ones in a group of their own, by category, titled by the scorecard where it names them', () => {
    expect(reportedGroups(site, REPORTED).map((g) => [g.title, g.items.map((i) => i.id)])).toEqual([
      ['网站功能与保障', ['error-report', 'site-search']],
      ['federal', ['about-page']],
    ]);
  });

  it('renders the reported group after the scored categories, saying they are not scored', () => {
    const html = String(indicatorList(site, CATS, REPORTED));
    const reported = html.indexOf('<div class="ind-group reported" data-category="reported">');
    expect(reported).toBeGreaterThan(html.indexOf('data-category="disclosure"'));
    expect(html.slice(reported)).toContain('Reported, not scored');
    expect(html.slice(reported)).toContain('1 of 3 found; weight 0, left out of the score');
    expect(html.slice(reported)).toMatch(/<h5 data-category="site-functions">网站功能与保障 <span class="cat-count">1 of 2 found<\/span><\/h5>/);
    for (const id of ['site-search', 'error-report', 'about-page']) {
      expect(html.slice(reported)).toContain(`data-indicator="${id}"`);
      expect(html.slice(0, reported)).not.toContain(`data-indicator="${id}"`);
    }
    // No such group when every indicator was scored.
    expect(String(indicatorList({ ...site, indicators: [ind('disclosure-portal', 'disclosure', 'pass', 3)] }, CATS))).not.toContain('reported');
  });
});
