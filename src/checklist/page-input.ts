// What detectors see of a page: plain data built once per page from a stored snapshot and shared
// by every indicator, so labels are normalised once and the HTML is parsed at most once.
import type { CheerioAPI } from 'cheerio';
import { loadHtml } from '../crawl/link-extract.js';
import type { LinkRecord } from '../crawl/types.js';
import { normalizeEn, normalizeZh } from '../detectors/normalize-text.js';

export type PageLang = 'zh' | 'en' | 'unknown';

export interface NormalizedLink extends LinkRecord {
  /** text, title and alt, each normalised for Chinese and for English matching. */
  zh: string[];
  en: string[];
  url?: URL;
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

export function makePageInput(p: { url: string; finalUrl: string; lang?: string; title?: string; html: string; links: LinkRecord[] }, isHomepage: boolean): PageInput {
  let $: CheerioAPI | undefined;
  let text: string | undefined;
  const dom = (): CheerioAPI => ($ ??= loadHtml(p.html));
  return {
    url: p.finalUrl || p.url,
    isHomepage,
    lang: pageLang(p.lang, p.html),
    title: p.title ?? '',
    html: p.html,
    links: p.links.map((l) => {
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
        const d = dom();
        const body = d('body').clone();
        body.find('script, style, noscript, template').remove();
        text = body.text().replace(/\s+/g, ' ').trim();
      }
      return text;
    },
  };
}
