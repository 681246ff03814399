// The orders every sheet shares, so a site or an indicator sits in the same place on each: sites
// by rank with the unscored last, categories as the scorecard lists them, indicators by category.
import { isScoredOutcome, type RunResults, type SiteResult } from '../results/run-results.js';

/**
 * Ranked sites by rank (ties keep the order the results list them in), then every site without a
 * rank (not scored: failed or unfinished crawls) in results order. A missing rank never sorts as 0.
 */
export function sitesInRankOrder(results: RunResults): SiteResult[] {
  const ranked = results.sites.filter((s) => s.rank !== undefined);
  const unranked = results.sites.filter((s) => s.rank === undefined);
  // Array.prototype.sort is stable, so equal ranks keep their input order.
  ranked.sort((a, b) => a.rank! - b.rank!);
  return [...ranked, ...unranked];
}

/**
 * Category ids for the score columns: the scorecard's in its order, then any other category a
 * site was scored on (a site scored with another scorecard), in the order first met, so no score
 * is dropped.
 */
export function categoryIds(results: RunResults): string[] {
  const ids = (results.scorecard?.categories ?? []).map((c) => c.id);
  const seen = new Set(ids);
  for (const site of results.sites) {
    for (const c of site.score?.categories ?? []) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        ids.push(c.id);
      }
    }
  }
  return ids;
}

/**
 * Every indicator id any site has, grouped by category in category order (the categories above
 * first, then others as first met); within a category, in the order first met across sites in
 * rank order, which is the checklist's order for sites judged by the same checklist. Split in two:
 * those that counted toward some site's score, then those reported, not scored on every site
 * (weight 0).
 */
export function indicatorIds(results: RunResults): { scored: string[]; reported: string[] } {
  const scored = new Set<string>();
  for (const site of results.sites) for (const ind of site.indicators) if (isScoredOutcome(ind)) scored.add(ind.id);
  const all = orderedIndicatorIds(results);
  return { scored: all.filter((id) => scored.has(id)), reported: all.filter((id) => !scored.has(id)) };
}

function orderedIndicatorIds(results: RunResults): string[] {
  const categoryOrder = categoryIds(results);
  const firstSeen = new Map<string, { category: string; index: number }>();
  for (const site of sitesInRankOrder(results)) {
    for (const ind of site.indicators) {
      if (!firstSeen.has(ind.id)) firstSeen.set(ind.id, { category: ind.category, index: firstSeen.size });
      if (!categoryOrder.includes(ind.category)) categoryOrder.push(ind.category);
    }
  }
  return [...firstSeen.entries()]
    .sort(([, a], [, b]) => categoryOrder.indexOf(a.category) - categoryOrder.indexOf(b.category) || a.index - b.index)
    .map(([id]) => id);
}
