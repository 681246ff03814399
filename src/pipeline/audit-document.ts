// The JSON document of one audited site (`govbench audit --json`, `govbench score --json`): the
// shape other tools read, documented in the README. It lists every indicator of the checklist,
// scored ones first; weight 0 marks those reported, not scored.
import type { Judged } from './judge-crawl.js';
import type { ChecklistBundle } from '../checklist/checklist-bundle.js';
import type { SiteNote } from '../checklist/site-notes.js';

export interface AuditDocument {
  url: string;
  finalUrl: string;
  scorecard: string;
  checklistHash: string;
  runId: number;
  score: { total: number; grade: string; gradeLabel?: string; categories: Record<string, { score: number; max: number }> };
  indicators: {
    id: string;
    category: string;
    title: string;
    outcome: 'pass' | 'fail' | 'notApplicable' | 'error';
    /** The scorecard's weight; 0 = reported, not scored (judged and shown, left out of the score). */
    weight: number;
    reason?: string;
    value?: number;
    evidence: { pageUrl: string; href?: string; text?: string; value?: string | number; rule: string }[];
  }[];
  pages: { fetched: number; failed: number };
  /** How the site was read, where a reader must know it (a homepage redirect, a cut homepage, a wrong charset, soft 404s). */
  notes: SiteNote[];
}

export function auditDocument(j: Judged, bundle: ChecklistBundle, site: { url: string; finalUrl?: string; runId: number }): AuditDocument {
  const categories: AuditDocument['score']['categories'] = {};
  for (const c of j.score.categories) categories[c.id] = { score: c.score, max: c.max };
  return {
    url: site.url,
    finalUrl: site.finalUrl ?? site.url,
    scorecard: j.scorecard.id,
    checklistHash: bundle.hash,
    runId: site.runId,
    score: { total: j.score.total, grade: j.score.grade, ...(j.score.gradeLabel ? { gradeLabel: j.score.gradeLabel } : {}), categories },
    indicators: j.results.map((r) => {
      const ind = bundle.indicators.get(r.id);
      return {
        id: r.id,
        category: r.category,
        title: (r.outcome === 'fail' || r.outcome === 'error' ? ind?.failureTitle : ind?.title) ?? r.id,
        outcome: r.outcome,
        weight: r.weight,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.value !== undefined ? { value: r.value } : {}),
        evidence: r.evidence,
      };
    }),
    pages: j.pages,
    notes: j.notes,
  };
}
