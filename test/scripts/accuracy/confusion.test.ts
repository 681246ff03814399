import { describe, expect, it } from 'vitest';
import { confusion, confusionBy } from '../../../scripts/accuracy/confusion.js';
import { kindOf, type Case } from '../../../scripts/accuracy/compare.js';

function c(indicator: string, label: boolean | null, outcome: Case['outcome']): Case {
  return {
    mode: 'static', file: 'p.html', url: 'http://x/', seed: 'http://x/', lang: 'zh', type: 'home', indicator, category: 'disclosure',
    label: { value: label }, outcome, kind: kindOf(label, outcome), evidence: [],
  };
}

describe('confusion', () => {
  it('maps label and outcome to the kind of case', () => {
    expect([kindOf(true, 'pass'), kindOf(false, 'pass'), kindOf(true, 'fail'), kindOf(false, 'fail')]).toEqual(['TP', 'FP', 'FN', 'TN']);
    expect([kindOf(null, 'pass'), kindOf(true, 'notApplicable'), kindOf(false, 'error'), kindOf(true, 'notImplemented')]).toEqual(['skipped', 'notApplicable', 'error', 'notImplemented']);
  });

  it('gives precision, recall and F1 from the counts, leaving the other outcomes out', () => {
    const k = confusion([c('a', true, 'pass'), c('a', true, 'pass'), c('a', false, 'pass'), c('a', true, 'fail'), c('a', false, 'fail'), c('a', true, 'notApplicable'), c('a', null, 'fail')]);
    expect(k).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 1, notApplicable: 1, skipped: 1 });
    expect(k.precision).toBeCloseTo(2 / 3, 12);
    expect(k.recall).toBeCloseTo(2 / 3, 12);
    expect(k.f1).toBeCloseTo(2 / 3, 12);
  });

  it('leaves a figure undefined (null) when its denominator is empty, and F1 0 when nothing agrees', () => {
    expect(confusion([c('a', false, 'fail')])).toMatchObject({ precision: null, recall: null, f1: null });
    expect(confusion([c('a', false, 'pass')])).toMatchObject({ precision: 0, recall: null, f1: 0 });
    expect(confusion([c('a', true, 'fail')])).toMatchObject({ precision: null, recall: 0, f1: 0 });
  });

  it('groups by key, the given order first, empty groups dropped', () => {
    const g = confusionBy([c('b', true, 'pass'), c('a', true, 'fail')], (x) => x.indicator, ['a', 'z']);
    expect(Object.keys(g)).toEqual(['a', 'b']);
    expect(g['a']).toMatchObject({ fn: 1 });
  });
});
