// Judge and score one stored site crawl: read snapshots, run every indicator of the checklist,
// weigh them by the scorecard, store. Used by audit (right after the crawl) and by score (on an
// old run, with no network).
import type { Db } from '../store/database.js';
import { readCrawlPages } from '../store/page-reader.js';
import { saveJudgement } from '../store/judgements.js';
import type { SiteCrawlRow } from '../store/site-crawls.js';
import { siteInputsFromPages } from '../checklist/site-inputs.js';
import { judgeSite, type SiteInputs } from '../checklist/judge-site.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import { defaultScorecardFor, placeIndicators, type Scorecard, type WeighedResult } from '../scoring/scorecard.js';
import { scoreSite, type SiteScore } from '../scoring/score-site.js';
import { ChecklistError } from '../checklist/load-indicators.js';
import { siteNotes, type SiteNote } from '../checklist/site-notes.js';

export interface Judged {
  crawlId: number;
  judgementId: number;
  scorecard: Scorecard;
  /** Every indicator of the checklist; weight 0 = reported, not scored. */
  results: WeighedResult[];
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

/**
 * Every indicator of the checklist judged, each under the category the scorecard places it in and
 * with its weight: the scorecard decides what counts, not what is looked at.
 */
export function judgeAllIndicators(bundle: ChecklistBundle, sc: Scorecard, inputs: SiteInputs): WeighedResult[] {
  const placed = placeIndicators(sc, bundle.indicators);
  const results = judgeSite(placed.map((p) => ({ ...p.record, category: p.category })), inputs);
  return results.map((r, i) => ({ ...r, weight: placed[i]!.weight }));
}

export interface JudgeOptions {
  seedUrl: string;
  scorecardName?: string;
}

export function judgeCrawl(db: Db, crawl: SiteCrawlRow, bundle: ChecklistBundle, o: JudgeOptions): Judged {
  const sc = pickScorecard(bundle, o.seedUrl, o.scorecardName);
  const pages = readCrawlPages(db, crawl.id);
  const inputs = siteInputsFromPages(pages, { seedUrl: o.seedUrl, finalUrl: crawl.final_url ?? undefined, browser: crawl.browser });
  const results = judgeAllIndicators(bundle, sc, inputs);
  const score = scoreSite(results, sc);
  const judgementId = saveJudgement(db, crawl.id, bundle.hash, results, score);
  return { crawlId: crawl.id, judgementId, scorecard: sc, results, score, pages: { fetched: crawl.pages_fetched, failed: crawl.pages_failed }, notes: siteNotes(pages) };
}
