// The run at a glance: how totals spread over bands of 10, and how much of each category the
// scored sites achieve on average.
import type { RunResults } from '../results/run-results.js';
import { html, trusted, type Html } from './escape-html.js';
import { rankedSites, reportCategories } from './report-sites.js';
import { categoryBars, scoreHistogram, type CategoryBar } from './svg-charts.js';

/**
 * Per category, the mean over scored sites of score / max. Sites where nothing in the category
 * applied (max 0) are left out of that mean rather than counted as zero, as the scoring does.
 */
export function categoryAverages(results: RunResults): (CategoryBar & { id: string; sites: number })[] {
  const sites = rankedSites(results);
  return reportCategories(results).map((cat) => {
    const shares = sites
      .map((s) => s.score.categories.find((c) => c.id === cat.id))
      .filter((c): c is NonNullable<typeof c> => c !== undefined && c.max > 0)
      .map((c) => c.score / c.max);
    const share = shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : undefined;
    return { id: cat.id, label: cat.title, share, sites: shares.length, value: share === undefined ? 'n.a.' : `${Math.round(share * 100)}% (${shares.length})` };
  });
}

export function distributionSection(results: RunResults): Html {
  const totals = rankedSites(results).map((s) => s.score.total);
  const averages = categoryAverages(results);
  return html`<section id="distribution" class="block"><h2>Score distribution</h2><div class="charts"><figure class="chart-box">${trusted(scoreHistogram(totals))}<figcaption>Scored sites per band of 10 points (${totals.length} site${totals.length === 1 ? '' : 's'}).</figcaption></figure>${
    averages.length
      ? html`<figure class="chart-box">${trusted(categoryBars(averages, { title: 'Average share of category points achieved' }))}<figcaption>Average share of each category’s points achieved; in brackets, the sites the category applied to.</figcaption></figure>`
      : ''
  }</div></section>`;
}
