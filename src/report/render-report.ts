// The HTML report of a run: one self-contained document (inline CSS and SVG, screenshots as data:
// URIs, no script, nothing fetched) that can be mailed, archived and opened offline.
import { writeFile } from 'node:fs/promises';
import { replaceFile } from '../util/replace-file.js';
import type { RunResults } from '../results/run-results.js';
import { comparisonSection } from './comparison-section.js';
import { distributionSection } from './distribution-section.js';
import { html } from './escape-html.js';
import { notRankedSection } from './not-ranked-section.js';
import { pageShell, reportHeader, safeLang } from './page-shell.js';
import { rankingSection } from './ranking-section.js';
import { runLabel } from './report-format.js';
import { rankedSites, reportCategories, unrankedSites } from './report-sites.js';
import { siteSection } from './site-section.js';

export interface ReportOptions {
  /** The page title and heading. @default the run's name, else "govbench report: <kind> run #<id>" */
  title?: string;
  /** Embed each site's phone screenshot as a data: URI; off keeps the file small for large runs. @default true */
  embedScreenshots?: boolean;
  /** The document language. @default "zh-CN" when site names or category titles contain Chinese, else "en" */
  lang?: string;
}

const HAN = /\p{Script=Han}/u;

/** Chinese portals dominate; `lang` makes browsers pick Simplified Chinese glyphs and line breaking. */
function defaultLang(results: RunResults): string {
  const texts = [...results.sites.map((s) => s.name), ...(results.scorecard?.categories.map((c) => c.title) ?? [])];
  return texts.some((t) => typeof t === 'string' && HAN.test(t)) ? 'zh-CN' : 'en';
}

export function renderReport(results: RunResults, opts: ReportOptions = {}): string {
  const title = opts.title ?? (results.run.name ? results.run.name : `govbench report: ${runLabel(results.run)}`);
  const categories = reportCategories(results);
  const comparing = results.compare !== undefined;
  const unranked = unrankedSites(results);
  // Sections follow the ranking, then the unranked, so reading down the page follows the table.
  const sites = [...rankedSites(results), ...unranked];
  const nav = html`<nav class="toc"><a href="#ranking">Ranking</a>${unranked.length ? html`<a href="#not-ranked">Not ranked</a>` : ''}<a href="#distribution">Distribution</a>${
    comparing ? html`<a href="#comparison">Changes</a>` : ''
  }<a href="#sites">Sites</a></nav>`;
  const body = html`${rankingSection(results)}${notRankedSection(results)}${distributionSection(results)}${comparisonSection(results)}<section id="sites" class="block"><h2>Sites</h2>${sites.map((s) =>
    siteSection(s, { categories, reportedCategories: results.scorecard?.reportedCategories, comparing, embedScreenshots: opts.embedScreenshots ?? true }),
  )}</section>`;
  return pageShell({ lang: safeLang(opts.lang, defaultLang(results)), title, header: reportHeader(results, title), nav, body });
}

/** Renders and writes the report; written to a temporary name first so a reader never sees half a file. */
export async function writeReport(results: RunResults, file: string, opts: ReportOptions = {}): Promise<void> {
  const doc = renderReport(results, opts);
  await replaceFile(file, (tmp) => writeFile(tmp, doc, 'utf8'));
}
