// The report's public API: render a run's results to one HTML document, or write it to a file.
export { renderReport, writeReport, type ReportOptions } from './render-report.js';
export { escapeText, escapeAttr, safeHref, linkOrText } from './escape-html.js';
export { scoreHistogram, categoryBars, scoreBands } from './svg-charts.js';
