// Everything a run produced, in one plain structure for rankings, spreadsheets and reports: per
// site its crawl, its latest judgement (score, categories, indicators with evidence) and its
// phone screenshot. Built from the store; export and report never query SQLite themselves.
import type { Db } from '../store/database.js';
import type { RunRow } from '../store/runs.js';
import type { Evidence, Outcome } from '../checklist/types.js';

export interface CategoryResult {
  id: string;
  title: string;
  score: number;
  max: number;
}

export interface IndicatorOutcome {
  id: string;
  category: string;
  title: string;
  outcome: Outcome;
  /** The scorecard's weight; 0 = reported, not scored. Undefined in judgements stored before every indicator was judged (all of those were scored). */
  weight?: number;
  reason?: string;
  value?: number;
  evidence: Evidence[];
}

/** Whether an indicator result counted toward its site's score (weight 0 = reported, not scored). */
export function isScoredOutcome(ind: Pick<IndicatorOutcome, 'weight'>): boolean {
  return ind.weight === undefined || ind.weight > 0;
}

export interface SiteResult {
  siteId: number;
  name: string;
  url: string;
  /** Group fields from the site list. */
  level?: string;
  region?: string;
  parent?: string;
  tags: string[];
  crawlId: number;
  /** done | partial | failed | running | pending */
  crawlStatus: string;
  crawlReason?: string;
  finalUrl?: string;
  startedAt?: string;
  endedAt?: string;
  pagesFetched: number;
  pagesOk: number;
  pagesFailed: number;
  byStatus: Record<string, number>;
  browser?: string;
  /** Undefined when the site was not scored (its crawl failed or never finished). */
  score?: { total: number; grade: string; gradeLabel?: string; scorecard: string; checklistHash: string; categories: CategoryResult[] };
  indicators: IndicatorOutcome[];
  screenshotPath?: string;
  /** Competition rank (ties share a rank) among scored sites; undefined when not scored. */
  rank?: number;
  /** Rank within the site's level group (ministry, province, city, county), when it has one. */
  groupRank?: number;
  /** Change of total since the compared run, when both runs scored the site. */
  delta?: number;
  /** The compared run's total and rank, when it scored the site. */
  previous?: { total: number; rank?: number };
}

export interface RunResults {
  run: RunRow;
  options: Record<string, unknown>;
  /**
   * The scorecard most sites were scored with: its scored categories in order, and the titles of
   * its categories reported, not scored (weight 0).
   */
  scorecard?: { id: string; title: string; categories: { id: string; title: string }[]; reportedCategories?: { id: string; title: string }[] };
  sites: SiteResult[];
  /** The run compared against, when asked for. */
  compare?: RunRow;
}
