// Plain-text summary of a crawl: the site's status, pages by status, and the pages that failed.
import type { Db } from '../store/database.js';
import type { CrawledSite } from '../pipeline/crawl-sites.js';

export function formatCrawlReport(db: Db, runId: number, r: CrawledSite): string {
  const s = r.summary;
  const lines = [`run ${runId} · ${r.site.name ? r.site.name + ' ' : ''}${s.seed} → ${s.status}${s.reason ? ` (${s.reason})` : ''}`];
  lines.push(`  ${s.pagesFetched} fetched, ${s.pagesOk} ok, ${s.pagesFailed} failed, ${s.pagesSkipped} not fetched, ${(s.bytes / 1024).toFixed(0)} KiB`);
  const byStatus = Object.entries(s.byStatus).sort((a, b) => b[1] - a[1]);
  lines.push('  ' + byStatus.map(([k, v]) => `${k} ${v}`).join(' · '));
  const rs = s.renders;
  lines.push(s.browser === 'used'
    ? `  browser: ${rs.suspect} page(s) rendered as JS-built (${rs.suspectFound} found new links), ${rs.sampled} sampled (${rs.sampledFound} found new links), ${rs.mobile} on a phone, ${rs.failed} render(s) failed${rs.blocked ? ` (${rs.blocked} blocked: the page went to a refused address)` : ''}`
    : `  browser: ${s.browser}`);
  const rows = db
    .prepare(`SELECT status, url, reason, http_status, charset FROM pages WHERE crawl_id = ? ORDER BY status = 'ok' DESC, id`)
    .all(r.crawlId) as { status: string; url: string; reason: string | null; http_status: number | null; charset: string | null }[];
  for (const row of rows) {
    const extra = [row.http_status ? String(row.http_status) : '', row.charset ?? '', row.reason ?? ''].filter(Boolean).join(' · ');
    lines.push(`  ${row.status.padEnd(18)} ${row.url}${extra ? `  (${extra})` : ''}`);
  }
  return lines.join('\n');
}
