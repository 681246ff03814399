// Builds what the judge reads from a site's stored snapshots: static pages (homepage first, with
// the links their rendered DOM added), rendered pages, the phone view of the homepage, and the
// facts detectors may ask about the site (scope, the status of a URL).
import type { StoredPage } from '../store/page-reader.js';
import { SiteScope } from '../crawl/scope.js';
import { normalizeUrl } from '../crawl/url-normalize.js';
import { DEFAULT_SERVICE_PLATFORMS } from '../crawl/crawl-options.js';
import { makePageInput, type PageInput } from './page-input.js';
import { NO_BROWSER, NOT_RENDERED, type SiteInputs } from './judge-site.js';
import type { PageStatus, RenderSnapshot } from '../crawl/types.js';
import type { IndicatorInput } from './types.js';

export interface SiteInputOptions {
  seedUrl: string;
  finalUrl?: string;
  platforms?: string[];
  /** What the crawl recorded about the browser: 'used', 'no browser', 'disabled'. */
  browser?: string | null;
}

const JUDGED: ReadonlySet<PageStatus> = new Set(['ok', 'too-large']);

const okRender = (p: StoredPage, mode: RenderSnapshot['mode']): RenderSnapshot | undefined =>
  p.renders?.find((r) => r.mode === mode && r.status === 'ok' && r.html !== undefined);

export function siteInputsFromPages(pages: StoredPage[], o: SiteInputOptions): SiteInputs {
  const scope = new SiteScope(new URL(o.seedUrl), o.platforms ?? DEFAULT_SERVICE_PLATFORMS);
  if (o.finalUrl) scope.addDomainOf(new URL(o.finalUrl));
  const status = new Map<string, PageStatus>();
  for (const p of pages) {
    for (const u of [p.url, p.finalUrl]) {
      try {
        status.set(normalizeUrl(u), p.status);
      } catch {
        // a stored URL that no longer parses is simply not known
      }
    }
  }
  const html = pages.filter((p) => JUDGED.has(p.status) && p.html !== undefined);
  const home = html.find((p) => p.depth === 0);
  const ordered = home ? [home, ...html.filter((p) => p !== home)] : html;
  const homeMobile = home ? okRender(home, 'mobile') : undefined;

  const staticPages = ordered.map((p) => {
    const input = makePageInput({ ...p, html: p.html!, renderedLinks: okRender(p, 'desktop')?.links }, p === home);
    if (p === home && homeMobile) input.renderedViewport = (homeMobile.metrics?.['viewportContent'] as string | null | undefined) ?? null;
    return input;
  });
  const rendered = ordered.flatMap((p) => {
    const r = okRender(p, 'desktop');
    return r ? [makePageInput({ url: p.url, finalUrl: r.finalUrl ?? p.finalUrl, lang: p.lang, title: p.title, html: r.html!, links: r.links }, p === home)] : [];
  });
  const mobile: PageInput[] = [];
  if (home && homeMobile) {
    const m = makePageInput({ url: home.url, finalUrl: homeMobile.finalUrl ?? home.finalUrl, lang: home.lang, title: home.title, html: homeMobile.html!, links: homeMobile.links }, true);
    m.metrics = homeMobile.metrics;
    m.staticUrl = home.finalUrl;
    mobile.push(m);
  }

  const missing: Partial<Record<IndicatorInput, string>> = {};
  if (o.browser !== 'used') {
    missing.rendered = NO_BROWSER;
    missing.mobile = NO_BROWSER;
  } else {
    if (rendered.length === 0) missing.rendered = NOT_RENDERED;
    if (mobile.length === 0) {
      const r = home?.renders?.find((x) => x.mode === 'mobile');
      missing.mobile = r ? `homepage phone render ended ${r.status}${r.error ? ` (${r.error})` : ''}` : 'the homepage was not rendered on a phone';
    }
  }
  return {
    pages: { static: staticPages, rendered, mobile },
    missing,
    facts: {
      classify: (url) => scope.classify(url),
      statusOf: (url) => {
        try {
          return status.get(normalizeUrl(url));
        } catch {
          return undefined;
        }
      },
    },
  };
}
