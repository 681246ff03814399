// The document around the sections: doctype, language, a Content-Security-Policy that forbids
// every script and every fetch except data: images (so even a missed escape could neither run nor
// call home), the inline stylesheet, and the header with the run's name, date, scorecard and counts.
import type { RunResults } from '../results/run-results.js';
import { html, trusted, type Html } from './escape-html.js';
import { formatDate, runLabel } from './report-format.js';
import { REPORT_CSS } from './report-styles.js';

export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export interface ShellParts {
  lang: string;
  title: string;
  header: Html;
  nav: Html;
  body: Html;
}

/** BCP 47 tags only; anything else from an option falls back rather than landing in an attribute unchecked. */
export function safeLang(lang: string | undefined, fallback: string): string {
  return lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : fallback;
}

export function pageShell(p: ShellParts): string {
  return html`<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="govbench">
<title>${p.title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
${p.header}
${p.nav}
<main>
${p.body}
</main>
</body>
</html>
`.value;
}

export function reportHeader(results: RunResults, title: string): Html {
  const { run } = results;
  const sites = results.sites.length;
  const scored = results.sites.filter((s) => s.score !== undefined).length;
  const failed = results.sites.filter((s) => s.crawlStatus === 'failed').length;
  const unscoredOther = sites - scored - failed;
  const scorecard = results.scorecard ? `${results.scorecard.title} (${results.scorecard.id})` : run.scorecard ?? '—';
  const box = (label: string, n: number, id: string): Html => html`<div class="count-box" id="${id}"><span class="n">${n}</span> ${label}</div>`;
  return html`<header class="report-head"><h1>${title}</h1><ul class="meta"><li>Run <strong>${runLabel(run)}</strong></li><li>Started <strong>${formatDate(run.started_at)}</strong></li>${
    run.ended_at ? html`<li>Ended <strong>${formatDate(run.ended_at)}</strong></li>` : ''
  }<li>Scorecard <strong>${scorecard}</strong></li>${run.checklist_hash ? html`<li>Checklist <code>${run.checklist_hash}</code></li>` : ''}${
    results.compare ? html`<li>Compared with <strong>${runLabel(results.compare)}</strong></li>` : ''
  }</ul><div class="counts">${box('sites', sites, 'count-sites')}${box('scored', scored, 'count-scored')}${box('failed', failed, 'count-failed')}${
    unscoredOther > 0 ? box('not finished', unscoredOther, 'count-unfinished') : ''
  }</div></header>`;
}
