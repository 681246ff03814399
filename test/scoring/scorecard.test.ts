import { describe, expect, it } from 'vitest';
import { isScoredCategory, placeIndicators, type Scorecard } from '../../src/scoring/scorecard.js';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import type { IndicatorRecord } from '../../src/checklist/types.js';

const rec = (id: string, category: string): IndicatorRecord => ({
  id, category, title: id, failureTitle: id, why: 'w', basis: 'b', detector: 'link-match', options: { slugs: ['x'] }, input: 'static', rollup: 'homepage',
});
const indicators = new Map(['a1', 'a2', 'b1', 'x1', 'x2', 'y1'].map((id) => [id, rec(id, id.startsWith('y') ? 'y' : id[0] === 'x' ? 'x' : 'm')]));
const sc: Scorecard = {
  id: 't', title: 't',
  categories: [
    { id: 'a', title: 'A', weight: 60, refs: [{ id: 'a1', weight: 3 }, { id: 'a2', weight: 0 }] },
    { id: 'b', title: 'B', weight: 40, refs: [{ id: 'b1', weight: 1 }] },
    { id: 'x', title: 'X', weight: 0, refs: [{ id: 'x1', weight: 2 }] },
  ],
  grades: [{ grade: 'A', min: 0 }],
};

describe('placeIndicators', () => {
  it('places every indicator: the refs in scorecard order under its categories, then the rest under their own, with weight 0', () => {
    expect(placeIndicators(sc, indicators).map((p) => [p.record.id, p.category, p.weight])).toEqual([
      ['a1', 'a', 3],
      ['a2', 'a', 0],
      ['b1', 'b', 1],
      // A ref weighs nothing in a category that weighs nothing.
      ['x1', 'x', 0],
      ['x2', 'x', 0],
      ['y1', 'y', 0],
    ]);
  });

  it('tells scored categories from those reported, not scored', () => {
    expect(sc.categories.map(isScoredCategory)).toEqual([true, true, false]);
    expect(isScoredCategory({ id: 'z', title: 'Z', weight: 10, refs: [{ id: 'a2', weight: 0 }] })).toBe(false);
  });

  it('puts every bundled indicator on every bundled scorecard, the site functions at weight 0', () => {
    const bundle = loadChecklist();
    for (const card of bundle.scorecards.values()) {
      const placed = placeIndicators(card, bundle.indicators);
      expect(placed.map((p) => p.record.id).sort(), card.id).toEqual([...bundle.indicators.keys()].sort());
      for (const p of placed.filter((x) => x.record.category === 'site-functions')) expect([card.id, p.record.id, p.weight]).toEqual([card.id, p.record.id, 0]);
    }
    const cn = placeIndicators(bundle.scorecards.get('cn-central-organ')!, bundle.indicators);
    expect(cn.filter((p) => p.category === 'site-functions').map((p) => p.record.id)).toEqual([
      'site-identifier', 'icp-filing', 'police-filing', 'party-gov-badge', 'site-search', 'accessibility-mode', 'error-report',
    ]);
  });
});
