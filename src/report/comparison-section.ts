// What changed since the compared run: the biggest rises and falls, sites that stopped being
// scored (newly failed) and sites scored now that were not then (recovered, or new to the list).
import type { RunResults, SiteResult } from '../results/run-results.js';
import { html, type Html } from './escape-html.js';
import { formatDate, formatDelta, formatScore, runLabel, statusBadge } from './report-format.js';
import { isRanked, siteAnchor } from './report-sites.js';

/** How many rises and falls to list; the full picture is the ranking table's Change column. */
export const MOVERS_SHOWN = 10;

export interface Comparison {
  rose: SiteResult[];
  fell: SiteResult[];
  /** Scored by the compared run, not by this one. */
  newlyFailed: SiteResult[];
  /** Scored now, not by the compared run. The results cannot tell a recovery from a site new to the list. */
  recovered: SiteResult[];
  unchanged: number;
}

const hasDelta = <T extends SiteResult>(s: T): s is T & { delta: number } => typeof s.delta === 'number' && Number.isFinite(s.delta);
const byName = (a: SiteResult, b: SiteResult): number => String(a.name).localeCompare(String(b.name), 'zh-Hans-CN');

export function compareSites(results: RunResults, shown = MOVERS_SHOWN): Comparison {
  const scored = results.sites.filter(isRanked);
  const moved = scored.filter(hasDelta);
  return {
    rose: moved.filter((s) => s.delta > 0).sort((a, b) => b.delta - a.delta || byName(a, b)).slice(0, shown),
    fell: moved.filter((s) => s.delta < 0).sort((a, b) => a.delta - b.delta || byName(a, b)).slice(0, shown),
    newlyFailed: results.sites.filter((s) => !isRanked(s) && s.previous !== undefined).sort(byName),
    recovered: scored.filter((s) => !hasDelta(s) && s.previous === undefined).sort(byName),
    unchanged: moved.filter((s) => s.delta === 0).length,
  };
}

const siteLink = (s: SiteResult): Html => html`<a href="#${siteAnchor(s)}">${s.name}</a>`;

function moversTable(id: string, caption: string, sites: SiteResult[]): Html {
  if (sites.length === 0) return html`<p class="empty" id="${id}">${caption}: none.</p>`;
  return html`<table class="movers" id="${id}"><caption>${caption}</caption><thead><tr><th scope="col">Site</th><th scope="col">Then</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead><tbody>${sites.map(
    (s) => html`<tr><td>${siteLink(s)}</td><td class="num">${formatScore(s.previous?.total)}</td><td class="num">${formatScore(s.score?.total)}</td><td class="num">${formatDelta(s, true)}</td></tr>`,
  )}</tbody></table>`;
}

export function comparisonSection(results: RunResults): Html {
  const against = results.compare;
  if (!against) return html``;
  const c = compareSites(results);
  const failedList = c.newlyFailed.length
    ? html`<ul class="changes" id="newly-failed">${c.newlyFailed.map((s) => html`<li>${siteLink(s)} ${statusBadge(s.crawlStatus)} (was ${formatScore(s.previous?.total)})</li>`)}</ul>`
    : html`<p class="empty" id="newly-failed">None.</p>`;
  const recoveredList = c.recovered.length
    ? html`<ul class="changes" id="recovered">${c.recovered.map((s) => html`<li>${siteLink(s)} now ${formatScore(s.score?.total)}</li>`)}</ul>`
    : html`<p class="empty" id="recovered">None.</p>`;
  return html`<section id="comparison" class="block"><h2>Since ${runLabel(against)}</h2><p class="note">Compared with ${runLabel(against)}, started ${formatDate(against.started_at)}. ${c.unchanged} site${c.unchanged === 1 ? '' : 's'} kept the same total.</p><div class="movers-pair">${moversTable(
    'rose',
    'Rose most',
    c.rose,
  )}${moversTable('fell', 'Fell most', c.fell)}</div><div class="movers-pair"><div><h4>Newly not scored</h4>${failedList}</div><div><h4>Scored again, or new</h4>${recoveredList}</div></div></section>`;
}
