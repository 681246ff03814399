// Which sites the report ranks and in what order, which it lists as not ranked, which category
// columns it shows, and the anchor each site's section gets.
import type { RunResults, SiteResult } from '../results/run-results.js';

export interface ReportCategory {
  id: string;
  title: string;
}

/** A site is ranked exactly when it was scored; a failed or unfinished crawl never gets a rank. */
export function isRanked(site: SiteResult): site is SiteResult & { score: NonNullable<SiteResult['score']> } {
  return site.score !== undefined;
}

const byName = (a: SiteResult, b: SiteResult): number => String(a.name).localeCompare(String(b.name), 'zh-Hans-CN') || a.siteId - b.siteId;

/** Scored sites in rank order; ties (shared rank) fall back to name, so the order is stable between runs. */
export function rankedSites(results: RunResults): (SiteResult & { score: NonNullable<SiteResult['score']> })[] {
  return results.sites
    .filter(isRanked)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.score.total - a.score.total || byName(a, b));
}

/** Sites without a score: failed first (they need attention), then by name. */
export function unrankedSites(results: RunResults): SiteResult[] {
  const failedFirst = (s: SiteResult): number => (s.crawlStatus === 'failed' ? 0 : 1);
  return results.sites.filter((s) => !isRanked(s)).sort((a, b) => failedFirst(a) - failedFirst(b) || byName(a, b));
}

/**
 * The category columns: the run's scorecard when known, else every category the sites were
 * scored on, in first-seen order (a run mixing scorecards still gets a column for each).
 */
export function reportCategories(results: RunResults): ReportCategory[] {
  if (results.scorecard?.categories.length) return results.scorecard.categories.map((c) => ({ id: c.id, title: c.title }));
  const seen = new Map<string, ReportCategory>();
  for (const s of results.sites) for (const c of s.score?.categories ?? []) if (!seen.has(c.id)) seen.set(c.id, { id: c.id, title: c.title });
  return [...seen.values()];
}

/**
 * The fragment id of a site's section. Built from the numeric siteId only, never from crawled
 * text, so it needs no escaping and cannot collide with the report's own ids (which have no digits).
 */
export function siteAnchor(site: Pick<SiteResult, 'siteId'>): string {
  const id = Number(site.siteId);
  return Number.isSafeInteger(id) ? `site-${id < 0 ? 'n' + -id : id}` : 'site-unknown';
}
