// Small formatters shared by the report's sections: scores, changes, dates, run names, outcomes.
import type { Outcome } from '../checklist/types.js';
import type { RunRow } from '../store/runs.js';
import type { SiteResult } from '../results/run-results.js';
import { html, type Html } from './escape-html.js';

/** Scores are stored rounded to one decimal; show them that way, always, so columns line up. */
export function formatScore(n: number | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(1) : '—';
}

/**
 * The change since the compared run. Arrows carry the meaning so it survives print and colour
 * blindness; colour (green up, red down) is only a second cue.
 */
export function formatDelta(site: SiteResult, comparing: boolean): Html {
  if (!comparing) return html``;
  const d = site.delta;
  const prev = site.previous ? `was ${formatScore(site.previous.total)}${site.previous.rank !== undefined ? `, rank ${site.previous.rank}` : ''}` : undefined;
  if (typeof d !== 'number' || !Number.isFinite(d)) {
    return site.score ? html`<span class="delta new" title="not scored by the compared run">new</span>` : html`<span class="delta none">—</span>`;
  }
  if (d > 0) return html`<span class="delta up" title="${prev}">▲ ${d.toFixed(1)}</span>`;
  if (d < 0) return html`<span class="delta down" title="${prev}">▼ ${(-d).toFixed(1)}</span>`;
  return html`<span class="delta same" title="${prev}">= 0.0</span>`;
}

/** ISO timestamps as `2024-05-01 09:30 UTC`: readable, and the same wherever the report is opened. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return String(iso);
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function runLabel(run: RunRow): string {
  return run.name ? `${run.name} (run #${run.id})` : `${run.kind} run #${run.id}`;
}

export const OUTCOME_MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', notApplicable: 'n.a.', error: 'error' };
export const OUTCOME_WORD: Record<Outcome, string> = { pass: 'passed', fail: 'failed', notApplicable: 'not applicable', error: 'error (counted as not achieved)' };
/** Failed first: what a site lacks is what its reader came for; passes last. */
export const OUTCOME_ORDER: Record<Outcome, number> = { fail: 0, error: 1, notApplicable: 2, pass: 3 };

export function outcomeMark(o: Outcome): Html {
  const known = o in OUTCOME_MARK;
  return html`<span class="mark ${known ? o : 'error'}" title="${known ? OUTCOME_WORD[o] : String(o)}">${known ? OUTCOME_MARK[o] : String(o)}</span>`;
}

/** The site's group, as "level · region", with its rank in the level when it has one. */
export function groupLabel(site: SiteResult): string {
  const parts = [site.level, site.region].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.join(' · ');
}

export function statusBadge(status: string): Html {
  const cls = ['done', 'partial', 'failed', 'running', 'pending'].includes(status) ? status : 'other';
  return html`<span class="status ${cls}">${status}</span>`;
}
