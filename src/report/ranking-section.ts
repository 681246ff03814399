// The ranking table: one row per scored site in rank order, linking to its section.
import type { RunResults, SiteResult } from '../results/run-results.js';
import { html, type Html } from './escape-html.js';
import { formatDelta, formatScore, groupLabel } from './report-format.js';
import { rankedSites, reportCategories, siteAnchor, type ReportCategory } from './report-sites.js';

function categoryCell(site: SiteResult, cat: ReportCategory): Html {
  const c = site.score?.categories.find((x) => x.id === cat.id);
  // max 0: nothing in the category applied to this site, so it dropped out of the total
  if (!c || !(c.max > 0)) return html`<td class="num na" title="not applicable">—</td>`;
  return html`<td class="num" title="${formatScore(c.score)} of ${formatScore(c.max)}">${formatScore(c.score)}</td>`;
}

function rankCell(site: SiteResult, tied: boolean): Html {
  return html`<td class="num rank">${site.rank ?? '—'}${tied ? html`<span class="tie" title="tied">=</span>` : ''}</td>`;
}

export function rankingSection(results: RunResults): Html {
  const sites = rankedSites(results);
  const cats = reportCategories(results);
  const comparing = results.compare !== undefined;
  const rankCount = new Map<number, number>();
  for (const s of sites) if (s.rank !== undefined) rankCount.set(s.rank, (rankCount.get(s.rank) ?? 0) + 1);
  const rows = sites.map((s) => {
    const group = groupLabel(s);
    return html`<tr data-site="${siteAnchor(s)}">${rankCell(s, s.rank !== undefined && (rankCount.get(s.rank) ?? 0) > 1)}<td class="name"><a href="#${siteAnchor(s)}">${s.name}</a></td><td class="group">${group || '—'}${
      s.groupRank !== undefined && s.level ? html` <span class="group-rank" title="rank among ${s.level} sites">#${s.groupRank}</span>` : ''
    }</td><td class="num total">${formatScore(s.score.total)}</td>${cats.map((c) => categoryCell(s, c))}<td class="grade">${s.score.grade}${
      s.score.gradeLabel ? html` <span class="grade-label">${s.score.gradeLabel}</span>` : ''
    }</td>${comparing ? html`<td class="num change">${formatDelta(s, true)}</td>` : ''}</tr>`;
  });
  const body = sites.length
    ? html`<div class="table-wrap"><table class="ranking" id="ranking-table"><thead><tr><th scope="col">Rank</th><th scope="col">Site</th><th scope="col">Level / region</th><th scope="col">Total</th>${cats.map(
        (c) => html`<th scope="col" class="cat">${c.title}</th>`,
      )}<th scope="col">Grade</th>${comparing ? html`<th scope="col">Change</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p class="empty">No site was scored in this run.</p>`;
  return html`<section id="ranking" class="block"><h2>Ranking</h2><p class="note">Scored sites only, out of 100; tied totals share a rank. Sites that could not be scored are listed under “Not ranked”.</p>${body}</section>`;
}
