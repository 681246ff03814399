// The data the crawl layer produces: page snapshots and their links. Checklists read these
// from the store and never fetch, so everything a judge needs must be captured here.

/** How a single fetch ended. One name per outcome so statistics and scores can rely on it. */
export const PAGE_STATUSES = [
  'ok',
  'http-4xx',
  /** 200 for a page that is the site's "page not found" page (页面不存在): dead, its links count for nothing. */
  'soft-404',
  'http-5xx',
  /** HTTP 412 with a script challenge: the anti-bot answer of Chinese WAFs (瑞数 and others). */
  'challenge',
  'timeout',
  'dns',
  'tls',
  'refused',
  'reset',
  'too-many-redirects',
  'too-large',
  'blocked',
  'robots-disallowed',
  'not-html',
  /** Fetched, but the work on the page (parse, links) passed its deadline or the site's time limit: not used. */
  'parse-timeout',
  'out-of-scope',
  'budget',
  'error',
] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** Statuses that describe a fetch that was never attempted. */
export const SKIP_STATUSES: ReadonlySet<PageStatus> = new Set(['robots-disallowed', 'out-of-scope', 'budget']);

/** Statuses of a fetch that failed; not-html (a PDF) and too-large (cut, still parsed) are not failures. */
export const FAILED_STATUSES: ReadonlySet<PageStatus> = new Set(['http-4xx', 'soft-404', 'http-5xx', 'challenge', 'timeout', 'dns', 'tls', 'refused', 'reset',
  'too-many-redirects', 'blocked', 'parse-timeout', 'error']);

/** Statuses worth retrying: the server or the network may answer next time. */
export const RETRYABLE_STATUSES: ReadonlySet<PageStatus> = new Set(['timeout', 'reset', 'http-5xx', 'refused']);

export type LinkPosition = 'header' | 'nav' | 'footer' | 'body';

export interface LinkRecord {
  /** Resolved absolute URL, or the raw href when it is not http(s) (javascript:, mailto:, #). */
  href: string;
  /** The href attribute as written. */
  rawHref: string;
  text: string;
  title: string;
  /** alt text of images inside the link. */
  alt: string;
  position: LinkPosition;
  /** The link sits in a list item or table row that carries a date: a news headline, not a channel entry. */
  dated: boolean;
  /** CSS class and id tokens of the link and its nearest container, for detectors that look at classes (weixin, ewm). */
  classes: string;
}

export interface RedirectHop {
  url: string;
  status: number;
  /** Set when the page itself sent the visitor on (meta refresh, script, seen in the browser), not HTTP. */
  via?: 'meta-refresh' | 'script' | 'browser';
}

/** What every fetch records, whether it came back or not. */
export interface FetchRecord {
  url: string;
  finalUrl: string;
  status: PageStatus;
  /** Human-readable detail: the error code, the cap that was hit, the robots rule. */
  reason?: string;
  httpStatus?: number;
  headers: Record<string, string>;
  redirects: RedirectHop[];
  contentType?: string;
  bytes: number;
  fetchMs: number;
  attempts: number;
}

export interface FetchOutcome extends FetchRecord {
  /** Raw body bytes (possibly truncated at the cap). */
  body?: Buffer;
  /** Seconds the server asked us to wait (Retry-After). */
  retryAfterSec?: number;
}

export interface PageSnapshot extends FetchRecord {
  charset?: string;
  charsetSource?: string;
  fetchedAt: string;
  depth: number;
  discoveredFrom?: string;
  /** Decoded HTML (UTF-8 string), for HTML pages only. */
  html?: string;
  title?: string;
  lang?: string;
  links: LinkRecord[];
  /** Browser renders of this page (desktop for JS-built pages, mobile for the homepage checks). */
  renders?: RenderSnapshot[];
}

export type RenderMode = 'desktop' | 'mobile';
/**
 * How a browser render ended: ok; render-timeout (past --render-timeout); render-crash (the tab
 * or the browser died); render-error (a navigation error, anything else); render-blocked (the
 * page's own navigation, a redirect or a script sending it on, went to an address the guard
 * refused: a private address this site does not trust; nothing was measured).
 */
export const RENDER_STATUSES = ['ok', 'render-timeout', 'render-crash', 'render-error', 'render-blocked'] as const;
export type RenderStatus = (typeof RENDER_STATUSES)[number];

export interface RenderSnapshot {
  mode: RenderMode;
  /** Why it was rendered: homepage, js-suspect (with the signs), sample. */
  reason: string;
  status: RenderStatus;
  error?: string;
  finalUrl?: string;
  html?: string;
  links: LinkRecord[];
  /** Phone measurements (mobile mode); a plain object so the crawl layer does not depend on the browser's types. */
  metrics?: Record<string, unknown>;
  screenshotPath?: string;
  ms: number;
  /** Sub-requests and connections refused (media, fonts, private addresses). */
  blocked: number;
  /** In-scope links the rendered DOM has and the static HTML lacks. */
  newLinks?: number;
}

export type CrawlStatus = 'done' | 'partial' | 'failed';

export interface SiteCrawlSummary {
  seed: string;
  finalUrl?: string;
  status: CrawlStatus;
  /** Why the crawl is partial or failed (max-pages, time-limit, max-depth, homepage: timeout, ...). */
  reason?: string;
  pagesFetched: number;
  pagesOk: number;
  pagesFailed: number;
  pagesSkipped: number;
  bytes: number;
  startedAt: string;
  endedAt: string;
  byStatus: Partial<Record<PageStatus, number>>;
  /** 'used', or why no browser ran: 'no browser' (none installed), 'disabled' (--no-browser). */
  browser: string;
  renders: RenderStats;
}

export interface RenderStats {
  /** Pages rendered on the desktop because they looked JS-built, and how many of those found new links. */
  suspect: number;
  suspectFound: number;
  /** Pages rendered as a sample although they did not look JS-built, and how many found new links (mispredictions). */
  sampled: number;
  sampledFound: number;
  mobile: number;
  failed: number;
  /** Of the failed renders, those that ended render-blocked (the page went to a refused address). */
  blocked: number;
}
