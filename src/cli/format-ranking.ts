// The ranking as a terminal table: rank, site, group, total, categories, grade, change; then the
// sites that could not be scored, listed with their reason and never ranked.
import type { RunResults } from '../results/run-results.js';
import { displayWidth as width } from '../export/column-width.js';
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - width(s))) + s;

export function formatRanking(r: RunResults): string {
  const cats = r.scorecard?.categories ?? [];
  const ranked = r.sites.filter((s) => s.rank !== undefined);
  const unscored = r.sites.filter((s) => s.rank === undefined);
  const nameW = Math.min(36, Math.max(4, ...ranked.map((s) => width(s.name))));
  const lines = [`run ${r.run.id}${r.run.name ? ` “${r.run.name}”` : ''} · ${r.scorecard?.id ?? 'no scorecard'} · ${ranked.length} ranked, ${unscored.length} not scored${r.compare ? ` · compared with run ${r.compare.id}` : ''}`];
  const head = ['rank', pad('site', nameW), pad('group', 9), 'total', ...cats.map((c) => padStart(c.title, Math.max(6, width(c.title)))), 'grade', ...(r.compare ? ['change'] : [])];
  lines.push(head.join('  '));
  for (const s of ranked) {
    const cells = [
      padStart(String(s.rank), 4), pad(s.name.length > 36 ? s.name.slice(0, 35) + '…' : s.name, nameW), pad(s.level ?? '', 9),
      padStart(s.score!.total.toFixed(1), 5),
      ...cats.map((c) => {
        const x = s.score!.categories.find((k) => k.id === c.id);
        return padStart(x ? `${x.score.toFixed(1)}/${x.max.toFixed(0)}` : '', Math.max(6, width(c.title)));
      }),
      pad(`${s.score!.grade}${s.score!.gradeLabel ? ' ' + s.score!.gradeLabel : ''}`, 5),
      ...(r.compare ? [s.delta === undefined ? 'new' : s.delta > 0 ? `▲ ${s.delta.toFixed(1)}` : s.delta < 0 ? `▼ ${(-s.delta).toFixed(1)}` : '= 0.0'] : []),
    ];
    lines.push(cells.join('  '));
  }
  if (unscored.length) {
    lines.push('', 'not scored (not ranked):');
    for (const s of unscored) lines.push(`  ${s.name}  ${s.url}  ${s.crawlStatus}${s.crawlReason ? `: ${s.crawlReason}` : ''}`);
  }
  return lines.join('\n');
}
