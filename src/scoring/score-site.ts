// Weighs indicator results into a 0–100 score. Within a category: achieved weight over applicable
// weight, times the category's weight. `notApplicable` leaves the denominator (a category with
// nothing applicable drops out and the rest are scaled up, as the 2019 indicators rescale a
// department without public services); `error` stays in it and counts as not achieved. Weight 0
// means reported, not scored: such indicators and categories never touch the score.
import type { IndicatorResult } from '../checklist/types.js';
import { isScoredCategory, type Scorecard } from './scorecard.js';

export interface CategoryScore {
  id: string;
  title: string;
  /** Points earned, out of max. */
  score: number;
  max: number;
  /** Share of applicable weight achieved, 0–1; undefined when nothing applied. */
  ratio?: number;
  passed: number;
  failed: number;
  errors: number;
  notApplicable: number;
}

export interface SiteScore {
  scorecard: string;
  total: number;
  grade: string;
  gradeLabel?: string;
  categories: CategoryScore[];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

export function scoreSite(results: IndicatorResult[], sc: Scorecard): SiteScore {
  const byId = new Map(results.map((r) => [r.id, r]));
  // Categories and refs of weight 0 are reported, not scored: they stay out of every count.
  const raw = sc.categories.filter(isScoredCategory).map((cat) => {
    let achieved = 0;
    let applicable = 0;
    const counts = { passed: 0, failed: 0, errors: 0, notApplicable: 0 };
    for (const ref of cat.refs.filter((x) => x.weight > 0)) {
      const r = byId.get(ref.id);
      const outcome = r?.outcome ?? 'error';
      if (outcome === 'notApplicable') {
        counts.notApplicable++;
        continue;
      }
      applicable += ref.weight;
      if (outcome === 'pass') {
        achieved += ref.weight;
        counts.passed++;
      } else if (outcome === 'error') counts.errors++;
      else counts.failed++;
    }
    return { cat, ratio: applicable > 0 ? achieved / applicable : undefined, counts };
  });
  const liveWeight = raw.reduce((n, c) => n + (c.ratio === undefined ? 0 : c.cat.weight), 0);
  const scale = liveWeight > 0 ? 100 / liveWeight : 0;
  const categories: CategoryScore[] = raw.map(({ cat, ratio, counts }) => ({
    id: cat.id,
    title: cat.title,
    score: ratio === undefined ? 0 : round1(ratio * cat.weight * scale),
    max: ratio === undefined ? 0 : round1(cat.weight * scale),
    ratio,
    ...counts,
  }));
  const total = round1(raw.reduce((n, c) => n + (c.ratio === undefined ? 0 : c.ratio * c.cat.weight * scale), 0));
  const band = sc.grades.find((g) => total >= g.min) ?? sc.grades[sc.grades.length - 1]!;
  return { scorecard: sc.id, total, grade: band.grade, gradeLabel: band.label, categories };
}
