// One section per site: its total and grade, category bars, crawl status and page counts, its
// phone screenshot and every indicator with evidence.
import type { SiteResult } from '../results/run-results.js';
import { clip, html, linkOrText, trusted, type Html } from './escape-html.js';
import { indicatorList } from './indicator-list.js';
import { formatDate, formatDelta, formatScore, groupLabel, statusBadge } from './report-format.js';
import { siteAnchor, type ReportCategory } from './report-sites.js';
import { embedScreenshot } from './screenshot-embed.js';
import { categoryBars } from './svg-charts.js';

export interface SiteSectionOptions {
  categories: readonly ReportCategory[];
  /** Titles of the scorecard's categories reported, not scored (weight 0). */
  reportedCategories?: readonly ReportCategory[];
  comparing: boolean;
  embedScreenshots: boolean;
}

const SHOT_NOTE = { none: 'No phone screenshot was taken.', missing: 'The phone screenshot file is missing.', 'too-large': 'The phone screenshot is too large to embed.', 'not-an-image': 'The phone screenshot file is not a PNG or JPEG image.' } as const;

function screenshot(site: SiteResult, embed: boolean): Html {
  if (!embed) return site.screenshotPath ? html`<p class="shot-note">Screenshot not embedded: <code>${site.screenshotPath}</code></p>` : html``;
  const shot = embedScreenshot(site.screenshotPath);
  if (!shot.ok) return html`<p class="shot-note">${SHOT_NOTE[shot.why]}</p>`;
  return html`<figure class="shot-box"><img class="shot" src="${shot.dataUri}" alt="Phone screenshot of ${site.name}" width="360" decoding="async"><figcaption>Phone view</figcaption></figure>`;
}

function facts(site: SiteResult, comparing: boolean): Html {
  const row = (k: string, v: Html | string): Html => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`;
  const statuses = Object.entries(site.byStatus ?? {}).map(([k, n]) => `${k} ${n}`).join(', ');
  return html`<table class="facts">${[
    row('Address', linkOrText(site.url)),
    site.finalUrl && site.finalUrl !== site.url ? row('Landed on', linkOrText(site.finalUrl)) : html``,
    groupLabel(site) ? row('Level / region', html`${groupLabel(site)}${site.groupRank !== undefined ? ` (#${site.groupRank} in level)` : ''}`) : html``,
    site.parent ? row('Parent', site.parent) : html``,
    site.tags?.length ? row('Tags', site.tags.join(', ')) : html``,
    row('Crawl', html`${statusBadge(site.crawlStatus)}${site.crawlReason ? html` <span class="reason">${clip(site.crawlReason, 600)}</span>` : ''}`),
    row('Pages', `${site.pagesFetched} fetched, ${site.pagesOk} ok, ${site.pagesFailed} failed${statuses ? ` (${statuses})` : ''}`),
    site.startedAt ? row('Crawled', `${formatDate(site.startedAt)}${site.endedAt ? ` – ${formatDate(site.endedAt)}` : ''}`) : html``,
    site.browser ? row('Browser', site.browser) : html``,
    comparing && site.previous ? row('Compared run', `${formatScore(site.previous.total)}${site.previous.rank !== undefined ? `, rank ${site.previous.rank}` : ''}`) : html``,
  ]}</table>`;
}

export function siteSection(site: SiteResult, opts: SiteSectionOptions): Html {
  const s = site.score;
  const headline = s
    ? html`<p class="headline"><span class="big">${formatScore(s.total)}</span> / 100 · grade <strong>${s.grade}</strong>${s.gradeLabel ? ` ${s.gradeLabel}` : ''}${
        site.rank !== undefined ? html` · rank <strong>${site.rank}</strong>` : ''
      }${opts.comparing ? html` · ${formatDelta(site, true)}` : ''}</p>`
    : html`<p class="headline unscored">Not scored: ${site.crawlStatus === 'failed' ? 'the crawl failed' : `the crawl is ${site.crawlStatus}`}.</p>`;
  const bars = s?.categories.length
    ? trusted(
        categoryBars(
          s.categories.map((c) => ({ label: c.title, share: c.max > 0 ? c.score / c.max : undefined, value: c.max > 0 ? `${formatScore(c.score)} / ${formatScore(c.max)}` : 'n.a.' })),
          { title: 'Category scores', width: 560 },
        ),
      )
    : '';
  return html`<section class="site" id="${siteAnchor(site)}"><h3>${site.name}</h3>${headline}<div class="site-top"><div class="site-facts">${bars}${facts(site, opts.comparing)}</div>${screenshot(site, opts.embedScreenshots)}</div>${indicatorList(site, opts.categories, opts.reportedCategories)}<p class="back"><a href="#ranking">↑ ranking</a></p></section>`;
}
