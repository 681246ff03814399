// One case per (page, indicator): govbench's outcome set against the hand label. A pass where the
// label says absent is a false pass, a fail where it says present a miss; null labels are
// skipped; notApplicable, error, an indicator govbench does not have and a page it could not
// audit are kept apart, never counted as agreement or disagreement.
import type { Evidence } from '../../src/checklist/types.js';
import type { ChecklistBundle } from '../../src/checklist/checklist-bundle.js';
import type { CorpusPage } from './corpus.js';
import type { Label, LabelSet } from './labels.js';
import type { AuditMode, PageAudit } from './audit-pages.js';
import { reportCategory } from './categories.js';

export type CaseKind = 'TP' | 'FP' | 'FN' | 'TN' | 'skipped' | 'notApplicable' | 'error' | 'notImplemented' | 'auditFailed';

export interface Case {
  mode: AuditMode;
  file: string;
  /** The page's original URL. */
  url: string;
  /** Where it was audited. */
  seed: string;
  lang: string;
  type: string;
  indicator: string;
  category: string;
  label: Label;
  /** govbench's outcome, or why there is none. */
  outcome: 'pass' | 'fail' | 'notApplicable' | 'error' | 'notImplemented' | 'auditFailed';
  kind: CaseKind;
  evidence: Evidence[];
  /** govbench's reason (what it searched, why n/a or error), or the audit failure. */
  reason?: string;
  /** The labeller's notes on the page. */
  pageNotes?: string;
}

export function kindOf(label: Label['value'], outcome: Case['outcome']): CaseKind {
  if (label === null) return 'skipped';
  if (outcome === 'pass') return label ? 'TP' : 'FP';
  if (outcome === 'fail') return label ? 'FN' : 'TN';
  return outcome;
}

export function compareAudits(audits: readonly PageAudit[], pages: readonly CorpusPage[], labels: LabelSet, bundle: ChecklistBundle): Case[] {
  const byFile = new Map(pages.map((p) => [p.file, p]));
  const cases: Case[] = [];
  for (const a of audits) {
    const page = byFile.get(a.file)!;
    const pl = labels.pages.get(a.file);
    if (!pl) continue;
    const results = new Map((a.doc?.indicators ?? []).map((r) => [r.id, r]));
    for (const [indicator, label] of pl.labels) {
      const r = results.get(indicator);
      const outcome: Case['outcome'] = !a.doc ? 'auditFailed' : r ? r.outcome : 'notImplemented';
      cases.push({
        mode: a.mode,
        file: a.file,
        url: page.url,
        seed: a.seed,
        lang: pl.lang ?? page.lang,
        type: page.type,
        indicator,
        category: reportCategory(indicator, bundle),
        label,
        outcome,
        kind: kindOf(label.value, outcome),
        evidence: r?.evidence ?? [],
        ...(a.failure ? { reason: a.failure } : r?.reason ? { reason: r.reason } : {}),
        ...(pl.notes ? { pageNotes: pl.notes } : {}),
      });
    }
  }
  return cases;
}
