// Options shared by every command that crawls or reads the store, and their conversion into
// typed crawl options. Numbers are checked here so a typo fails before any work starts.
import { Command, Option } from 'commander';
import { join } from 'node:path';
import { UsageError } from './usage-error.js';
import { DEFAULT_CRAWL_OPTIONS, MAX_TIMER_MS, type CrawlOptions } from '../crawl/crawl-options.js';
import { parseResolveEntry } from '../crawl/resolve-map.js';

export interface GlobalOpts {
  db: string;
  resolve: string[];
  allowPrivate: boolean;
  concurrency: number;
  perHost: number;
  maxPages: number;
  maxDepth: number;
  siteTime: number;
  delay: number;
  timeout: number;
  maxBytes: number;
  retries: number;
  userAgent: string;
  ignoreRobots: boolean;
  logLevel: string;
  logDir: string;
  checklists?: string;
  browser: boolean;
  mobilePages: number;
  renderSample: string;
  renderTimeout: number;
}

export const DEFAULT_DB = join('output', 'govbench.sqlite');

/** Milliseconds per unit of a duration option. */
const UNIT_MS = { seconds: 1000, milliseconds: 1 } as const;

/**
 * A parser for a whole-number option. Counts stop where numbers stop being exact; durations where
 * timers stop (MAX_TIMER_MS once converted), since a longer one would silently become 1 ms.
 */
export function wholeNumber(name: string, min: number, unit?: keyof typeof UNIT_MS) {
  const max = unit ? Math.floor(MAX_TIMER_MS / UNIT_MS[unit]) : Number.MAX_SAFE_INTEGER;
  const range = `${unit ? ` of ${unit}` : ''} from ${min} to ${max}${unit ? ' (about 24 days, the longest a timer waits)' : ''}`;
  return (value: string): number => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${name} expects a whole number${range}, got "${value}"`);
    return n;
  };
}

function collectResolve(value: string, previous: string[]): string[] {
  try {
    parseResolveEntry(value);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return [...previous, value];
}

export function addGlobalOptions(program: Command): Command {
  const d = DEFAULT_CRAWL_OPTIONS;
  return program
    .option('--db <file>', 'SQLite database file', DEFAULT_DB)
    .option('--resolve <host=address>', 'connect to ADDRESS whenever a URL names HOST (repeatable; *.HOST allowed)', collectResolve, [])
    .option('--allow-private', 'fetch links that point at loopback or private addresses', false)
    .option('--concurrency <n>', 'pages fetched at once across all sites', wholeNumber('--concurrency', 1), d.concurrency)
    .option('--per-host <n>', 'requests in flight to one host at once', wholeNumber('--per-host', 1), d.perHost)
    .option('--max-pages <n>', 'pages fetched per site', wholeNumber('--max-pages', 1), d.maxPages)
    .option('--max-depth <n>', 'link depth from the homepage', wholeNumber('--max-depth', 0), d.maxDepth)
    .option('--site-time <seconds>', 'wall-clock budget per site', wholeNumber('--site-time', 1, 'seconds'), d.siteTimeMs / 1000)
    .option('--delay <ms>', 'minimum gap between requests to one host', wholeNumber('--delay', 0, 'milliseconds'), d.delayMs)
    .option('--timeout <seconds>', 'time limit for one fetch, body included', wholeNumber('--timeout', 1, 'seconds'), d.totalTimeoutMs / 1000)
    .option('--max-bytes <n>', 'bytes kept per page before it is too-large', wholeNumber('--max-bytes', 1024), d.maxBytes)
    .option('--retries <n>', 'retries for timeouts, resets, refusals and 5xx', wholeNumber('--retries', 0), d.retries)
    .option('--user-agent <ua>', 'user agent (identify yourself and give a contact URL)', d.userAgent)
    .option('--ignore-robots', 'do not obey robots.txt (only for sites you run yourself)', false)
    .addOption(new Option('--log-level <level>', 'log level on the terminal and in output/logs').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .option('--log-dir <dir>', 'folder for NDJSON logs', join('output', 'logs'))
    .option('--no-browser', 'never start a browser: rendered and phone checks become not applicable')
    .option('--mobile-pages <n>', 'pages per site measured in phone emulation, homepage first', wholeNumber('--mobile-pages', 0), d.mobilePages)
    .option('--render-sample <share>', 'share of ordinary-looking pages rendered too, to measure the JS heuristic', String(d.renderSample))
    .option('--render-timeout <seconds>', 'deadline for one browser render', wholeNumber('--render-timeout', 1, 'seconds'), d.renderTimeoutMs / 1000)
    .option('--checklists <dir>', 'checklist folder (indicators/, scorecards/, crawl-vocabulary.json); default: the bundled checklists/');
}

export function crawlOptionsFrom(g: GlobalOpts): Partial<CrawlOptions> {
  const totalTimeoutMs = g.timeout * 1000;
  return {
    resolve: g.resolve,
    allowPrivate: g.allowPrivate,
    concurrency: g.concurrency,
    perHost: g.perHost,
    maxPages: g.maxPages,
    maxDepth: g.maxDepth,
    siteTimeMs: g.siteTime * 1000,
    delayMs: g.delay,
    totalTimeoutMs,
    responseTimeoutMs: Math.min(DEFAULT_CRAWL_OPTIONS.responseTimeoutMs, totalTimeoutMs),
    connectTimeoutMs: Math.min(DEFAULT_CRAWL_OPTIONS.connectTimeoutMs, totalTimeoutMs),
    maxBytes: g.maxBytes,
    retries: g.retries,
    userAgent: g.userAgent,
    respectRobots: !g.ignoreRobots,
    browser: g.browser,
    mobilePages: g.mobilePages,
    renderSample: share('--render-sample', g.renderSample),
    renderTimeoutMs: g.renderTimeout * 1000,
  };
}

function share(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`${name} expects a share between 0 and 1, got "${value}"`);
  return n;
}

/** A site URL as a person types it: a bare hostname gets http://. */
export function parseSiteUrl(input: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `http://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`not a URL: "${input}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http and https sites can be crawled, got "${input}"`);
  return url.toString();
}
