// The homepage a visitor lands on. A portal's "/" is often a stub that sends the visitor on by a
// meta refresh or a script; the site must be judged on where the visitor lands, not on the stub.
// Static HTML is read first (so a crawl without a browser follows too); with a browser, a stub
// with no redirect the HTML shows is rendered once to see where it goes.
import { decodeHtml } from './charset.js';
import { describeHop, findClientRedirect, isStubPage, type ClientRedirect } from './client-redirect.js';
import { normalizeUrl } from './url-normalize.js';
import { scanHtml } from './html-scan.js';
import type { CrawlContext } from './crawler.js';
import type { FetchOutcome, RedirectHop } from './types.js';

/** Client-side redirects followed from a homepage: a stub in front of a stub is common, more is a loop. */
export const MAX_CLIENT_REDIRECTS = 3;

async function whereItSends(ctx: CrawlContext, out: FetchOutcome, siteKey: string): Promise<ClientRedirect | undefined> {
  const scan = scanHtml(decodeHtml(out.body!, out.contentType).text);
  const found = findClientRedirect(scan, out.finalUrl);
  if (found || !ctx.renderer || !isStubPage(scan)) return found;
  // A stub whose redirect the HTML does not show (a computed URL, a script file): ask the browser.
  const r = await ctx.renderer.render(siteKey, out.finalUrl, 'desktop', { trust: ctx.trust });
  if (r.status !== 'ok' || !r.finalUrl) return undefined;
  return normalizeUrl(r.finalUrl) === normalizeUrl(out.finalUrl) ? undefined : { url: r.finalUrl, kind: 'browser' };
}

/**
 * Fetches a homepage and follows where it sends the visitor (up to MAX_CLIENT_REDIRECTS hops). The
 * outcome is the landing page's, under the homepage's URL, with every hop in `redirects` (the
 * client-side ones marked `via`); a landing that fails is the homepage's failure, its reason naming
 * the hop, so a site is never judged on its stub.
 */
export async function fetchLanding(ctx: CrawlContext, url: string, siteKey: string, signal: AbortSignal): Promise<FetchOutcome> {
  let out = await ctx.fetcher.fetch({ url, signal });
  const seen = new Set([normalizeUrl(url), normalizeUrl(out.finalUrl)]);
  for (let hops = 0; hops < MAX_CLIENT_REDIRECTS && !signal.aborted; hops++) {
    if (!out.body || (out.status !== 'ok' && out.status !== 'too-large')) break;
    const next = await whereItSends(ctx, out, siteKey);
    if (!next || seen.has(normalizeUrl(next.url))) break;
    seen.add(normalizeUrl(next.url));
    const hop: RedirectHop = { url: out.finalUrl, status: out.httpStatus ?? 200, via: next.kind };
    const redirects = [...out.redirects, hop];
    const target = new URL(next.url);
    const robots = await ctx.robots.get(target);
    if (robots.originFailure || !robots.isAllowed(next.url)) {
      const status = robots.originFailure?.status ?? 'robots-disallowed';
      const why = robots.originFailure?.reason ?? robots.reasonFor(next.url);
      return { ...out, body: undefined, finalUrl: next.url, status, reason: `${why}, after ${describeHop(hop, next.url)}`, redirects };
    }
    const landed = await ctx.fetcher.fetch({ url: next.url, signal });
    out = {
      ...landed,
      url,
      redirects: [...redirects, ...landed.redirects],
      attempts: out.attempts + landed.attempts,
      fetchMs: out.fetchMs + landed.fetchMs,
      reason: landed.status === 'ok' || landed.status === 'too-large' ? landed.reason : `${landed.reason ?? landed.status}, after ${describeHop(hop, next.url)}`,
    };
    seen.add(normalizeUrl(landed.finalUrl));
  }
  return out;
}
