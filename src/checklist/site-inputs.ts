// Builds what the judge reads from a site's stored snapshots: static pages (homepage first),
// and the facts detectors may ask about the site (scope, the status of a URL).
import type { StoredPage } from '../store/page-reader.js';
import { SiteScope } from '../crawl/scope.js';
import { normalizeUrl } from '../crawl/url-normalize.js';
import { DEFAULT_SERVICE_PLATFORMS } from '../crawl/crawl-options.js';
import { makePageInput } from './page-input.js';
import type { SiteInputs } from './judge-site.js';
import type { PageStatus } from '../crawl/types.js';

export interface SiteInputOptions {
  seedUrl: string;
  finalUrl?: string;
  platforms?: string[];
}

const JUDGED: ReadonlySet<PageStatus> = new Set(['ok', 'too-large']);

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
  const inputs = ordered.map((p) => makePageInput({ ...p, html: p.html! }, p === home));
  return {
    pages: { static: inputs },
    missing: {},
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
