// The comparison sheets as plain tables, built from a run's results and nothing else. The column
// lists below are the export's interface (the README documents them): add a column at the end of
// its list, never reorder, so formulas and scripts over older exports keep working.
import type { Outcome } from '../checklist/types.js';
import type { PageStatus } from '../crawl/types.js';
import type { IndicatorOutcome, RunResults, SiteResult } from '../results/run-results.js';
import { categoryIds, indicatorIds, sitesInRankOrder } from './run-layout.js';
import { httpLink } from './spreadsheet-cell.js';
import type { Cell, RichCell, Table } from './table.js';

/** Ranking: these columns, then one per category (headed by its id, holding its score), then the next list. */
export const RANKING_COLUMNS_BEFORE_CATEGORIES = ['rank', 'site', 'url', 'level', 'region', 'parent', 'total'] as const;
/** `change` is the total's change since the compared run, blank when that run did not score the site. */
export const RANKING_COLUMNS_AFTER_CATEGORIES = ['grade', 'grade label', 'change', 'previous rank', 'crawl status', 'crawl reason'] as const;

/**
 * Indicators: these columns, then one per scored indicator id in category order; then, when some
 * indicators are reported, not scored (weight 0) on every site, this divider column (always blank)
 * and one column per such indicator.
 */
export const INDICATOR_COLUMNS_BEFORE_INDICATORS = ['site', 'url'] as const;
export const REPORTED_DIVIDER = 'reported, not scored' as const;
/** What an Indicators cell shows for each outcome; a site without that indicator has a blank cell. */
export const OUTCOME_MARKS: Readonly<Record<Outcome, string>> = { pass: '✓', fail: '✗', notApplicable: 'n.a.', error: 'error' };

/**
 * Evidence: one row per evidence item of each indicator result (one row, evidence blank, when it
 * has none). `weight` is the scorecard's weight: 0 = reported, not scored; blank for results stored
 * before every indicator was judged.
 */
export const EVIDENCE_COLUMNS = ['site', 'url', 'indicator', 'category', 'outcome', 'page url', 'link', 'text', 'value', 'rule', 'reason', 'weight'] as const;

/** Problems: what needs a person's attention, one row each. */
export const PROBLEM_COLUMNS = ['kind', 'site', 'url', 'indicator', 'status', 'reason'] as const;
/**
 * `crawl-unfinished` is a crawl still `running` or `pending` when the results were read.
 * `veto` is reserved for scorecard vetoes, which the results do not carry yet.
 */
export const PROBLEM_KINDS = ['crawl-failed', 'crawl-partial', 'crawl-unfinished', 'indicator-error', 'veto'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** Pages: these columns, then one per page status seen in the run, in PAGE_STATUS_ORDER. */
export const PAGES_COLUMNS_BEFORE_STATUSES = ['site', 'url', 'pages fetched', 'pages ok', 'pages failed'] as const;
/** The README's failure taxonomy order; a status outside it (from a newer crawler) follows, alphabetically. */
export const PAGE_STATUS_ORDER = [
  'ok', 'http-4xx', 'soft-404', 'http-5xx', 'blocked', 'challenge', 'timeout', 'dns', 'tls', 'refused', 'reset', 'too-many-redirects',
  'too-large', 'not-html', 'parse-timeout', 'robots-disallowed', 'out-of-scope', 'budget', 'error',
] as const satisfies readonly PageStatus[];

/** Runs: key/value rows, the keys in RUN_KEYS order. */
export const RUN_COLUMNS = ['key', 'value'] as const;
export const RUN_KEYS = [
  'run id', 'kind', 'name', 'status', 'started', 'ended', 'scorecard', 'checklist hash', 'options', 'sites', 'compared run id',
] as const;

export function rankingSheet(results: RunResults): Table {
  const categories = categoryIds(results);
  const rows = sitesInRankOrder(results).map((site): Cell[] => {
    const byId = new Map((site.score?.categories ?? []).map((c) => [c.id, c.score]));
    return [
      site.rank,
      site.name,
      siteUrlCell(site),
      site.level,
      site.region,
      site.parent,
      site.score?.total,
      ...categories.map((id) => byId.get(id)),
      site.score?.grade,
      site.score?.gradeLabel,
      site.delta,
      site.previous?.rank,
      site.crawlStatus,
      site.crawlReason,
    ];
  });
  return { name: 'Ranking', columns: [...RANKING_COLUMNS_BEFORE_CATEGORIES, ...categories, ...RANKING_COLUMNS_AFTER_CATEGORIES], rows };
}

export function indicatorsSheet(results: RunResults): Table {
  const { scored, reported } = indicatorIds(results);
  const rows = sitesInRankOrder(results).map((site): Cell[] => {
    const byId = new Map(site.indicators.map((ind) => [ind.id, ind]));
    const cells = (ids: string[]): Cell[] => ids.map((id) => matrixCell(byId.get(id)));
    return [site.name, siteUrlCell(site), ...cells(scored), ...(reported.length ? [undefined, ...cells(reported)] : [])];
  });
  const columns = [...INDICATOR_COLUMNS_BEFORE_INDICATORS, ...scored, ...(reported.length ? [REPORTED_DIVIDER, ...reported] : [])];
  return { name: 'Indicators', columns, rows };
}

export function evidenceSheet(results: RunResults): Table {
  const rows: Cell[][] = [];
  for (const site of sitesInRankOrder(results)) {
    for (const ind of site.indicators) {
      const lead: Cell[] = [site.name, site.url, ind.id, ind.category, { value: ind.outcome, outcome: ind.outcome }];
      if (ind.evidence.length === 0) {
        rows.push([...lead, undefined, undefined, undefined, ind.value, undefined, ind.reason, ind.weight]);
        continue;
      }
      for (const ev of ind.evidence) {
        rows.push([
          ...lead,
          linkCell(ev.pageUrl),
          linkCell(ev.href),
          ev.text,
          // The evidence's own value, else the indicator's measured one (a share of pages).
          ev.value ?? ind.value,
          ev.rule,
          ind.reason,
          ind.weight,
        ]);
      }
    }
  }
  return { name: 'Evidence', columns: [...EVIDENCE_COLUMNS], rows };
}

export function problemsSheet(results: RunResults): Table {
  const rows: Cell[][] = [];
  for (const site of sitesInRankOrder(results)) {
    const crawlKind = crawlProblem(site.crawlStatus);
    if (crawlKind) rows.push([crawlKind, site.name, site.url, undefined, site.crawlStatus, site.crawlReason]);
    for (const ind of site.indicators) {
      if (ind.outcome === 'error') rows.push(['indicator-error' satisfies ProblemKind, site.name, site.url, ind.id, ind.outcome, ind.reason]);
    }
  }
  return { name: 'Problems', columns: [...PROBLEM_COLUMNS], rows };
}

export function pagesSheet(results: RunResults): Table {
  const statuses = statusesSeen(results.sites);
  const rows = sitesInRankOrder(results).map((site): Cell[] => [
    site.name,
    site.url,
    site.pagesFetched,
    site.pagesOk,
    site.pagesFailed,
    ...statuses.map((status) => site.byStatus[status] ?? 0),
  ]);
  return { name: 'Pages', columns: [...PAGES_COLUMNS_BEFORE_STATUSES, ...statuses], rows };
}

export function runsSheet(results: RunResults): Table {
  const { run } = results;
  const values: Record<(typeof RUN_KEYS)[number], Cell> = {
    'run id': run.id,
    kind: run.kind,
    name: run.name ?? undefined,
    status: run.status,
    started: run.started_at,
    ended: run.ended_at ?? undefined,
    scorecard: results.scorecard?.id ?? run.scorecard ?? undefined,
    'checklist hash': run.checklist_hash ?? undefined,
    options: JSON.stringify(results.options),
    sites: results.sites.length,
    'compared run id': results.compare?.id,
  };
  return { name: 'Runs', columns: [...RUN_COLUMNS], rows: RUN_KEYS.map((key) => [key, values[key]]) };
}

/** The six sheets in workbook order (SHEET_NAMES). */
export function buildSheets(results: RunResults): Table[] {
  return [rankingSheet, indicatorsSheet, evidenceSheet, problemsSheet, pagesSheet, runsSheet].map((build) => build(results));
}

function siteUrlCell(site: SiteResult): RichCell {
  return { value: site.url, link: httpLink(site.url) };
}

function linkCell(url: string | undefined): Cell {
  return url === undefined ? undefined : { value: url, link: httpLink(url) };
}

/** The outcome mark, linked to the first evidence URL a person can open (the page, else the link found on it). */
function matrixCell(ind: IndicatorOutcome | undefined): Cell {
  if (!ind) return undefined;
  let link: string | undefined;
  for (const ev of ind.evidence) {
    link = httpLink(ev.pageUrl) ?? httpLink(ev.href);
    if (link) break;
  }
  return { value: OUTCOME_MARKS[ind.outcome], link, outcome: ind.outcome };
}

function crawlProblem(status: string): ProblemKind | undefined {
  if (status === 'done') return undefined;
  if (status === 'failed') return 'crawl-failed';
  if (status === 'partial') return 'crawl-partial';
  return 'crawl-unfinished';
}

function statusesSeen(sites: SiteResult[]): string[] {
  const seen = new Set<string>();
  for (const site of sites) {
    for (const [status, count] of Object.entries(site.byStatus)) if (count > 0) seen.add(status);
  }
  const known: readonly string[] = PAGE_STATUS_ORDER;
  const extra = [...seen].filter((s) => !known.includes(s)).sort();
  return [...known.filter((s) => seen.has(s)), ...extra];
}
