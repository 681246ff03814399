import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../../../scripts/accuracy/spearman.js';

describe('spearman', () => {
  it('ranks highest first and gives ties their average rank', () => {
    expect(averageRanks([10, 30, 20, 30])).toEqual([4, 1.5, 3, 1.5]);
  });

  it('is 1 for the same order, -1 for the reverse, whatever the scale', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('matches the textbook value with ties (Pearson over average ranks)', () => {
    // ranks x: 4 1.5 3 1.5 5; y: 4 2 3 1 5; deviations from 3 give r = 9.5 / sqrt(9.5 * 10)
    expect(spearman([10, 30, 20, 30, 5], [2, 4, 3, 5, 1])).toBeCloseTo(9.5 / Math.sqrt(95), 12);
  });

  it('is null for fewer than two pairs or a constant list', () => {
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });
});
