// Reads a run back from the store as RunResults: each site with its crawl, its latest judgement
// and screenshot, ranked, and compared with another run when asked.
import type { Db } from '../store/database.js';
import { getRun, type RunRow } from '../store/runs.js';
import { crawlsOfRun, type SiteCrawlRow } from '../store/site-crawls.js';
import { getSite } from '../store/sites.js';
import { judgementResults, latestJudgement } from '../store/judgements.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import type { CategoryScore } from '../scoring/score-site.js';
import { rankSites } from '../scoring/rank-sites.js';
import { isScoredCategory } from '../scoring/scorecard.js';
import { siteKey } from '../store/sites.js';
import type { RunResults, SiteResult } from './run-results.js';

function homepageScreenshot(db: Db, crawlId: number): string | undefined {
  const row = db.prepare(`SELECT r.screenshot_path AS path FROM renders r JOIN pages p ON p.id = r.page_id
    WHERE p.crawl_id = ? AND r.mode = 'mobile' AND r.screenshot_path IS NOT NULL ORDER BY p.depth, r.id LIMIT 1`).get(crawlId) as { path: string } | undefined;
  return row?.path;
}

function siteResult(db: Db, crawl: SiteCrawlRow, bundle?: ChecklistBundle): SiteResult {
  const site = getSite(db, crawl.site_id)!;
  const j = crawl.status === 'done' || crawl.status === 'partial' ? latestJudgement(db, crawl.id) : undefined;
  const indicators = j ? judgementResults(db, j.id).map((r) => {
    const ind = bundle?.indicators.get(r.id);
    return { ...r, title: (r.outcome === 'fail' || r.outcome === 'error' ? ind?.failureTitle : ind?.title) ?? r.id };
  }) : [];
  const cats = j ? (JSON.parse(j.categories_json) as CategoryScore[]) : [];
  return {
    siteId: site.id,
    name: site.name ?? site.url,
    url: site.url,
    level: site.level ?? undefined,
    region: site.region ?? undefined,
    parent: site.parent ?? undefined,
    tags: site.tags_json ? (JSON.parse(site.tags_json) as string[]) : [],
    crawlId: crawl.id,
    crawlStatus: crawl.status,
    crawlReason: crawl.reason ?? undefined,
    finalUrl: crawl.final_url ?? undefined,
    startedAt: crawl.started_at ?? undefined,
    endedAt: crawl.ended_at ?? undefined,
    pagesFetched: crawl.pages_fetched,
    pagesOk: crawl.pages_ok,
    pagesFailed: crawl.pages_failed,
    byStatus: crawl.by_status_json ? (JSON.parse(crawl.by_status_json) as Record<string, number>) : {},
    browser: crawl.browser ?? undefined,
    score: j ? {
      total: j.total, grade: j.grade, scorecard: j.scorecard, checklistHash: j.checklist_hash,
      gradeLabel: bundle?.scorecards.get(j.scorecard)?.grades.find((g) => g.grade === j.grade)?.label,
      categories: cats.map((c) => ({ id: c.id, title: c.title, score: c.score, max: c.max })),
    } : undefined,
    indicators,
    screenshotPath: homepageScreenshot(db, crawl.id),
  };
}

function rank(sites: SiteResult[]): void {
  const ranks = rankSites(sites.map((s) => ({ total: s.score?.total, group: s.level })));
  sites.forEach((s, i) => Object.assign(s, ranks[i]));
  // Ranked first, by rank; then the sites that could not be scored, by name.
  sites.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
}

export function loadRunResults(db: Db, runId: number, o: { compareRunId?: number; bundle?: ChecklistBundle } = {}): RunResults {
  const run = getRun(db, runId);
  if (!run) throw new Error(`no run ${runId}`);
  const sites = crawlsOfRun(db, runId).map((c) => siteResult(db, c, o.bundle));
  rank(sites);
  let compare: RunRow | undefined;
  if (o.compareRunId !== undefined) {
    compare = getRun(db, o.compareRunId);
    if (!compare) throw new Error(`no run ${o.compareRunId} to compare with`);
    const before = crawlsOfRun(db, compare.id).map((c) => siteResult(db, c, o.bundle));
    rank(before);
    const byKey = new Map(before.map((s) => [siteKey(s.url), s]));
    for (const s of sites) {
      const prev = byKey.get(siteKey(s.url));
      if (prev?.score) {
        s.previous = { total: prev.score.total, rank: prev.rank };
        if (s.score) s.delta = Math.round((s.score.total - prev.score.total) * 10) / 10;
      }
    }
  }
  const scorecardId = mostCommon(sites.map((s) => s.score?.scorecard).filter((x): x is string => !!x)) ?? run.scorecard ?? undefined;
  const sc = scorecardId ? o.bundle?.scorecards.get(scorecardId) : undefined;
  const firstCats = sites.find((s) => s.score?.scorecard === scorecardId)?.score?.categories ?? [];
  return {
    run,
    options: JSON.parse(run.options_json) as Record<string, unknown>,
    scorecard: scorecardId ? {
      id: scorecardId,
      title: sc?.title ?? scorecardId,
      categories: sc ? sc.categories.filter(isScoredCategory).map((c) => ({ id: c.id, title: c.title })) : firstCats.map((c) => ({ id: c.id, title: c.title })),
      reportedCategories: sc ? sc.categories.filter((c) => !isScoredCategory(c)).map((c) => ({ id: c.id, title: c.title })) : [],
    } : undefined,
    sites,
    compare,
  };
}

function mostCommon(xs: string[]): string | undefined {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
}
