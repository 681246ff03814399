// What detectors see of a page: plain data built once per page from a stored snapshot and shared
// by every indicator, so labels are normalised once and the HTML is parsed at most once.
import type { CheerioAPI } from 'cheerio';
import { loadHtml } from '../crawl/link-extract.js';
import { documentOf, firstElement, textOf } from '../crawl/dom-walk.js';
import type { LinkRecord } from '../crawl/types.js';
import { normalizeEn, normalizeZh } from '../detectors/normalize-text.js';

export type PageLang = 'zh' | 'en' | 'unknown';

/** Elements whose content is no visible text. */
const UNSEEN: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template']);

export interface NormalizedLink extends LinkRecord {
  /** text, title and alt, each normalised for Chinese and for English matching. */
  zh: string[];
  en: string[];
  url?: URL;
  /** Found only in the rendered DOM (a menu built by script). */
  rendered?: boolean;
}

export interface PageInput {
  url: string;
  isHomepage: boolean;
  lang: PageLang;
  title: string;
  html: string;
  links: NormalizedLink[];
  /** Parsed lazily: most indicators need only the links. */
  dom(): CheerioAPI;
  /** Visible text (no script, style or comments), lazily. */
  text(): string;
  /** Phone measurements, for mobile input. */
  metrics?: Record<string, unknown>;
  /** For mobile input: the URL the phone was sent to, and the static homepage's URL. */
  staticUrl?: string;
  /** The viewport meta as the rendered homepage has it (scripts may set it); undefined when not rendered. */
  renderedViewport?: string | null;
}

export function pageLang(declared: string | undefined, html: string): PageLang {
  const d = (declared ?? '').toLowerCase();
  if (d.startsWith('zh')) return 'zh';
  if (d.startsWith('en')) return 'en';
  // No declaration: a page with a fair amount of Han text is Chinese; otherwise unknown.
  const sample = html.slice(0, 20_000);
  const han = sample.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return han > 20 ? 'zh' : 'unknown';
}

export function makePageInput(
  p: { url: string; finalUrl: string; lang?: string; title?: string; html: string; links: LinkRecord[]; renderedLinks?: LinkRecord[] },
  isHomepage: boolean,
): PageInput {
  const seen = new Set(p.links.map((l) => `${l.href}\u0000${l.text}`));
  const extra = (p.renderedLinks ?? []).filter((l) => !seen.has(`${l.href}\u0000${l.text}`)).map((l) => ({ ...l, rendered: true }));
  let $: CheerioAPI | undefined;
  let text: string | undefined;
  const dom = (): CheerioAPI => ($ ??= loadHtml(p.html));
  return {
    url: p.finalUrl || p.url,
    isHomepage,
    lang: pageLang(p.lang, p.html),
    title: p.title ?? '',
    html: p.html,
    links: [...p.links, ...extra].map((l: LinkRecord & { rendered?: boolean }) => {
      let url: URL | undefined;
      try {
        url = /^https?:/i.test(l.href) ? new URL(l.href) : undefined;
      } catch {
        url = undefined;
      }
      const labels = [l.text, l.title, l.alt];
      return { ...l, url, zh: labels.map(normalizeZh), en: labels.map(normalizeEn) };
    }),
    dom,
    text: () => {
      if (text === undefined) {
        // One walk, leaving out what a reader does not see (a clone and a .find() per page was
        // quadratic when <body> had many children).
        const body = firstElement(documentOf(dom()), 'body');
        text = body ? textOf(body, { skip: UNSEEN }).replace(/\s+/g, ' ').trim() : '';
      }
      return text;
    },
  };
}
