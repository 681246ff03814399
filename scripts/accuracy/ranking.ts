// The site ranking check: on home pages, the score govbench's outcomes give against the score the
// labels give, both weighed by the same scorecard (the one the audit used) over the same
// indicators (those labelled true or false; anything else is not applicable on both sides), and
// Spearman's rho between the two rankings.
import type { ChecklistBundle } from '../../src/checklist/checklist-bundle.js';
import type { IndicatorResult, Outcome } from '../../src/checklist/types.js';
import { scoreSite } from '../../src/scoring/score-site.js';
import type { CorpusPage } from './corpus.js';
import type { LabelSet } from './labels.js';
import type { PageAudit } from './audit-pages.js';
import { averageRanks, spearman } from './spearman.js';

export interface RankedSite {
  file: string;
  url: string;
  scorecard: string;
  /** Weighed from govbench's outcomes on the labelled indicators. */
  govbenchScore: number;
  /** Weighed from the labels, as if they were the outcomes. */
  labelScore: number;
  /** The audit's own total (every indicator of the scorecard, phone checks included). */
  auditTotal: number;
  govbenchRank: number;
  labelRank: number;
  /** Scorecard indicators that had a true/false label and a govbench outcome. */
  indicatorsCompared: number;
}

export interface RankingCheck {
  sites: RankedSite[];
  /** Spearman's rho between govbenchScore and labelScore; null with fewer than two sites. */
  rho: number | null;
}

export function rankingCheck(audits: readonly PageAudit[], pages: readonly CorpusPage[], labels: LabelSet, bundle: ChecklistBundle): RankingCheck {
  const homes = new Map(pages.filter((p) => p.type === 'home').map((p) => [p.file, p]));
  const rows: Omit<RankedSite, 'govbenchRank' | 'labelRank'>[] = [];
  for (const a of audits) {
    const page = homes.get(a.file);
    const pl = labels.pages.get(a.file);
    const sc = a.doc ? bundle.scorecards.get(a.doc.scorecard) : undefined;
    if (!page || !pl || !a.doc || !sc) continue;
    const outcomes = new Map(a.doc.indicators.map((r) => [r.id, r.outcome]));
    const gov: IndicatorResult[] = [];
    const lab: IndicatorResult[] = [];
    let compared = 0;
    for (const cat of sc.categories) {
      for (const ref of cat.refs) {
        const label = pl.labels.get(ref.id)?.value;
        const outcome = outcomes.get(ref.id);
        const both = label !== undefined && label !== null && outcome !== undefined;
        if (both) compared++;
        gov.push(result(ref.id, cat.id, both ? outcome : 'notApplicable'));
        lab.push(result(ref.id, cat.id, both ? (label ? 'pass' : 'fail') : 'notApplicable'));
      }
    }
    rows.push({
      file: a.file, url: page.url, scorecard: sc.id, auditTotal: a.doc.score.total, indicatorsCompared: compared,
      govbenchScore: scoreSite(gov, sc).total, labelScore: scoreSite(lab, sc).total,
    });
  }
  const gr = averageRanks(rows.map((r) => r.govbenchScore));
  const lr = averageRanks(rows.map((r) => r.labelScore));
  const sites = rows.map((r, i) => ({ ...r, govbenchRank: gr[i]!, labelRank: lr[i]! })).sort((a, b) => a.labelRank - b.labelRank);
  return { sites, rho: spearman(rows.map((r) => r.govbenchScore), rows.map((r) => r.labelScore)) };
}

function result(id: string, category: string, outcome: Outcome): IndicatorResult {
  return { id, category, outcome, evidence: [] };
}
