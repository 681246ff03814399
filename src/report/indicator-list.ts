// A site's indicators grouped by category, failed ones first, each with the evidence that decided
// it: the page and link as links (when http), the matched text, the rule and the measured value.
// Scored indicators first; those reported, not scored (weight 0) last, in a group of their own.
import type { Evidence } from '../checklist/types.js';
import { isScoredOutcome, type IndicatorOutcome, type SiteResult } from '../results/run-results.js';
import { clip, html, linkOrText, type Html } from './escape-html.js';
import { OUTCOME_ORDER, formatScore, outcomeMark } from './report-format.js';
import type { ReportCategory } from './report-sites.js';

/** Share-of-pages indicators can carry evidence from every page; the first few make the case. */
export const MAX_EVIDENCE_SHOWN = 8;
const MAX_TEXT = 240;

function evidenceItem(e: Evidence): Html {
  const text = typeof e.text === 'string' && e.text !== '' ? e.text : undefined;
  const hasValue = e.value !== undefined && e.value !== null && e.value !== '';
  return html`<li class="evidence"><span class="ev-page">page ${linkOrText(e.pageUrl)}</span>${
    e.href !== undefined && e.href !== '' ? html` <span class="ev-href">link ${linkOrText(e.href)}</span>` : ''
  }${text ? html` <q class="ev-text" title="${clip(text, 2000)}">${clip(text, MAX_TEXT)}</q>` : ''}${
    hasValue ? html` <span class="ev-value">[${String(e.value)}]</span>` : ''
  } <span class="ev-rule">— ${e.rule}</span></li>`;
}

function indicatorItem(ind: IndicatorOutcome): Html {
  const ev = Array.isArray(ind.evidence) ? ind.evidence : [];
  const shown = ev.slice(0, MAX_EVIDENCE_SHOWN);
  const value = typeof ind.value === 'number' && Number.isFinite(ind.value) ? html` <span class="ind-value">value ${String(Math.round(ind.value * 1000) / 1000)}</span>` : '';
  return html`<li class="indicator ${ind.outcome}" data-indicator="${ind.id}">${outcomeMark(ind.outcome)} <span class="ind-title">${ind.title}</span> <code class="ind-id">${ind.id}</code>${value}${
    ind.reason && ind.outcome !== 'pass' ? html`<div class="ind-reason">${clip(ind.reason, 600)}</div>` : ''
  }${shown.length ? html`<ul class="evidence-list">${shown.map(evidenceItem)}${ev.length > shown.length ? html`<li class="more">… ${ev.length - shown.length} more not shown</li>` : ''}</ul>` : ''}</li>`;
}

const sortOutcomes = (a: IndicatorOutcome, b: IndicatorOutcome): number => (OUTCOME_ORDER[a.outcome] ?? 1) - (OUTCOME_ORDER[b.outcome] ?? 1) || String(a.id).localeCompare(String(b.id));

interface IndicatorGroup {
  id: string;
  title: string;
  items: IndicatorOutcome[];
}

/** Items grouped by category: the listed categories in order, then any other an item has (titled by the site's scores, else its id). */
function groupByCategory(site: SiteResult, items: IndicatorOutcome[], cats: readonly ReportCategory[]): IndicatorGroup[] {
  const order = [...cats];
  for (const c of site.score?.categories ?? []) if (!order.some((o) => o.id === c.id)) order.push({ id: c.id, title: c.title });
  for (const i of items) if (!order.some((o) => o.id === i.category)) order.push({ id: i.category, title: i.category });
  return order
    .map((c) => ({ id: c.id, title: c.title, items: items.filter((i) => i.category === c.id).sort(sortOutcomes) }))
    .filter((g) => g.items.length > 0);
}

/** The scored indicators by category: categories in the report's order, then any the site has that the scorecard does not name. */
export function indicatorGroups(site: SiteResult, cats: readonly ReportCategory[]): IndicatorGroup[] {
  return groupByCategory(site, site.indicators.filter(isScoredOutcome), cats);
}

/** The indicators reported, not scored (weight 0), by category; `titles` names the scorecard's unscored categories. */
export function reportedGroups(site: SiteResult, titles: readonly ReportCategory[] = []): IndicatorGroup[] {
  const reported = site.indicators.filter((i) => !isScoredOutcome(i));
  const known = titles.filter((t) => reported.some((i) => i.category === t.id));
  return groupByCategory({ ...site, score: undefined }, reported, known);
}

const passedOf = (items: IndicatorOutcome[]): string => `${items.filter((i) => i.outcome === 'pass').length} of ${items.length}`;

function reportedBlock(groups: IndicatorGroup[]): Html {
  if (groups.length === 0) return html``;
  const all = groups.flatMap((g) => g.items);
  return html`<div class="ind-group reported" data-category="reported"><h4>Reported, not scored <span class="cat-count">${passedOf(all)} found; weight 0, left out of the score</span></h4>${groups.map(
    (g) => html`<h5 data-category="${g.id}">${g.title} <span class="cat-count">${passedOf(g.items)} found</span></h5><ul class="indicators">${g.items.map(indicatorItem)}</ul>`,
  )}</div>`;
}

export function indicatorList(site: SiteResult, cats: readonly ReportCategory[], reportedTitles: readonly ReportCategory[] = []): Html {
  const groups = indicatorGroups(site, cats);
  const reported = reportedGroups(site, reportedTitles);
  if (groups.length === 0 && reported.length === 0) return html`<p class="empty">No indicators were judged for this site.</p>`;
  return html`${groups.map((g) => {
    const c = site.score?.categories.find((x) => x.id === g.id);
    return html`<div class="ind-group" data-category="${g.id}"><h4>${g.title}${c && c.max > 0 ? html` <span class="cat-score">${formatScore(c.score)} / ${formatScore(c.max)}</span>` : ''} <span class="cat-count">${passedOf(g.items)} passed</span></h4><ul class="indicators">${g.items.map(indicatorItem)}</ul></div>`;
  })}${reportedBlock(reported)}`;
}
