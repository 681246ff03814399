// Reads stored snapshots back for judging: checklists work from these and never fetch.
import { gunzipSync } from 'node:zlib';
import type { Db } from './database.js';
import type { LinkPosition, LinkRecord, PageSnapshot, PageStatus, RenderSnapshot } from '../crawl/types.js';

interface PageRow {
  id: number;
  url: string;
  final_url: string;
  status: PageStatus;
  reason: string | null;
  http_status: number | null;
  headers_json: string | null;
  redirects_json: string | null;
  content_type: string | null;
  charset: string | null;
  charset_source: string | null;
  bytes: number;
  fetch_ms: number;
  fetched_at: string;
  depth: number;
  discovered_from: string | null;
  attempts: number;
  title: string | null;
  lang: string | null;
  html_gz: Buffer | null;
}

export interface StoredPage extends PageSnapshot {
  id: number;
}

export function readCrawlPages(db: Db, crawlId: number, opts: { withHtml?: boolean } = {}): StoredPage[] {
  const rows = db.prepare(`SELECT * FROM pages WHERE crawl_id = ? ORDER BY id`).all(crawlId) as PageRow[];
  const linkStmt = db.prepare(`SELECT href, raw_href, text, title, alt, position, dated, classes FROM links WHERE page_id = ? AND render_id IS NULL`);
  const renderLinkStmt = db.prepare(`SELECT href, raw_href, text, title, alt, position, dated, classes FROM links WHERE render_id = ?`);
  const renderStmt = db.prepare(`SELECT * FROM renders WHERE page_id = ? ORDER BY id`);
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    finalUrl: r.final_url,
    status: r.status,
    reason: r.reason ?? undefined,
    httpStatus: r.http_status ?? undefined,
    headers: r.headers_json ? JSON.parse(r.headers_json) : {},
    redirects: r.redirects_json ? JSON.parse(r.redirects_json) : [],
    contentType: r.content_type ?? undefined,
    charset: r.charset ?? undefined,
    charsetSource: r.charset_source ?? undefined,
    bytes: r.bytes,
    fetchMs: r.fetch_ms,
    fetchedAt: r.fetched_at,
    depth: r.depth,
    discoveredFrom: r.discovered_from ?? undefined,
    attempts: r.attempts,
    title: r.title ?? undefined,
    lang: r.lang ?? undefined,
    html: opts.withHtml !== false && r.html_gz ? gunzipSync(r.html_gz).toString('utf8') : undefined,
    links: toLinks(linkStmt.all(r.id) as LinkRow[]),
    renders: (renderStmt.all(r.id) as RenderRow[]).map((x): RenderSnapshot => ({
      mode: x.mode, reason: x.reason, status: x.status, error: x.error ?? undefined, finalUrl: x.final_url ?? undefined, ms: x.ms, blocked: x.blocked,
      newLinks: x.new_links ?? undefined, metrics: x.metrics_json ? JSON.parse(x.metrics_json) : undefined, screenshotPath: x.screenshot_path ?? undefined,
      html: opts.withHtml !== false && x.html_gz ? gunzipSync(x.html_gz).toString('utf8') : undefined,
      links: toLinks(renderLinkStmt.all(x.id) as LinkRow[]),
    })),
  }));
}

interface LinkRow { href: string; raw_href: string; text: string; title: string; alt: string; position: LinkPosition; dated: number; classes: string }
interface RenderRow {
  id: number; mode: RenderSnapshot['mode']; reason: string; status: RenderSnapshot['status']; error: string | null; final_url: string | null; ms: number;
  blocked: number; new_links: number | null; metrics_json: string | null; screenshot_path: string | null; html_gz: Buffer | null;
}

function toLinks(rows: LinkRow[]): LinkRecord[] {
  return rows.map((l) => ({
    href: l.href, rawHref: l.raw_href, text: l.text ?? '', title: l.title ?? '', alt: l.alt ?? '', position: l.position,
    dated: l.dated === 1, classes: l.classes ?? '',
  }));
}
