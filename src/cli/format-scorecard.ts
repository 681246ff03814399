// The terminal scorecard: total and grade, then each scored category with its missing items first,
// every indicator with the page and link that decided it; then the indicators reported, not scored
// (weight 0), grouped by category, so a site shows every finding even where its scorecard is silent.
import type { AuditDocument } from '../pipeline/audit-document.js';

type Item = AuditDocument['indicators'][number];

const MARK = { pass: '✓', fail: '✗', notApplicable: '–', error: '!' } as const;
const ORDER = { error: 0, fail: 1, notApplicable: 2, pass: 3 } as const;

const byOutcome = (a: Item, b: Item): number => ORDER[a.outcome] - ORDER[b.outcome];
const isScored = (i: Item): boolean => i.weight > 0;

function itemLines(i: Item): string[] {
  const lines = [`  ${MARK[i.outcome]} ${i.title}  [${i.id}]`];
  const e = i.evidence[0];
  if (e) lines.push(`      ${e.href ?? e.pageUrl}${e.text ? `  “${e.text}”` : ''}${e.value !== undefined ? `  [${e.value}]` : ''}  — ${e.rule}${e.href ? ` on ${e.pageUrl}` : ''}`);
  if (i.outcome !== 'pass' && i.reason && !i.evidence.some((x) => x.rule.includes(i.reason!))) lines.push(`      ${i.reason}`);
  return lines;
}

export function formatScorecard(doc: AuditDocument, titles: Map<string, string>, name?: string): string {
  const lines: string[] = [];
  const grade = doc.score.gradeLabel ? `${doc.score.grade} ${doc.score.gradeLabel}` : doc.score.grade;
  lines.push(`${name ? name + ' ' : ''}${doc.finalUrl}`);
  lines.push(`score ${doc.score.total.toFixed(1)} / 100   grade ${grade}   scorecard ${doc.scorecard} (checklist ${doc.checklistHash}, run ${doc.runId}, ${doc.pages.fetched} pages fetched, ${doc.pages.failed} failed)`);
  for (const n of doc.notes ?? []) lines.push(`note (${n.kind}): ${n.text}`);
  const scored = doc.indicators.filter(isScored);
  for (const [catId, cat] of Object.entries(doc.score.categories)) {
    lines.push('', `${titles.get(catId) ?? catId}  ${cat.score.toFixed(1)} / ${cat.max.toFixed(1)}`);
    for (const i of scored.filter((x) => x.category === catId).sort(byOutcome)) lines.push(...itemLines(i));
  }
  const reported = doc.indicators.filter((i) => !isScored(i));
  if (reported.length) {
    const passed = reported.filter((i) => i.outcome === 'pass').length;
    lines.push('', `reported, not scored (weight 0): ${passed} of ${reported.length} found`);
    for (const catId of new Set(reported.map((i) => i.category))) {
      lines.push(` ${titles.get(catId) ?? catId}`);
      for (const i of reported.filter((x) => x.category === catId).sort(byOutcome)) lines.push(...itemLines(i));
    }
  }
  const na = scored.filter((i) => i.outcome === 'notApplicable');
  if (na.length) lines.push('', `not applicable (left out of the score): ${na.map((i) => `${i.id} (${i.reason ?? 'n/a'})`).join(', ')}`);
  const errors = scored.filter((i) => i.outcome === 'error');
  if (errors.length) lines.push(`errors (counted as not achieved): ${errors.map((i) => i.id).join(', ')}`);
  return lines.join('\n');
}
