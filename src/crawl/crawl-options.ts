// Every knob of a crawl, with its default, in one typed object. A bad value fails at once
// with the option's name and the value it got.
import { availableParallelism } from 'node:os';

export interface CrawlOptions {
  /** Pages fetched at once across all sites. @default 16 */
  concurrency: number;
  /** Requests in flight to one host at once. @default 2 */
  perHost: number;
  /** Minimum milliseconds between request starts to one host (robots Crawl-delay can raise it). @default 0 */
  delayMs: number;
  /** Upper bound for a robots.txt Crawl-delay we honour, so one robots file cannot stall a run for hours. @default 10000 */
  maxCrawlDelayMs: number;
  /** Pages fetched per site (robots.txt not counted). @default 40 */
  maxPages: number;
  /** Link depth from the seed; the seed is 0. @default 3 */
  maxDepth: number;
  /** Wall-clock budget per site. @default 120000 */
  siteTimeMs: number;
  /** TCP connect timeout. @default 10000 */
  connectTimeoutMs: number;
  /** Time to the response headers. @default 15000 */
  responseTimeoutMs: number;
  /** Whole fetch, body included. @default 30000 */
  totalTimeoutMs: number;
  /** Body bytes kept per page; beyond this the page is `too-large` and the body is cut. @default 5242880 */
  maxBytes: number;
  /** Redirects followed per fetch. @default 10 */
  maxRedirects: number;
  /** Retries for retryable statuses (timeout, reset, 5xx, refused). @default 2 */
  retries: number;
  /** Base of the exponential backoff between retries. @default 500 */
  retryBaseMs: number;
  /** Longest Retry-After we wait for; longer asks are recorded, not honoured. @default 30000 */
  maxRetryAfterMs: number;
  /** User agent sent with every request. */
  userAgent: string;
  /** HOST=ADDRESS pairs (`*.HOST` allowed), like curl's --resolve. @default [] */
  resolve: string[];
  /** Fetch links that point at loopback/private addresses. @default false */
  allowPrivate: boolean;
  /** Obey robots.txt. @default true */
  respectRobots: boolean;
  /** Hosts (globs like `*.zwfw.gov.cn`) that count as the site's service platform: one hop is allowed. */
  servicePlatforms: string[];
  /** Pages sharing one path pattern (digits and ids folded) before the rest are trap-capped. @default 15 */
  maxPerPattern: number;
  /** Distinct query strings on one path before further variants are trap-capped. @default 10 */
  maxQueryVariants: number;
  /** Use a browser where needed (JS-built pages, the phone checks). @default true */
  browser: boolean;
  /** Pages per site rendered in phone emulation, homepage first. @default 1 */
  mobilePages: number;
  /** Share of pages that do not look JS-built rendered anyway, to measure the heuristic. @default 0.1 */
  renderSample: number;
  /** Deadline for one browser render. @default 15000 */
  renderTimeoutMs: number;
  /** Pages rendered before the browser is replaced. @default 100 */
  browserRecycle: number;
  /** Where phone screenshots go; none are taken when unset. */
  screenshotDir?: string;
  /**
   * Worker threads that parse pages and extract their links, reused across pages and sites (the
   * main thread never runs page work, so timers and signals always fire). At least 2, so that one
   * page running to its deadline does not hold every other page's work. @default cores − 1, 2 to 4
   */
  pageWorkers: number;
  /** Deadline for the work on one page (parse, links); past it the page is `parse-timeout`. @default 10000 */
  pageTimeoutMs: number;
  /**
   * A loopback proxy that answers every browser connection itself and forwards nothing: a test
   * harness's sink (the accuracy harness's corpus server). Set, it replaces the guard proxy, so
   * the browser's connections are not checked: never from the command line.
   */
  browserSinkProxy?: string;
}

export const DEFAULT_USER_AGENT =
  'govbench/0.1 (+https://github.com/govbench/govbench; government website benchmark; contact: see URL)';

/** Platforms where Chinese portals put their services; see STANDARDS.md §5 (online services). */
export const DEFAULT_SERVICE_PLATFORMS = ['*.zwfw.gov.cn', 'zwfw.gov.cn', 'gjzwfw.www.gov.cn', 'www.gjzwfw.gov.cn', '*.gjzwfw.gov.cn'];

export const DEFAULT_CRAWL_OPTIONS: CrawlOptions = {
  concurrency: 16,
  perHost: 2,
  delayMs: 0,
  maxCrawlDelayMs: 10_000,
  maxPages: 40,
  maxDepth: 3,
  siteTimeMs: 120_000,
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 15_000,
  totalTimeoutMs: 30_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 10,
  retries: 2,
  retryBaseMs: 500,
  maxRetryAfterMs: 30_000,
  userAgent: DEFAULT_USER_AGENT,
  resolve: [],
  allowPrivate: false,
  respectRobots: true,
  servicePlatforms: DEFAULT_SERVICE_PLATFORMS,
  maxPerPattern: 15,
  maxQueryVariants: 10,
  browser: true,
  mobilePages: 1,
  renderSample: 0.1,
  renderTimeoutMs: 15_000,
  browserRecycle: 100,
  screenshotDir: undefined,
  pageWorkers: Math.max(2, Math.min(4, availableParallelism() - 1)),
  pageTimeoutMs: 10_000,
  browserSinkProxy: undefined,
};

export class OptionError extends Error {
  override name = 'OptionError';
}

/**
 * The longest delay setTimeout and AbortSignal.timeout accept: 2^31-1 ms, about 24.8 days. Node
 * turns anything longer into 1 ms (with only a TimeoutOverflowWarning), which would end every
 * fetch or site at once, so a longer duration is refused instead.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const POSITIVE: (keyof CrawlOptions)[] = ['concurrency', 'perHost', 'maxPages', 'siteTimeMs', 'connectTimeoutMs',
  'responseTimeoutMs', 'totalTimeoutMs', 'maxBytes', 'maxPerPattern', 'maxQueryVariants', 'pageWorkers', 'pageTimeoutMs'];
const NON_NEGATIVE: (keyof CrawlOptions)[] = ['delayMs', 'maxCrawlDelayMs', 'maxDepth', 'maxRedirects', 'retries',
  'retryBaseMs', 'maxRetryAfterMs', 'mobilePages', 'renderTimeoutMs', 'browserRecycle'];
/** The options that become timers. */
const DURATIONS: ReadonlySet<keyof CrawlOptions> = new Set(['siteTimeMs', 'connectTimeoutMs', 'responseTimeoutMs', 'totalTimeoutMs',
  'delayMs', 'maxCrawlDelayMs', 'retryBaseMs', 'maxRetryAfterMs', 'renderTimeoutMs', 'pageTimeoutMs']);

function checkWhole(opts: CrawlOptions, key: keyof CrawlOptions, min: number): void {
  const v = opts[key];
  const duration = DURATIONS.has(key);
  const max = duration ? MAX_TIMER_MS : Number.MAX_SAFE_INTEGER;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new OptionError(`${key} must be a whole number${duration ? ' of milliseconds' : ''}, at least ${min} and at most ${max}${duration ? ' (the longest timer)' : ''}, got ${JSON.stringify(v)}`);
  }
}

/** Fills defaults and validates; throws OptionError naming the field and the value. */
export function resolveCrawlOptions(partial: Partial<CrawlOptions> = {}): CrawlOptions {
  const opts: CrawlOptions = { ...DEFAULT_CRAWL_OPTIONS };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_CRAWL_OPTIONS)) throw new OptionError(`unknown crawl option "${key}"`);
    (opts as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of POSITIVE) checkWhole(opts, key, 1);
  for (const key of NON_NEGATIVE) checkWhole(opts, key, 0);
  if (typeof opts.renderSample !== 'number' || !(opts.renderSample >= 0 && opts.renderSample <= 1)) {
    throw new OptionError(`renderSample must be a share between 0 and 1, got ${JSON.stringify(opts.renderSample)}`);
  }
  if (opts.browserSinkProxy !== undefined && !isLoopbackProxy(opts.browserSinkProxy)) {
    throw new OptionError(`browserSinkProxy must be an http:// or socks5:// proxy on loopback, got ${JSON.stringify(opts.browserSinkProxy)}`);
  }
  if (typeof opts.userAgent !== 'string' || opts.userAgent.trim() === '') {
    throw new OptionError(`userAgent must be a non-empty string, got ${JSON.stringify(opts.userAgent)}`);
  }
  return opts;
}

/** A proxy on this machine (127.0.0.0/8, ::1, localhost): a sink, not a way out. */
function isLoopbackProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const u = new URL(value);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return /^(http|socks5):$/.test(u.protocol) && (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === 'localhost');
  } catch {
    return false;
  }
}
