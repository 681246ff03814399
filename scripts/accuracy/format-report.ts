// The accuracy report as text for a terminal: per pass, the figures by category, by category and
// language, by language and by indicator; then every false pass with govbench's evidence, every
// miss with the label's deciding text, what was not applicable or an error, and the ranking check.
import type { Evidence } from '../../src/checklist/types.js';
import type { AccuracyReport, ModeReport } from './run-accuracy.js';
import type { Case } from './compare.js';
import type { Confusion } from './confusion.js';

// Crawled and labelled text goes to a terminal: control and bidi characters are shown, not obeyed.
const visible = (s: string): string => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).replace(/\s+/g, ' ').trim();
const fig = (x: number | null): string => (x === null ? '   –' : x.toFixed(2));

export function formatReport(r: AccuracyReport): string {
  const out: string[] = [`accuracy on ${r.pages.length} labelled corpus pages (${r.corpusDir}), labels ${r.labelsFile}, checklist ${r.checklistHash}`];
  for (const n of r.notes) out.push(`  note: ${n}`);
  if (r.unlabelledPages.length) out.push(`  not labelled, not audited (${r.unlabelledPages.length}): ${r.unlabelledPages.join(', ')}`);
  if (r.labelsWithoutPage.length) out.push(`  labels for pages not in the corpus: ${r.labelsWithoutPage.join(', ')}`);
  for (const m of r.modes) out.push('', ...formatMode(m));
  return out.join('\n');
}

function formatMode(m: ModeReport): string[] {
  const title = m.mode === 'static' ? 'static (--no-browser)' : 'with the browser';
  if (m.skipped) return [`== ${title}: not run: ${m.skipped}`];
  const failed = m.audits.filter((a) => a.failure);
  const out = [`== ${title}: ${m.audits.length} pages audited, ${failed.length} could not be audited`];
  for (const a of failed) out.push(`  ${a.file}: ${a.failure}`);
  out.push(`overall  ${line(m.overall)}`, '', table('category', m.categories), '', table('category/lang', m.categoryByLanguage), '', table('language', m.languages), '');
  out.push(table('indicator', Object.fromEntries(Object.entries(m.indicators).map(([id, c]) => [`${id} [${c.category}]`, c]))));
  if (m.notImplemented.length) out.push('', `not implemented (labelled, absent from govbench's output): ${m.notImplemented.join(', ')}`);
  out.push('', `false passes (${m.falsePasses.length}): govbench passes, the label says absent`);
  for (const c of m.falsePasses) out.push(...caseHead(c), ...c.evidence.slice(0, 3).map((e) => `    govbench: ${evidence(e)}`), `    label: false${labelRemark(c)}`);
  out.push('', `misses (${m.misses.length}): govbench fails, the label says present`);
  for (const c of m.misses) {
    const l = c.label;
    out.push(...caseHead(c), `    label: ${l.text ? `"${visible(l.text)}"` : '(no text)'}${l.href ? ` → ${visible(l.href)}` : ''}${labelRemark(c)}`);
    if (c.reason) out.push(`    govbench: ${visible(c.reason)}`);
  }
  if (m.notApplicable.length || m.errors.length) {
    out.push('', `not applicable (${m.notApplicable.length}) and errors (${m.errors.length}), left out of the figures:`);
    for (const c of [...m.notApplicable, ...m.errors]) out.push(`  ${c.outcome}  ${c.file}  ${c.indicator}: ${visible(c.reason ?? '')}`);
  }
  out.push('', ...ranking(m));
  return out;
}

function line(c: Confusion): string {
  const left = [c.notApplicable && `n/a ${c.notApplicable}`, c.error && `error ${c.error}`, c.auditFailed && `not audited ${c.auditFailed}`, c.notImplemented && `not implemented ${c.notImplemented}`, c.skipped && `null ${c.skipped}`].filter(Boolean);
  return `precision ${fig(c.precision)}  recall ${fig(c.recall)}  F1 ${fig(c.f1)}  (TP ${c.tp}, FP ${c.fp}, FN ${c.fn}, TN ${c.tn}${left.length ? '; ' + left.join(', ') : ''})`;
}

function table(head: string, rows: Record<string, Confusion>): string {
  const w = Math.max(head.length, ...Object.keys(rows).map((k) => k.length));
  const num = (n: number): string => String(n).padStart(4);
  const lines = [`${head.padEnd(w)}  prec  rec    F1     TP   FP   FN   TN  n/a  err  n/i null`];
  for (const [k, c] of Object.entries(rows)) {
    lines.push(`${k.padEnd(w)}  ${fig(c.precision)}  ${fig(c.recall)}  ${fig(c.f1)}  ${num(c.tp)} ${num(c.fp)} ${num(c.fn)} ${num(c.tn)} ${num(c.notApplicable)} ${num(c.error + c.auditFailed)} ${num(c.notImplemented)} ${num(c.skipped)}`);
  }
  return lines.join('\n');
}

function caseHead(c: Case): string[] {
  return [`  ${c.indicator}  ${c.file}  ${c.url}${c.seed !== c.url ? ` (served ${c.seed})` : ''}`];
}

function evidence(e: Evidence): string {
  const parts = [e.text ? `"${visible(e.text)}"` : '', e.href ? `→ ${visible(e.href)}` : '', e.value !== undefined ? `value ${visible(String(e.value))}` : '', `(rule: ${visible(e.rule)})`];
  return `${parts.filter(Boolean).join(' ')} on ${e.pageUrl}`;
}

function labelRemark(c: Case): string {
  const r = [c.label.note, c.label.why].filter(Boolean).map((s) => visible(s!));
  return (r.length ? ` — ${r.join('; ')}` : '') + (c.pageNotes ? ` [page notes: ${visible(c.pageNotes)}]` : '');
}

function ranking(m: ModeReport): string[] {
  const k = m.ranking;
  const out = [`site ranking (home pages; each scorecard's weights over the indicators labelled true/false): Spearman rho ${k.rho === null ? '– (fewer than two ranked sites, or a constant score)' : k.rho.toFixed(2)} over ${k.sites.length} sites`];
  if (k.sites.length) out.push('  label rank  govbench rank  label score  govbench score  audit total  scorecard         page');
  for (const s of k.sites) {
    out.push(`  ${String(s.labelRank).padStart(10)}  ${String(s.govbenchRank).padStart(13)}  ${s.labelScore.toFixed(1).padStart(11)}  ${s.govbenchScore.toFixed(1).padStart(14)}  ${s.auditTotal.toFixed(1).padStart(11)}  ${s.scorecard.padEnd(16)}  ${s.file}`);
  }
  return out;
}
