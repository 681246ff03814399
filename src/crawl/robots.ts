// robots.txt, parsed by robots-parser and cached per origin for the whole run, read as RFC 9309
// says: redirects followed (5 at most, within the site), the first 500 KiB parsed, a missing file
// (4xx) allows everything, a server or network error means "assume complete disallow". A site is
// never dropped for its robots.txt: whatever cannot be read as rules (an HTML page, a redirect off
// the site or into a loop) is treated as no file at all.
import * as robotsModule from 'robots-parser';

type RobotsParserFn = (url: string, text: string) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
};
// The package is CommonJS with a types file that claims an ES default export; take whichever
// shape the loader hands us (Node gives module.exports, bundlers a .default).
const robotsParser = ((robotsModule as unknown as { default?: RobotsParserFn }).default ?? robotsModule) as unknown as RobotsParserFn;

import type { PageStatus } from './types.js';
import type { Fetcher } from './fetcher.js';
import { looksLikeHtml } from './fetch-once.js';
import { registrableDomain } from './scope.js';

export const ROBOTS_AGENT_TOKEN = 'govbench';
/** RFC 9309 §2.5: a parsing limit of at least 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** RFC 9309 §2.3.1.2: follow at least five consecutive redirects. */
export const ROBOTS_MAX_REDIRECTS = 5;
// Failures that say nothing about robots rules but everything about the origin: the pages there
// would fail the same way, so they are recorded with this status instead of as disallowed. A 5xx
// robots.txt is "unreachable" (complete disallow), and a site that answers 5xx everywhere must read
// as http-5xx, not as a site that forbids crawling.
const ORIGIN_FAILURES: ReadonlySet<PageStatus> = new Set(['http-5xx', 'refused', 'timeout', 'dns', 'tls', 'reset']);
// Ends that leave no rules to read and say nothing about the origin: treated as no robots.txt
// (RFC 9309 lets a crawler treat more than five redirects as "unavailable").
const NO_FILE: ReadonlySet<PageStatus> = new Set(['too-many-redirects', 'out-of-scope']);

export interface RobotsInfo {
  origin: string;
  /** http status of robots.txt, or the failure status name. */
  fetchStatus: string;
  text?: string;
  crawlDelayMs?: number;
  sitemaps: string[];
  /**
   * Set when robots.txt could not be fetched because the origin itself is unreachable (refused,
   * timeout, DNS, TLS) or may not be reached (a private address): every URL there ends so too.
   */
  originFailure?: { status: PageStatus; reason: string };
  isAllowed(url: string): boolean;
  /** The reason a URL is disallowed, for the page record. */
  reasonFor(url: string): string;
}

export interface RobotsResponse {
  httpStatus?: number;
  status: string;
  reason?: string;
  contentType?: string;
  text?: string;
}

export type RobotsFetcher = (robotsUrl: string) => Promise<RobotsResponse>;

/** Fetches robots.txt politely: up to 500 KiB whatever the page cap, up to 5 redirects within the site. */
export function robotsFetcherFor(fetcher: Fetcher): RobotsFetcher {
  return async (url) => {
    const site = registrableDomain(new URL(url).hostname);
    const out = await fetcher.fetch({
      url, wantAnyBody: true, maxBytes: ROBOTS_MAX_BYTES, maxRedirects: ROBOTS_MAX_REDIRECTS,
      redirectGuard: (next) => (registrableDomain(next.hostname) === site ? undefined : `robots.txt redirected off the site to ${next.host}`),
    });
    return { httpStatus: out.httpStatus, status: out.status, reason: out.reason, contentType: out.contentType, text: out.body?.toString('utf8') };
  };
}

/** An HTML page (a soft-404 page, a portal's catch-all) served as robots.txt: it holds no rules. */
function isHtmlPage(contentType: string | undefined, text: string): boolean {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) return true;
  // A robots.txt never starts with markup; a page mislabelled text/plain does.
  return /^\s*</.test(text.replace(/^\uFEFF/, '')) && looksLikeHtml(undefined, Buffer.from(text.slice(0, 1024)));
}

/** The first 500 KiB of a longer file, up to its last whole line, so no rule is read half. */
function parsable(text: string, cut: boolean): string {
  if (!cut) return text;
  const end = text.lastIndexOf('\n');
  return end >= 0 ? text.slice(0, end + 1) : '';
}

export function parseRobots(origin: string, fetchStatus: string, text: string | undefined, allowAll: boolean): RobotsInfo {
  const robotsUrl = origin + '/robots.txt';
  if (text === undefined) {
    return {
      origin, fetchStatus, sitemaps: [],
      isAllowed: () => allowAll,
      reasonFor: () => `robots.txt unavailable (${fetchStatus}): disallow assumed`,
    };
  }
  const parser = robotsParser(robotsUrl, text);
  const delay = parser.getCrawlDelay(ROBOTS_AGENT_TOKEN);
  return {
    origin,
    fetchStatus,
    text,
    crawlDelayMs: typeof delay === 'number' && delay > 0 ? Math.round(delay * 1000) : undefined,
    sitemaps: parser.getSitemaps(),
    // robots-parser answers undefined for URLs of another origin; those are checked against their own file.
    isAllowed: (url) => parser.isAllowed(url, ROBOTS_AGENT_TOKEN) !== false,
    reasonFor: (url) => {
      const line = parser.getMatchingLineNumber(url, ROBOTS_AGENT_TOKEN);
      return line > 0 ? `robots.txt line ${line}` : 'robots.txt';
    },
  };
}

export class RobotsCache {
  private readonly cache = new Map<string, Promise<RobotsInfo>>();

  constructor(private readonly fetcher: RobotsFetcher, private readonly enabled: boolean) {}

  /**
   * The rules for url's origin. `via` fetches with another client and caches under its own key:
   * a site fetches robots.txt of an origin only it trusts (a private address) itself.
   */
  get(url: URL, via?: { load: RobotsFetcher; key: string }): Promise<RobotsInfo> {
    const origin = url.origin;
    const key = via ? `${via.key} ${origin}` : origin;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.enabled ? this.load(origin, via?.load ?? this.fetcher) : Promise.resolve(parseRobots(origin, 'ignored', undefined, true));
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async load(origin: string, fetcher: RobotsFetcher): Promise<RobotsInfo> {
    const res = await fetcher(origin + '/robots.txt');
    const code = res.httpStatus ?? 0;
    if ((res.status === 'ok' || res.status === 'too-large') && code >= 200 && code < 300) {
      const text = res.text ?? '';
      if (isHtmlPage(res.contentType, text)) return parseRobots(origin, `${code} html page, not a robots file`, undefined, true);
      return parseRobots(origin, res.status === 'too-large' ? `${code} cut at ${ROBOTS_MAX_BYTES} bytes` : String(code), parsable(text, res.status === 'too-large'), true);
    }
    // 4xx (including 401/403, RFC 9309 §2.3.1.3): no usable rules, crawl freely.
    if (code >= 400 && code < 500) return parseRobots(origin, String(code), undefined, true);
    if (NO_FILE.has(res.status as PageStatus)) return parseRobots(origin, `${res.status}: ${res.reason ?? ''}`.trim(), undefined, true);
    if (ORIGIN_FAILURES.has(res.status as PageStatus)) {
      const reason = res.status === 'http-5xx'
        ? `robots.txt: ${res.reason ?? res.status}, so every page is off limits (RFC 9309: an unreachable robots.txt means complete disallow)`
        : `robots.txt: ${res.reason ?? res.status}`;
      return { ...parseRobots(origin, res.status, undefined, false), originFailure: { status: res.status as PageStatus, reason } };
    }
    return parseRobots(origin, res.status, undefined, false);
  }
}
