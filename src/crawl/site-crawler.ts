// Crawls one site within its budget (pages, depth, wall clock), best links first, and hands
// every page snapshot to the sink. A site never throws: whatever happens becomes data.
import { decodeHtml } from './charset.js';
import { PageWorkError } from './page-work-pool.js';
import type { PageAnalysis } from './page-analysis.js';
import { normalizeUrl, resolveHttpUrl } from './url-normalize.js';
import { SiteScope } from './scope.js';
import { TrapGuard } from './trap-guard.js';
import { Frontier, type FrontierItem } from './frontier.js';
import { siteContext, type CrawlContext, type RunContext } from './crawler.js';
import type { PageSink } from './page-sink.js';
import { emptyRenderStats, planRenders, renderPage, siteKeyOf } from './page-rendering.js';
import { fetchLanding } from './homepage-landing.js';
import { ErrorPageMatcher, probeSoft404, soft404Reason, type Soft404Profile } from './soft-404.js';
import { FAILED_STATUSES, SKIP_STATUSES, type PageSnapshot, type PageStatus, type SiteCrawlSummary, type FetchOutcome } from './types.js';

/** Pages on a service platform, so one platform cannot eat a site's budget. */
const MAX_PLATFORM_SHARE = 0.25;
/** Unfetched URLs recorded as `budget` at the end, so a reader sees what was not reached. */
const MAX_BUDGET_RECORDS = 50;
const MAX_SKIP_RECORDS = 50;

/**
 * Crawls a site with its own network (run.openSite: the seed's trust, an HTTP agent of its own),
 * closed when the site is done.
 */
export async function crawlSite(run: RunContext, seedUrl: string, sink: PageSink, outerSignal?: AbortSignal): Promise<SiteCrawlSummary> {
  const net = run.openSite(new URL(seedUrl));
  try {
    return await crawlWith(siteContext(run, net), seedUrl, sink, outerSignal);
  } finally {
    await net.close().catch(() => undefined);
  }
}

async function crawlWith(ctx: CrawlContext, seedUrl: string, sink: PageSink, outerSignal?: AbortSignal): Promise<SiteCrawlSummary> {
  const opts = ctx.options;
  const startedAt = new Date();
  const seed = new URL(seedUrl);
  const scope = new SiteScope(seed, opts.servicePlatforms);
  const traps = new TrapGuard(opts);
  const frontier = new Frontier();
  const seen = new Set<string>();
  const byStatus: Partial<Record<PageStatus, number>> = {};
  const timeUp = AbortSignal.timeout(opts.siteTimeMs);
  const signal = outerSignal ? AbortSignal.any([timeUp, outerSignal]) : timeUp;
  const robotsSent = new Set<string>();
  let fetched = 0;
  let okCount = 0;
  let failed = 0;
  let skipped = 0;
  let bytes = 0;
  let platformPages = 0;
  let depthLimited = false;
  let homepage: PageSnapshot | undefined;
  let skipRecords = 0;
  const renderStats = emptyRenderStats();
  let mobileDone = 0;
  const siteKey = siteKeyOf(seed);
  const errorWords = new ErrorPageMatcher();
  let soft404: Soft404Profile | undefined;

  const record = (snap: PageSnapshot): void => {
    byStatus[snap.status] = (byStatus[snap.status] ?? 0) + 1;
    if (SKIP_STATUSES.has(snap.status)) skipped++;
    sink.page(snap);
  };
  const recordSkip = (item: Pick<FrontierItem, 'url' | 'depth' | 'discoveredFrom'>, status: PageStatus, reason: string): void => {
    if (skipRecords >= MAX_SKIP_RECORDS) {
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (SKIP_STATUSES.has(status)) skipped++;
      return;
    }
    skipRecords++;
    record(skipSnapshot(item, status, reason));
  };

  const enqueueLinks = (page: PageSnapshot, from: FrontierItem, base: string): void => {
    if (from.platform && platformPages >= Math.ceil(opts.maxPages * MAX_PLATFORM_SHARE)) return;
    for (const link of page.links) {
      const url = resolveHttpUrl(link.rawHref, base);
      if (!url) continue;
      const key = normalizeUrl(url);
      if (seen.has(key)) continue;
      const verdict = scope.classify(url);
      // One hop to a platform: from the site, or within the same platform host.
      const platformOk = verdict === 'platform' && (!from.platform || new URL(from.url).hostname === url.hostname);
      if (verdict === 'out' || (verdict === 'platform' && !platformOk)) continue;
      seen.add(key);
      const depth = from.depth + 1;
      if (depth > opts.maxDepth) {
        depthLimited = true;
        continue;
      }
      const privateReason = ctx.fetcher.privateTargetReason(url);
      if (privateReason) {
        recordSkip({ url: url.toString(), depth, discoveredFrom: page.finalUrl }, 'out-of-scope', privateReason);
        continue;
      }
      const trap = traps.check(url);
      if (trap) {
        recordSkip({ url: url.toString(), depth, discoveredFrom: page.finalUrl }, 'budget', trap);
        continue;
      }
      const priority = ctx.prioritizer.score({ url, text: link.text, title: link.title, alt: link.alt, position: link.position });
      frontier.push({ url: url.toString(), key, depth, priority, discoveredFrom: page.finalUrl, platform: verdict === 'platform' });
    }
  };

  /** The page's analysis, or undefined with the snapshot failed as parse-timeout (or error). */
  const analyse = async (snap: PageSnapshot, html: string): Promise<PageAnalysis | undefined> => {
    try {
      const page = await ctx.pageWork.analyse({ html, url: snap.finalUrl, heuristic: ctx.renderer !== undefined }, signal);
      if (page.cut) snap.reason = snap.reason ? `${snap.reason}; ${page.cut}` : page.cut;
      return page;
    } catch (err) {
      if (!(err instanceof PageWorkError)) throw err;
      const stopped = err.kind === 'timeout' || err.kind === 'aborted';
      snap.status = stopped ? 'parse-timeout' : 'error';
      snap.reason = err.kind === 'aborted' && timeUp.aborted ? `page work stopped at the site's time limit (${opts.siteTimeMs} ms)` : err.message;
      return undefined;
    }
  };

  const processItem = async (item: FrontierItem): Promise<void> => {
    const target = new URL(item.url);
    const robots = await ctx.robots.get(target);
    if (!robotsSent.has(robots.origin)) {
      robotsSent.add(robots.origin);
      sink.robots?.({ origin: robots.origin, fetchStatus: robots.fetchStatus, text: robots.text });
      if (robots.crawlDelayMs) ctx.limiter.setGap(target.host, Math.min(robots.crawlDelayMs, opts.maxCrawlDelayMs));
    }
    if (robots.originFailure) {
      const { status, reason } = robots.originFailure;
      if (status !== 'out-of-scope') failed++;
      recordSkip(item, status, reason);
      if (item.depth === 0) homepage = skipSnapshot(item, status, reason);
      return;
    }
    if (!robots.isAllowed(item.url)) {
      recordSkip(item, 'robots-disallowed', robots.reasonFor(item.url));
      if (item.depth === 0) homepage = skipSnapshot(item, 'robots-disallowed', robots.reasonFor(item.url));
      return;
    }
    fetched++;
    if (item.platform) platformPages++;
    // The homepage may move anywhere (a new domain joins the scope), by HTTP or by a meta refresh or
    // script (followed to where a visitor lands); other pages stay in scope.
    const out = item.depth === 0
      ? await fetchLanding(ctx, item.url, siteKey, signal)
      : await ctx.fetcher.fetch({ url: item.url, signal, redirectGuard: (next) => (scope.classify(next) === 'out' ? `redirect to out-of-scope ${next.host}` : undefined) });
    const snap = toSnapshot(out, item);
    // The body is decoded and parsed once here; the HTML string is all that is kept.
    const decoded = out.body && (snap.status === 'ok' || snap.status === 'too-large') ? decodeHtml(out.body, out.contentType) : undefined;
    if (decoded) {
      snap.html = decoded.text;
      snap.charset = decoded.charset;
      snap.charsetSource = decoded.source + (decoded.note ? `; ${decoded.note}` : '');
      // Once per site, before any other page: does the site answer 200 for pages that do not exist?
      if (item.depth === 0) {
        const probe = await probeSoft404(ctx, { finalUrl: snap.finalUrl, html: decoded.text }, errorWords, signal);
        soft404 = probe.profile;
        if (probe.snapshot) sink.page(probe.snapshot);
      }
      const errorPage = soft404 && soft404Reason(decoded.text, soft404, errorWords);
      if (errorPage) {
        snap.status = 'soft-404';
        snap.reason = `${errorPage}; the site answers 200 for pages that do not exist`;
      }
    }
    // A soft-404 page is dead: its links count for nothing. Other pages are parsed in the page-work
    // pool, under a deadline and the site's signal, so no page can hold the crawl.
    const page = decoded && snap.status !== 'soft-404' ? await analyse(snap, decoded.text) : undefined;
    bytes += out.bytes;
    if (snap.status === 'ok') okCount++;
    else if (FAILED_STATUSES.has(snap.status)) failed++;
    if (item.depth === 0) {
      homepage = snap;
      if (snap.status === 'ok' || snap.status === 'too-large') scope.addDomainOf(new URL(snap.finalUrl));
    }
    if (page) {
      snap.title = page.title;
      snap.lang = page.lang;
      snap.links = page.links;
      const plan = planRenders(ctx, page.heuristic, snap, mobileDone);
      if (plan.mobile) mobileDone++;
      if ((plan.desktop || plan.mobile) && !signal.aborted) await renderPage(ctx, siteKey, snap, plan, scope, renderStats, signal);
      record(snap);
      for (const f of [snap.url, snap.finalUrl]) seen.add(normalizeUrl(f));
      enqueueLinks(snap, item, page.baseUrl);
      // Links that only the rendered DOM has (a menu built by script) are crawled like any other.
      for (const r of snap.renders ?? []) {
        if (r.mode === 'desktop' && r.links.length) enqueueLinks({ ...snap, links: r.links }, item, r.finalUrl ?? snap.finalUrl);
      }
    } else {
      record(snap);
    }
  };

  seen.add(normalizeUrl(seed));
  frontier.push({ url: seed.toString(), key: normalizeUrl(seed), depth: 0, priority: Number.MAX_SAFE_INTEGER, platform: false });
  const inflight = new Set<Promise<void>>();
  // Up to perHost pages of one site in flight: enough to keep a host busy at its limit.
  const parallel = Math.max(1, opts.perHost);
  const aborted = abortPromise(signal);
  while (!signal.aborted) {
    while (inflight.size < parallel && frontier.size > 0 && fetched + inflight.size < opts.maxPages && !signal.aborted) {
      // The homepage first and alone: its redirects decide the scope for everything after.
      if (fetched === 0 && inflight.size > 0) break;
      const item = frontier.pop()!;
      const p = processItem(item).catch((err: unknown) => {
        record({ ...skipSnapshot(item, 'error', String((err as Error)?.stack ?? err)) });
      }).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    if (inflight.size === 0) break;
    await Promise.race([...inflight, aborted]);
  }
  // On a time limit, the in-flight fetches were aborted and end as timeouts; wait for their records.
  await Promise.allSettled([...inflight]);
  await ctx.renderer?.closeSite(siteKey).catch(() => undefined);

  let reason: string | undefined;
  let status: SiteCrawlSummary['status'] = 'done';
  const leftover = frontier.drain();
  if (outerSignal?.aborted) { status = 'partial'; reason = 'interrupted'; }
  else if (timeUp.aborted) { status = 'partial'; reason = `time-limit (${opts.siteTimeMs} ms)`; }
  else if (leftover.length > 0) { status = 'partial'; reason = `max-pages (${opts.maxPages})`; }
  else if (depthLimited) { status = 'partial'; reason = `max-depth (${opts.maxDepth})`; }
  for (const item of leftover.slice(0, MAX_BUDGET_RECORDS)) record(skipSnapshot(item, 'budget', reason ?? 'budget'));
  const extra = leftover.length - MAX_BUDGET_RECORDS;
  if (extra > 0) { byStatus.budget = (byStatus.budget ?? 0) + extra; skipped += extra; }

  // A homepage cut at the byte cap is judged on the part kept (the audit notes it), not lost.
  if (!homepage || (homepage.status !== 'ok' && homepage.status !== 'too-large')) {
    status = 'failed';
    reason = `homepage: ${homepage ? homepage.status + (homepage.reason ? ` (${homepage.reason})` : '') : 'not fetched'}`;
  }
  return {
    seed: seed.toString(),
    finalUrl: homepage?.finalUrl,
    status,
    reason,
    pagesFetched: fetched,
    pagesOk: okCount,
    pagesFailed: failed,
    pagesSkipped: skipped,
    bytes,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    byStatus,
    browser: ctx.browserState,
    renders: renderStats,
  };
}

function toSnapshot(out: FetchOutcome, item: FrontierItem): PageSnapshot {
  return {
    url: item.url, finalUrl: out.finalUrl, status: out.status, reason: out.reason, httpStatus: out.httpStatus,
    headers: out.headers, redirects: out.redirects, contentType: out.contentType, bytes: out.bytes, fetchMs: out.fetchMs,
    fetchedAt: new Date().toISOString(), depth: item.depth, discoveredFrom: item.discoveredFrom, attempts: out.attempts, links: [],
  };
}

function skipSnapshot(item: Pick<FrontierItem, 'url' | 'depth' | 'discoveredFrom'>, status: PageStatus, reason: string): PageSnapshot {
  return {
    url: item.url, finalUrl: item.url, status, reason, headers: {}, redirects: [], bytes: 0, fetchMs: 0,
    fetchedAt: new Date().toISOString(), depth: item.depth, discoveredFrom: item.discoveredFrom, attempts: 0, links: [],
  };
}

function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
