// The terminal scorecard: total and grade, then each category with its missing items first,
// every indicator with the page and link that decided it.
import type { AuditDocument } from '../pipeline/audit-document.js';

const MARK = { pass: '✓', fail: '✗', notApplicable: '–', error: '!' } as const;
const ORDER = { error: 0, fail: 1, notApplicable: 2, pass: 3 } as const;

export function formatScorecard(doc: AuditDocument, titles: Map<string, string>, name?: string): string {
  const lines: string[] = [];
  const grade = doc.score.gradeLabel ? `${doc.score.grade} ${doc.score.gradeLabel}` : doc.score.grade;
  lines.push(`${name ? name + ' ' : ''}${doc.finalUrl}`);
  lines.push(`score ${doc.score.total.toFixed(1)} / 100   grade ${grade}   scorecard ${doc.scorecard} (checklist ${doc.checklistHash}, run ${doc.runId}, ${doc.pages.fetched} pages fetched, ${doc.pages.failed} failed)`);
  for (const n of doc.notes ?? []) lines.push(`note (${n.kind}): ${n.text}`);
  for (const [catId, cat] of Object.entries(doc.score.categories)) {
    const items = doc.indicators.filter((i) => i.category === catId).sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome]);
    lines.push('', `${titles.get(catId) ?? catId}  ${cat.score.toFixed(1)} / ${cat.max.toFixed(1)}`);
    for (const i of items) {
      lines.push(`  ${MARK[i.outcome]} ${i.title}  [${i.id}]`);
      if (i.outcome === 'pass' || i.evidence.length) {
        const e = i.evidence[0];
        if (e) lines.push(`      ${e.href ?? e.pageUrl}${e.text ? `  “${e.text}”` : ''}${e.value !== undefined ? `  [${e.value}]` : ''}  — ${e.rule}${e.href ? ` on ${e.pageUrl}` : ''}`);
      }
      if (i.outcome !== 'pass' && i.reason && !i.evidence.some((e) => e.rule.includes(i.reason!))) lines.push(`      ${i.reason}`);
    }
  }
  const na = doc.indicators.filter((i) => i.outcome === 'notApplicable');
  if (na.length) lines.push('', `not applicable (left out of the score): ${na.map((i) => `${i.id} (${i.reason ?? 'n/a'})`).join(', ')}`);
  const errors = doc.indicators.filter((i) => i.outcome === 'error');
  if (errors.length) lines.push(`errors (counted as not achieved): ${errors.map((i) => i.id).join(', ')}`);
  return lines.join('\n');
}
