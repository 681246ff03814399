// Sites that answer 200 for pages that do not exist (a "soft 404": 页面不存在 in a normal page). One
// random path per site is probed; when it answers 200 with the words of an error page
// (checklists/error-page-words.json), pages that are that error page count as dead: a link to them
// proves nothing, and a homepage that is one leaves the site not scored.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { repoPath } from '../util/repo-path.js';
import { decodeHtml } from './charset.js';
import { registrableDomain } from './scope.js';
import { scanHtml } from './html-scan.js';
import type { CrawlContext } from './crawler.js';
import type { PageSnapshot } from './types.js';

export interface ErrorPageWords {
  zh: string[];
  en: string[];
}

/** A page with no more visible text than this can be judged by its words alone. */
const SHORT_PAGE_CHARS = 300;
/** Fingerprints shorter than this (an empty shell) say nothing about a page. */
const MIN_FINGERPRINT_CHARS = 20;

const cache = new Map<string, ErrorPageWords>();

export function loadErrorPageWords(file = repoPath('checklists', 'error-page-words.json')): ErrorPageWords {
  const hit = cache.get(file);
  if (hit) return hit;
  const words = JSON.parse(readFileSync(file, 'utf8')) as ErrorPageWords;
  if (!Array.isArray(words.zh) || !Array.isArray(words.en)) throw new Error(`${file}: "zh" and "en" must be lists of words`);
  cache.set(file, words);
  return words;
}

/** Finds an error page's words in a text; a number such as 404 only as a token of its own. */
export class ErrorPageMatcher {
  private readonly re: RegExp;

  constructor(words: ErrorPageWords = loadErrorPageWords()) {
    const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const parts = [...new Set([...words.zh, ...words.en].map((w) => w.trim().toLowerCase()).filter(Boolean))]
      .sort((a, b) => b.length - a.length)
      .map((w) => (/^[\w ]+$/.test(w) ? `(?<![0-9a-z])${escape(w)}(?![0-9a-z])` : escape(w)));
    this.re = new RegExp(parts.join('|'), 'i');
  }

  find(text: string): string | undefined {
    return this.re.exec(text)?.[0];
  }
}

/** What a page that does not exist looks like on this site. */
export interface Soft404Profile {
  probeUrl: string;
  word: string;
  title: string;
  fingerprint: string;
}

/** The page's text with URLs, paths and ids taken out: an error page that echoes the path it was asked for is the same page. */
function fingerprint(text: string): string {
  return text.replace(/[\w./:%?=&#~+-]{6,}/g, '').replace(/\s+/g, ' ').trim().slice(0, 5000);
}

/**
 * Why a page is the site's error page, or undefined: it is the probe's page (same text, or the
 * probe's error title), or it is short and says so.
 */
export function soft404Reason(html: string, profile: Soft404Profile, matcher: ErrorPageMatcher): string | undefined {
  const { text, title } = scanHtml(html);
  const print = fingerprint(text);
  if (print.length >= MIN_FINGERPRINT_CHARS && print === profile.fingerprint) return `the same page as ${profile.probeUrl}, which does not exist`;
  if (title && title === profile.title && matcher.find(title)) return `titled “${title}”, as ${profile.probeUrl}, which does not exist`;
  const word = text.length <= SHORT_PAGE_CHARS ? (matcher.find(title) ?? matcher.find(text)) : undefined;
  return word ? `the page says “${word}”` : undefined;
}

/** How the probe's record starts its reason, so a reader (and the site's notes) can tell it from a page. */
export const PROBE_REASON = 'probe of a path that does not exist';

export interface ProbeResult {
  profile?: Soft404Profile;
  /** The probe's fetch, recorded when it showed a soft 404 (status soft-404). */
  snapshot?: PageSnapshot;
}

/**
 * Asks the site for a path that cannot exist. A 200 with an error page's words makes the site a
 * soft-404 site; a 200 that is the homepage again (a catch-all) does not, and neither does a 404.
 */
export async function probeSoft404(ctx: CrawlContext, homepage: { finalUrl: string; html: string }, matcher: ErrorPageMatcher, signal: AbortSignal): Promise<ProbeResult> {
  const url = new URL(`/govbench-${randomBytes(6).toString('hex')}.html`, homepage.finalUrl).toString();
  const robots = await ctx.robots.get(new URL(url));
  if (robots.originFailure || !robots.isAllowed(url)) return {};
  const site = registrableDomain(new URL(url).hostname);
  const out = await ctx.fetcher.fetch({
    url, signal,
    redirectGuard: (next) => (registrableDomain(next.hostname) === site ? undefined : 'probe redirected off the site'),
  });
  if ((out.status !== 'ok' && out.status !== 'too-large') || !out.body) return {};
  const html = decodeHtml(out.body, out.contentType).text;
  const { text, title } = scanHtml(html);
  // Words in the title or on a short page make an error page by themselves; anywhere else they
  // could be a headline (第404期), so the homepage served again for any path (a catch-all) is not one.
  const ownWord = matcher.find(title) ?? (text.length <= SHORT_PAGE_CHARS ? matcher.find(text) : undefined);
  const word = ownWord ?? matcher.find(text);
  const print = fingerprint(text);
  if (!word || (!ownWord && print === fingerprint(scanHtml(homepage.html).text))) return {};
  const profile: Soft404Profile = { probeUrl: url, word, title, fingerprint: print };
  const snapshot: PageSnapshot = {
    url, finalUrl: out.finalUrl, status: 'soft-404',
    reason: `${PROBE_REASON}: HTTP ${out.httpStatus} with “${word}”, so pages like it count as dead`,
    httpStatus: out.httpStatus, headers: out.headers, redirects: out.redirects, contentType: out.contentType, bytes: out.bytes,
    fetchMs: out.fetchMs, attempts: out.attempts, fetchedAt: new Date().toISOString(), depth: 1, discoveredFrom: homepage.finalUrl,
    html, title, links: [],
  };
  return { profile, snapshot };
}
