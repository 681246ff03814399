// Turns a parsed page into the plain data the rest of govbench needs: links with their text,
// title, image alt and page region, the title and the language.
//
// One walk over the tree, in document order, with no selector queries: per link, the work is
// bounded (a capped text read, a region looked up through at most 15 ancestors whose verdicts are
// kept, a dated-item verdict kept per item), so the whole pass is linear in the page. cheerio's
// `$('a[href]')` plus a `.text()`/`.parents()` per link was quadratic on pages with many
// top-level nodes or deeply nested links (issue 8, §2). No cheerio here: the page workers load
// this module, and cheerio would triple their start-up time.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import type { LinkPosition, LinkRecord } from './types.js';
import { documentOf, firstElement, isElement, textOf, walk } from './dom-walk.js';
import { MAX_PAGE_LINKS } from './page-limits.js';

export interface ExtractedPage {
  title: string;
  lang: string;
  links: LinkRecord[];
  /** Base URL for relative links (a <base href> wins over the page URL). */
  baseUrl: string;
}

const MAX_TEXT = 200;
/** Raw characters read for a text that is squashed to MAX_TEXT: room for plenty of whitespace. */
const RAW_TEXT = 4_096;
/** Nodes visited to read one link's text or images: a link wrapping a huge block is read in part. */
const NODES_PER_LINK = 2_000;
// Dates as portals print them beside list items: 2026-11-20, 2026/11/20, [11-20], 2026年11月20日.
const DATE_NEAR = /(19|20)\d{2}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}|[\[(【]\d{1,2}[-/]\d{1,2}[\])】]/;
const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p']);
/** An item with this much text or more is a block, not a dated headline. */
const ITEM_TEXT = 400;
const LINK_TAGS: Record<string, 'href' | 'src'> = { a: 'href', area: 'href', frame: 'src', iframe: 'src' };

// Class and id tokens portals use for page regions. The Chinese CMSs (TRS, 大汉, 拓尔思) mostly
// use English words: top/head/header, nav/menu/daohang, foot/footer/bottom/copyright/bq.
const REGION_TOKENS: [RegExp, LinkPosition][] = [
  [/(^|[-_])(nav|navbar|menu|menus|daohang|dh|mainnav|topnav|subnav|column-nav|lanmu)([-_]|\d|$)/i, 'nav'],
  [/(^|[-_])(footer|foot|bottom|copyright|bq|banquan|site-info|siteinfo)([-_]|\d|$)/i, 'footer'],
  [/(^|[-_])(header|head|top|banner|masthead|logo|topbar)([-_]|\d|$)/i, 'header'],
];
/** Class and id tokens read per element for its region: enough for any real class list. */
const REGION_ATTR_CHARS = 1_024;

function squash(s: string | undefined): string {
  if (!s) return '';
  const t = (s.length > RAW_TEXT ? s.slice(0, RAW_TEXT) : s).replace(/\s+/g, ' ').trim();
  return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

/** alt text of the images inside a link, at most 6 levels down and NODES_PER_LINK nodes. */
function imageAlts(el: Element): string[] {
  const out: string[] = [];
  let visited = 0;
  const depthOf = (n: AnyNode): number => {
    let d = 0;
    for (let p = n.parent; p && p !== el; p = p.parent) d++;
    return d;
  };
  walk(el, (n) => {
    if (++visited > NODES_PER_LINK) return 'stop';
    if (n.type !== 'tag') return 'skip';
    const c = n as Element;
    if (c.name === 'img') {
      if (c.attribs['alt']) out.push(c.attribs['alt']);
      return 'skip';
    }
    // imageAlts used to recurse 6 levels below the link: an element at depth 6 is not entered.
    return depthOf(c) >= 6 ? 'skip' : undefined;
  });
  return out;
}

/** A page region named by the element itself, 'body' for a region that ends the search, or none. */
function ownRegion(node: Element): LinkPosition | undefined {
  const tag = node.name;
  if (tag === 'nav') return 'nav';
  if (tag === 'header') return 'header';
  if (tag === 'footer') return 'footer';
  if (tag === 'body' || tag === 'main' || tag === 'article') return 'body';
  const attrs = node.attribs;
  if (attrs['role'] === 'navigation') return 'nav';
  if (attrs['role'] === 'contentinfo') return 'footer';
  if (attrs['role'] === 'banner') return 'header';
  const tokens = `${(attrs['class'] ?? '').slice(0, REGION_ATTR_CHARS)} ${(attrs['id'] ?? '').slice(0, REGION_ATTR_CHARS)}`.split(/\s+/).filter(Boolean);
  for (const [re, pos] of REGION_TOKENS) if (tokens.some((t) => re.test(t))) return pos;
  return undefined;
}

class PageReader {
  private readonly regions = new Map<Element, LinkPosition | null>();
  private readonly datedItems = new Map<Element, boolean>();

  regionOf(el: Element): LinkPosition {
    let node: AnyNode | null = el.parent;
    for (let depth = 0; node && depth < 15; depth++, node = node.parent) {
      if (node.type !== 'tag') continue;
      const e = node as Element;
      let r = this.regions.get(e);
      if (r === undefined) {
        r = ownRegion(e) ?? null;
        this.regions.set(e, r);
      }
      if (r) return r;
    }
    return 'body';
  }

  inDatedItem(el: Element): boolean {
    let node: AnyNode | null = el.parent;
    for (let depth = 0; node && depth < 4; depth++, node = node.parent) {
      if (node.type === 'tag' && ITEM_TAGS.has((node as Element).name)) {
        const item = node as Element;
        let dated = this.datedItems.get(item);
        if (dated === undefined) {
          const text = textOf(item, { maxChars: ITEM_TEXT });
          dated = text.length < ITEM_TEXT && DATE_NEAR.test(text);
          this.datedItems.set(item, dated);
        }
        return dated;
      }
    }
    return false;
  }
}

export function extractPage(source: CheerioAPI | Document, pageUrl: string, maxLinks = MAX_PAGE_LINKS): ExtractedPage {
  const doc = documentOf(source);
  let baseHref: string | undefined;
  let htmlEl: Element | undefined;
  const found: Element[] = [];
  walk(doc, (n) => {
    if (!isElement(n)) return n.type === 'comment' ? 'skip' : undefined;
    const attr = LINK_TAGS[n.name];
    if (attr && n.attribs[attr] !== undefined && found.length < maxLinks) found.push(n);
    else if (n.name === 'base' && baseHref === undefined && n.attribs['href'] !== undefined) baseHref = n.attribs['href'];
    else if (n.name === 'html' && !htmlEl) htmlEl = n;
    return undefined;
  });
  let baseUrl = pageUrl;
  if (baseHref) {
    try {
      baseUrl = new URL(baseHref, pageUrl).toString();
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  const reader = new PageReader();
  const links = found.map((el): LinkRecord => {
    const isFrame = el.name === 'frame' || el.name === 'iframe';
    const rawHref = (isFrame ? el.attribs['src'] : el.attribs['href']) ?? '';
    let href = rawHref.trim();
    if (href && !/^(javascript|mailto|tel|data|vbscript):/i.test(href) && !href.startsWith('#')) {
      try {
        href = new URL(href, baseUrl).toString();
      } catch {
        // keep the raw href: detectors may still want to see a broken link
      }
    }
    const parent = isElement(el.parent) ? el.parent : undefined;
    const classes = squash([el.attribs['class'], el.attribs['id'], parent?.attribs['class'], parent?.attribs['id']]
      .filter(Boolean).map((s) => s!.slice(0, RAW_TEXT)).join(' '));
    return {
      href,
      rawHref,
      text: isFrame ? '' : squash(textOf(el, { maxChars: RAW_TEXT, maxNodes: NODES_PER_LINK })),
      title: squash(el.attribs['title']),
      alt: isFrame ? '' : squash(imageAlts(el).join(' ')),
      position: reader.regionOf(el),
      dated: !isFrame && reader.inDatedItem(el),
      classes,
    };
  });
  const title = firstElement(doc, 'title');
  return {
    title: title ? squash(textOf(title, { maxChars: RAW_TEXT })) : '',
    lang: (htmlEl?.attribs['lang'] ?? '').trim().toLowerCase(),
    links,
    baseUrl,
  };
}
