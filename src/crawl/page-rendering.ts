// The browser step of a page's crawl: decide whether to render (JS-built look, a sample, the
// phone checks), render, and work out what the render found that the static HTML did not.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sampleDraw, type RenderHeuristic } from './render-decision.js';
import { normalizeUrl, resolveHttpUrl } from './url-normalize.js';
import type { SiteScope } from './scope.js';
import type { CrawlContext } from './crawler.js';
import type { LinkRecord, PageSnapshot, RenderMode, RenderSnapshot, RenderStats } from './types.js';

export function emptyRenderStats(): RenderStats {
  return { suspect: 0, suspectFound: 0, sampled: 0, sampledFound: 0, mobile: 0, failed: 0, blocked: 0 };
}

export interface RenderPlan {
  desktop?: string;
  mobile?: string;
}

/** Which renders a page gets, and why; h is what judgeStaticHtml made of the page's static HTML. */
export function planRenders(ctx: CrawlContext, h: RenderHeuristic | undefined, page: PageSnapshot, mobileDone: number): RenderPlan {
  if (!ctx.renderer || !page.html || !h) return {};
  const plan: RenderPlan = {};
  if (h.suspect) plan.desktop = `js-suspect: ${h.signs.join(', ')}`;
  else if (sampleDraw(page.finalUrl) < ctx.options.renderSample) plan.desktop = 'sample';
  if (mobileDone < ctx.options.mobilePages) plan.mobile = page.depth === 0 ? 'homepage' : 'mobile page';
  return plan;
}

function linkKeys(links: LinkRecord[], base: string, scope: SiteScope): Set<string> {
  const keys = new Set<string>();
  for (const l of links) {
    const u = resolveHttpUrl(l.rawHref, base);
    if (u && scope.classify(u) !== 'out') keys.add(normalizeUrl(u));
  }
  return keys;
}

export function siteKeyOf(seed: URL): string {
  return `${seed.hostname}-${createHash('sha1').update(seed.toString()).digest('hex').slice(0, 8)}`;
}

async function renderOne(ctx: CrawlContext, siteKey: string, page: PageSnapshot, mode: RenderMode, reason: string, scope: SiteScope, signal: AbortSignal | undefined, shot?: string): Promise<RenderSnapshot> {
  const r = await ctx.renderer!.render(siteKey, page.finalUrl, mode, { screenshotPath: shot, trust: ctx.trust });
  const snap: RenderSnapshot = {
    mode, reason, status: r.status, error: r.error, finalUrl: r.finalUrl, html: r.html, links: [],
    metrics: r.metrics as Record<string, unknown> | undefined, screenshotPath: r.screenshotPath, ms: r.ms, blocked: r.blocked,
  };
  if (r.status === 'ok' && r.html) {
    // The rendered DOM is a stranger's page too: parsed in the page-work pool, under its deadline.
    const rendered = await ctx.pageWork.analyse({ html: r.html, url: r.finalUrl ?? page.finalUrl }, signal).catch((err: Error) => {
      snap.error = `links not read: ${err.message}`;
      return undefined;
    });
    if (!rendered) return snap;
    snap.links = rendered.links;
    const before = linkKeys(page.links, page.finalUrl, scope);
    snap.newLinks = [...linkKeys(rendered.links, rendered.baseUrl, scope)].filter((k) => !before.has(k)).length;
  }
  return snap;
}

/** Renders the page as planned; the renders are attached to the snapshot and counted. */
export async function renderPage(ctx: CrawlContext, siteKey: string, page: PageSnapshot, plan: RenderPlan, scope: SiteScope, stats: RenderStats, signal?: AbortSignal): Promise<void> {
  const renders: RenderSnapshot[] = [];
  if (plan.desktop) {
    const r = await renderOne(ctx, siteKey, page, 'desktop', plan.desktop, scope, signal);
    const found = (r.newLinks ?? 0) > 0;
    if (plan.desktop === 'sample') { stats.sampled++; if (found) stats.sampledFound++; }
    else { stats.suspect++; if (found) stats.suspectFound++; }
    if (r.status !== 'ok') stats.failed++;
    if (r.status === 'render-blocked') stats.blocked++;
    renders.push(r);
  }
  if (plan.mobile) {
    const dir = ctx.options.screenshotDir;
    const shot = dir ? join(dir, siteKey, `${page.depth === 0 ? 'home' : createHash('sha1').update(page.finalUrl).digest('hex').slice(0, 10)}-mobile.png`) : undefined;
    const r = await renderOne(ctx, siteKey, page, 'mobile', plan.mobile, scope, signal, shot);
    stats.mobile++;
    if (r.status !== 'ok') stats.failed++;
    if (r.status === 'render-blocked') stats.blocked++;
    renders.push(r);
  }
  if (renders.length) page.renders = renders;
}
