// Turns decoded HTML into the plain data the rest of govbench needs: links with their text,
// title, image alt and page region, the title and the language. Parsed once per page.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { LinkPosition, LinkRecord } from './types.js';

export interface ExtractedPage {
  title: string;
  lang: string;
  links: LinkRecord[];
  /** Base URL for relative links (a <base href> wins over the page URL). */
  baseUrl: string;
}

const MAX_TEXT = 200;
// Dates as portals print them beside list items: 2026-11-20, 2026/11/20, [11-20], 2026年11月20日.
const DATE_NEAR = /(19|20)\d{2}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}|[\[(【]\d{1,2}[-/]\d{1,2}[\])】]/;
const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p']);
const MAX_LINKS = 2_000;

// Class and id tokens portals use for page regions. The Chinese CMSs (TRS, 大汉, 拓尔思) mostly
// use English words: top/head/header, nav/menu/daohang, foot/footer/bottom/copyright/bq.
const REGION_TOKENS: [RegExp, LinkPosition][] = [
  [/(^|[-_])(nav|navbar|menu|menus|daohang|dh|mainnav|topnav|subnav|column-nav|lanmu)([-_]|\d|$)/i, 'nav'],
  [/(^|[-_])(footer|foot|bottom|copyright|bq|banquan|site-info|siteinfo)([-_]|\d|$)/i, 'footer'],
  [/(^|[-_])(header|head|top|banner|masthead|logo|topbar)([-_]|\d|$)/i, 'header'],
];

function squash(s: string | undefined): string {
  if (!s) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

function inDatedItem($: cheerio.CheerioAPI, el: Element): boolean {
  let node: AnyNode | null = el.parent;
  for (let depth = 0; node && depth < 4; depth++, node = node.parent) {
    if (node.type === 'tag' && ITEM_TAGS.has((node as Element).name)) {
      const text = $(node).text();
      return text.length < 400 && DATE_NEAR.test(text);
    }
  }
  return false;
}

/** alt text of the images inside a link; a direct walk, much cheaper than a selector query per link. */
function imageAlts(el: Element, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  for (const child of el.children) {
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (c.name === 'img' && c.attribs['alt']) out.push(c.attribs['alt']);
    else imageAlts(c, out, depth + 1);
  }
  return out;
}

function regionOf(el: Element): LinkPosition {
  let node: AnyNode | null = el.parent;
  for (let depth = 0; node && depth < 15; depth++, node = node.parent) {
    if (node.type !== 'tag') continue;
    const tag = (node as Element).name;
    if (tag === 'nav') return 'nav';
    if (tag === 'header') return 'header';
    if (tag === 'footer') return 'footer';
    if (tag === 'body' || tag === 'main' || tag === 'article') return 'body';
    const attrs = (node as Element).attribs;
    const tokens = `${attrs['class'] ?? ''} ${attrs['id'] ?? ''}`.split(/\s+/).filter(Boolean);
    if (attrs['role'] === 'navigation') return 'nav';
    if (attrs['role'] === 'contentinfo') return 'footer';
    if (attrs['role'] === 'banner') return 'header';
    for (const [re, pos] of REGION_TOKENS) if (tokens.some((t) => re.test(t))) return pos;
  }
  return 'body';
}

export function loadHtml(html: string): cheerio.CheerioAPI {
  // htmlparser2 is several times faster than parse5 and forgiving enough for portal markup.
  return cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } }, true);
}

export function extractPage($: cheerio.CheerioAPI, pageUrl: string): ExtractedPage {
  let baseUrl = pageUrl;
  const baseHref = $('base[href]').first().attr('href');
  if (baseHref) {
    try {
      baseUrl = new URL(baseHref, pageUrl).toString();
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  const links: LinkRecord[] = [];
  $('a[href], area[href], frame[src], iframe[src]').each((_, node) => {
    if (links.length >= MAX_LINKS) return false;
    const el = node as Element;
    const isFrame = el.name === 'frame' || el.name === 'iframe';
    const rawHref = (isFrame ? el.attribs['src'] : el.attribs['href']) ?? '';
    let href = rawHref.trim();
    if (href && !/^(javascript|mailto|tel|data|vbscript):/i.test(href) && !href.startsWith('#')) {
      try {
        const u = new URL(href, baseUrl);
        href = u.toString();
      } catch {
        // keep the raw href: detectors may still want to see a broken link
      }
    }
    const $el = $(el);
    const alt = isFrame ? '' : squash(imageAlts(el).join(' '));
    const parent = el.parent?.type === 'tag' ? (el.parent as Element) : undefined;
    const classes = squash([el.attribs['class'], el.attribs['id'], parent?.attribs['class'], parent?.attribs['id']].filter(Boolean).join(' '));
    links.push({
      href,
      rawHref,
      text: isFrame ? '' : squash($el.text()),
      title: squash(el.attribs['title']),
      alt,
      position: regionOf(el),
      dated: !isFrame && inDatedItem($, el),
      classes,
    });
    return undefined;
  });
  return {
    title: squash($('title').first().text()),
    lang: ($('html').attr('lang') ?? '').trim().toLowerCase(),
    links,
    baseUrl,
  };
}
