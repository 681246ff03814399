// robots.txt, parsed by robots-parser and cached per origin for the whole run. RFC 9309: a
// missing file (4xx) allows everything; a server or network error means "assume disallow".
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

export const ROBOTS_AGENT_TOKEN = 'govbench';
// Failures that say nothing about robots rules but everything about the origin: the pages there
// would fail the same way, so they are recorded with this status instead of as disallowed.
const ORIGIN_FAILURES: ReadonlySet<PageStatus> = new Set(['out-of-scope', 'refused', 'timeout', 'dns', 'tls', 'reset']);

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

export type RobotsFetcher = (robotsUrl: string) => Promise<{ httpStatus?: number; status: string; reason?: string; text?: string }>;

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

  get(url: URL): Promise<RobotsInfo> {
    const origin = url.origin;
    let hit = this.cache.get(origin);
    if (!hit) {
      hit = this.enabled ? this.load(origin) : Promise.resolve(parseRobots(origin, 'ignored', undefined, true));
      this.cache.set(origin, hit);
    }
    return hit;
  }

  private async load(origin: string): Promise<RobotsInfo> {
    const res = await this.fetcher(origin + '/robots.txt');
    const code = res.httpStatus ?? 0;
    if (res.status === 'ok' && code >= 200 && code < 300) return parseRobots(origin, String(code), res.text ?? '', true);
    // 4xx (including 401/403, RFC 9309 §2.3.1.3): no usable rules, crawl freely.
    if (code >= 400 && code < 500) return parseRobots(origin, String(code), undefined, true);
    if (ORIGIN_FAILURES.has(res.status as PageStatus)) {
      return { ...parseRobots(origin, res.status, undefined, false), originFailure: { status: res.status as PageStatus, reason: `robots.txt: ${res.reason ?? res.status}` } };
    }
    return parseRobots(origin, res.status, undefined, false);
  }
}
