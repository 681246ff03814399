// The report's only stylesheet, inlined: system fonts (CJK faces named so Chinese reads well on
// every platform, nothing downloaded), tabular figures for scores, and a print layout.
export const REPORT_CSS = `
:root { --fg: #1d232b; --muted: #5b6674; --line: #d9dee5; --bg-alt: #f4f6f9; --accent: #1f5fa8; --up: #1a7f37; --down: #c62828; --bar: #2f6fb3; --track: #e6ebf1; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 20px 60px; color: var(--fg); background: #fff; line-height: 1.6;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; line-height: 1.3; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.2rem; margin: 0 0 .3rem; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
h5 { font-size: .95rem; margin: .7rem 0 .2rem; }
/* reported, not scored: shown, set apart and quieter than what the score rests on */
.ind-group.reported { margin-top: 1.4rem; padding-left: .8rem; border-left: 3px solid var(--line); }
a { color: var(--accent); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85em; color: var(--muted); }
.url { word-break: break-all; }
.note, .empty, figcaption, .shot-note, .cat-count, .ind-id { color: var(--muted); font-size: .9em; }
header.report-head { border-bottom: 3px solid var(--accent); padding-bottom: .8rem; }
.meta { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; margin: .4rem 0 0; padding: 0; list-style: none; color: var(--muted); }
.meta strong { color: var(--fg); }
.counts { display: flex; gap: .8rem; margin-top: .8rem; flex-wrap: wrap; }
.count-box { border: 1px solid var(--line); border-radius: 6px; padding: .3rem .9rem; min-width: 6rem; }
.count-box .n { display: block; font-size: 1.4rem; font-variant-numeric: tabular-nums; }
nav.toc { margin: .8rem 0; font-size: .95em; }
nav.toc a { margin-right: 1rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .55rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg-alt); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.total { font-weight: 700; }
td.name { min-width: 10em; }
.tie { color: var(--muted); margin-left: .1em; }
.group-rank, .grade-label { color: var(--muted); font-size: .9em; }
.delta.up { color: var(--up); } .delta.down { color: var(--down); } .delta.same, .delta.none, .delta.new { color: var(--muted); }
.status { display: inline-block; padding: 0 .45em; border-radius: 4px; font-size: .85em; background: var(--bg-alt); border: 1px solid var(--line); }
.status.failed { color: var(--down); border-color: var(--down); } .status.partial { color: #8a5a00; border-color: #c99a2e; } .status.done { color: var(--up); }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.chart text { font-family: inherit; font-size: 12px; fill: var(--fg); }
svg.chart .axis-label, svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
svg.chart .axis { stroke: #9aa5b1; } svg.chart .grid { stroke: var(--line); stroke-dasharray: 3 3; }
svg.chart .bar { fill: var(--bar); } svg.chart .track { fill: var(--track); }
svg.chart .bar-label, svg.chart .bar-value { font-size: 13px; }
section.site { border-top: 1px solid var(--line); padding-top: 1.2rem; margin-top: 1.6rem; }
.headline { margin: 0 0 .6rem; } .headline .big { font-size: 1.8rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.headline.unscored { color: var(--down); }
.site-top { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.site-facts { flex: 1 1 420px; min-width: 0; }
table.facts th { width: 9em; font-weight: 600; color: var(--muted); white-space: nowrap; }
/* phone size: shown as wide as a phone shows the page, and cut at about one phone screen, because
   full-page captures of portals run to many thousands of pixels */
.shot-box { flex: 0 0 auto; width: 360px; max-width: 100%; }
img.shot { width: 360px; max-width: 100%; height: auto; max-height: 780px; object-fit: cover; object-position: top; border: 1px solid var(--line); border-radius: 10px; display: block; }
ul.indicators, ul.evidence-list, ul.changes { list-style: none; padding-left: 0; margin: .2rem 0; }
li.indicator { padding: .3rem 0 .3rem .2rem; border-bottom: 1px dotted var(--line); }
ul.evidence-list { padding-left: 2.2em; font-size: .9em; color: #38424d; }
li.evidence { margin: .1rem 0; overflow-wrap: anywhere; }
.ev-rule { color: var(--muted); }
.ind-reason { padding-left: 2.2em; font-size: .9em; color: #6b4b00; }
.mark { display: inline-block; min-width: 3.4em; padding: 0 .25em; text-align: center; font-weight: 700; border-radius: 4px; font-size: .85em; }
.mark.pass { color: var(--up); } .mark.fail { color: var(--down); } .mark.notApplicable { color: var(--muted); } .mark.error { color: #fff; background: #8a5a00; }
.movers-pair { display: flex; flex-wrap: wrap; gap: 1.5rem; } .movers-pair > * { flex: 1 1 360px; }
table.movers caption { text-align: left; font-weight: 600; padding: .3rem 0; }
.back { font-size: .9em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc, .back { display: none; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, li.indicator, figure, .headline { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
  section.site { break-before: page; border-top: none; }
  .shot-box, img.shot { width: 240px; } img.shot { max-height: 520px; }
}
`;
