import { describe, expect, it } from 'vitest';
import { scoreSite } from '../../src/scoring/score-site.js';
import type { Scorecard } from '../../src/scoring/scorecard.js';
import type { IndicatorResult } from '../../src/checklist/types.js';

const sc: Scorecard = {
  id: 'test',
  title: 'test',
  categories: [
    { id: 'a', title: 'A', weight: 60, refs: [{ id: 'a1', weight: 3 }, { id: 'a2', weight: 1 }] },
    { id: 'b', title: 'B', weight: 40, refs: [{ id: 'b1', weight: 1 }, { id: 'b2', weight: 1 }] },
  ],
  grades: [{ grade: 'A', min: 85 }, { grade: 'C', min: 60 }, { grade: 'D', min: 0 }].sort((x, y) => y.min - x.min),
};
const r = (id: string, outcome: IndicatorResult['outcome']): IndicatorResult => ({ id, category: id[0]!, outcome, evidence: [] });

describe('scoreSite', () => {
  it('weighs passes within categories and categories within 100', () => {
    const s = scoreSite([r('a1', 'pass'), r('a2', 'fail'), r('b1', 'pass'), r('b2', 'pass')], sc);
    expect(s.categories.map((c) => [c.id, c.score, c.max])).toEqual([['a', 45, 60], ['b', 40, 40]]);
    expect(s.total).toBe(85);
    expect(s.grade).toBe('A');
  });

  it('takes notApplicable out of the denominator and keeps error in it', () => {
    const na = scoreSite([r('a1', 'pass'), r('a2', 'notApplicable'), r('b1', 'fail'), r('b2', 'fail')], sc);
    expect(na.categories[0]).toMatchObject({ score: 60, max: 60, notApplicable: 1 });
    const err = scoreSite([r('a1', 'pass'), r('a2', 'error'), r('b1', 'fail'), r('b2', 'fail')], sc);
    expect(err.categories[0]).toMatchObject({ score: 45, max: 60, errors: 1 });
    expect(err.total).toBe(45);
  });

  it('rescales when a whole category is not applicable, as the 2019 indicators do', () => {
    const s = scoreSite([r('a1', 'pass'), r('a2', 'pass'), r('b1', 'notApplicable'), r('b2', 'notApplicable')], sc);
    expect(s.total).toBe(100);
    expect(s.categories[1]).toMatchObject({ score: 0, max: 0 });
  });

  it('counts a missing result as an error, never as a pass', () => {
    const s = scoreSite([r('a1', 'pass')], sc);
    expect(s.categories[0]).toMatchObject({ errors: 1 });
    expect(s.total).toBe(45);
    expect(s.grade).toBe('D');
  });
});

describe('scoreSite with indicators reported, not scored (weight 0)', () => {
  const withReported: Scorecard = {
    ...sc,
    categories: [
      { ...sc.categories[0]!, refs: [...sc.categories[0]!.refs, { id: 'a3', weight: 0 }] },
      sc.categories[1]!,
      { id: 'z', title: 'Z', weight: 0, refs: [{ id: 'z1', weight: 0 }, { id: 'z2', weight: 0 }] },
    ],
  };

  it('leaves totals, category scores and counts exactly as without them, whatever their outcome', () => {
    const base = [r('a1', 'pass'), r('a2', 'fail'), r('b1', 'pass'), r('b2', 'notApplicable')];
    const plain = scoreSite(base, sc);
    for (const outcome of ['pass', 'fail', 'error', 'notApplicable'] as const) {
      const s = scoreSite([...base, r('a3', outcome), r('z1', outcome), r('z2', 'pass')], withReported);
      expect(s.total).toBe(plain.total);
      expect(s.categories).toEqual(plain.categories);
    }
    // A missing result of weight 0 is not an error either: nothing of the score rests on it.
    expect(scoreSite(base, withReported).categories).toEqual(plain.categories);
  });

  it('lists no category of weight 0 among the scored ones', () => {
    expect(scoreSite([r('a1', 'pass')], withReported).categories.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
