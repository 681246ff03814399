// Crawler-trap protection: calendars that link to the next day forever, session ids and sort
// orders that multiply one page into thousands, paths that repeat themselves.

export interface TrapLimits {
  maxPerPattern: number;
  maxQueryVariants: number;
}

/** A date-ish query value or path: endless calendars are the classic trap on government sites. */
const CALENDAR_QUERY = /(^|&)(date|day|month|year|ym|ymd|time|d|m|y|rq|riqi)=\d/i;
const CALENDAR_PATH = /\/(19|20)\d{2}[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(\/|$)/;
const CALENDAR_CAP = 3;
const MAX_URL_LENGTH = 512;
const MAX_SEGMENTS = 12;

/** The shape of a URL path: digit runs folded, so /t20241120_123.html and /t20241121_456.html share one. */
export function pathPattern(url: URL): string {
  return url.host + url.pathname.replace(/\d+/g, '0').replace(/[0-9a-f]{16,}/gi, 'h');
}

export class TrapGuard {
  private readonly perPattern = new Map<string, number>();
  private readonly queryVariants = new Map<string, Set<string>>();
  private calendarHits = 0;

  constructor(private readonly limits: TrapLimits) {}

  /** Returns a reason when the URL looks like a trap (and must not be fetched), else undefined; counts it otherwise. */
  check(url: URL): string | undefined {
    const href = url.toString();
    if (href.length > MAX_URL_LENGTH) return `trap: URL longer than ${MAX_URL_LENGTH} characters`;
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments.length > MAX_SEGMENTS) return `trap: path deeper than ${MAX_SEGMENTS} segments`;
    if (hasRepeatingRun(segments)) return 'trap: repeating path segments';

    const search = url.search.slice(1);
    const calendar = CALENDAR_QUERY.test(search) || (search !== '' && CALENDAR_PATH.test(url.pathname));
    if (calendar) {
      if (this.calendarHits >= CALENDAR_CAP) return `trap: calendar (more than ${CALENDAR_CAP} date pages)`;
    }
    if (search) {
      const key = url.host + url.pathname;
      const seen = this.queryVariants.get(key) ?? new Set<string>();
      if (!seen.has(search) && seen.size >= this.limits.maxQueryVariants) {
        return `trap: more than ${this.limits.maxQueryVariants} query variants of ${url.pathname}`;
      }
      seen.add(search);
      this.queryVariants.set(key, seen);
    }
    const pattern = pathPattern(url) + (search ? '?' + search.replace(/=[^&]*/g, '=') : '');
    const n = this.perPattern.get(pattern) ?? 0;
    if (n >= this.limits.maxPerPattern) return `trap: more than ${this.limits.maxPerPattern} pages like ${pattern}`;
    this.perPattern.set(pattern, n + 1);
    if (calendar) this.calendarHits++;
    return undefined;
  }
}

/** /a/b/a/b/a/b: a relative link that keeps appending itself. */
function hasRepeatingRun(segments: string[]): boolean {
  for (let len = 1; len <= 3; len++) {
    let repeats = 1;
    for (let i = len; i + len <= segments.length; i += len) {
      const same = segments.slice(i, i + len).join('/') === segments.slice(i - len, i).join('/');
      repeats = same ? repeats + 1 : 1;
      if (repeats >= 3) return true;
    }
  }
  return false;
}
