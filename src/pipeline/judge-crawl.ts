// Judge and score one stored site crawl: read snapshots, run the scorecard's indicators, weigh,
// store. Used by audit (right after the crawl) and by score (on an old run, with no network).
import type { Db } from '../store/database.js';
import { readCrawlPages } from '../store/page-reader.js';
import { saveJudgement } from '../store/judgements.js';
import type { SiteCrawlRow } from '../store/site-crawls.js';
import { siteInputsFromPages } from '../checklist/site-inputs.js';
import { judgeSite } from '../checklist/judge-site.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import type { IndicatorRecord, IndicatorResult } from '../checklist/types.js';
import { defaultScorecardFor, type Scorecard } from '../scoring/scorecard.js';
import { scoreSite, type SiteScore } from '../scoring/score-site.js';
import { ChecklistError } from '../checklist/load-indicators.js';
import { siteNotes, type SiteNote } from '../checklist/site-notes.js';

export interface Judged {
  crawlId: number;
  judgementId: number;
  scorecard: Scorecard;
  results: IndicatorResult[];
  score: SiteScore;
  pages: { fetched: number; failed: number };
  /** How the site was read, where a reader must know it: a homepage redirect or cut, a wrong charset, soft 404s. */
  notes: SiteNote[];
}

export function pickScorecard(bundle: ChecklistBundle, url: string, name?: string): Scorecard {
  if (name) {
    const sc = bundle.scorecards.get(name);
    if (!sc) throw new ChecklistError(`unknown scorecard "${name}" (known: ${[...bundle.scorecards.keys()].join(', ')})`);
    return sc;
  }
  return defaultScorecardFor(url, bundle.scorecards);
}

/** The indicators a scorecard refers to, with the scorecard's category for each. */
export function scorecardIndicators(bundle: ChecklistBundle, sc: Scorecard): IndicatorRecord[] {
  return sc.categories.flatMap((c) => c.refs.map((r) => ({ ...bundle.indicators.get(r.id)!, category: c.id })));
}

export interface JudgeOptions {
  seedUrl: string;
  scorecardName?: string;
}

export function judgeCrawl(db: Db, crawl: SiteCrawlRow, bundle: ChecklistBundle, o: JudgeOptions): Judged {
  const sc = pickScorecard(bundle, o.seedUrl, o.scorecardName);
  const pages = readCrawlPages(db, crawl.id);
  const inputs = siteInputsFromPages(pages, { seedUrl: o.seedUrl, finalUrl: crawl.final_url ?? undefined, browser: crawl.browser });
  const results = judgeSite(scorecardIndicators(bundle, sc), inputs);
  const score = scoreSite(results, sc);
  const judgementId = saveJudgement(db, crawl.id, bundle.hash, results, score);
  return { crawlId: crawl.id, judgementId, scorecard: sc, results, score, pages: { fetched: crawl.pages_fetched, failed: crawl.pages_failed }, notes: siteNotes(pages) };
}
