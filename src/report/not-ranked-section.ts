// Sites without a score (crawl failed, or never finished) in a table of their own: listed with
// the reason, never ranked, so a failed crawl is not mistaken for a zero.
import type { RunResults } from '../results/run-results.js';
import { clip, html, linkOrText, type Html } from './escape-html.js';
import { groupLabel, statusBadge } from './report-format.js';
import { siteAnchor, unrankedSites } from './report-sites.js';

export function notRankedSection(results: RunResults): Html {
  const sites = unrankedSites(results);
  if (sites.length === 0) return html``;
  const rows = sites.map(
    (s) =>
      html`<tr data-site="${siteAnchor(s)}"><td class="name"><a href="#${siteAnchor(s)}">${s.name}</a></td><td class="group">${groupLabel(s) || '—'}</td><td>${linkOrText(s.url)}</td><td>${statusBadge(s.crawlStatus)}</td><td class="reason" title="${s.crawlReason ?? ''}">${
        s.crawlReason ? clip(s.crawlReason, 200) : '—'
      }</td><td class="num">${s.pagesOk} / ${s.pagesFetched}</td></tr>`,
  );
  return html`<section id="not-ranked" class="block"><h2>Not ranked</h2><p class="note">${sites.length === 1 ? 'This site was not scored, so it has no rank.' : `These ${sites.length} sites were not scored, so they have no rank.`}</p><div class="table-wrap"><table class="not-ranked" id="not-ranked-table"><thead><tr><th scope="col">Site</th><th scope="col">Level / region</th><th scope="col">Address</th><th scope="col">Crawl</th><th scope="col">Reason</th><th scope="col">Pages ok / fetched</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}
