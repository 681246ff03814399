// Does a page need a browser? Decided from its static HTML alone, cheaply, so the crawler stays an
// HTTP crawler and renders only where the static view is likely to be missing what matters: few
// links, an empty navigation container, an empty app root, or a page that is mostly script.
import { createHash } from 'node:crypto';
import type { Document, Element } from 'domhandler';
import { firstElement, isElement, textOf, walk } from './dom-walk.js';

export interface RenderHeuristic {
  suspect: boolean;
  /** The signs seen, e.g. "empty nav #nav", "3 links". */
  signs: string[];
}

// The containers and app roots looked for, as the CSS selectors they stand for; matched by hand in
// the one walk over the page below (a selector query per container was quadratic on some pages).
// NAV_CONTAINERS = 'nav, #nav, #menu, .nav, .menu, .navbar, .mainnav, .main-nav, [role=navigation], #daohang, .daohang'
const NAV_IDS = new Set(['nav', 'menu', 'daohang']);
const NAV_CLASSES = new Set(['nav', 'menu', 'navbar', 'mainnav', 'main-nav', 'daohang']);
// APP_ROOTS = '#app, #root, #__next, #__nuxt, [ng-app], [data-reactroot], app-root'
const APP_IDS = new Set(['app', 'root', '__next', '__nuxt']);
const FEW_LINKS = 8;

const hasClass = (el: Element, names: ReadonlySet<string>): boolean =>
  (el.attribs['class'] ?? '').split(/[ \t\n\f\r]+/).some((c) => names.has(c));
const isNavContainer = (el: Element): boolean =>
  el.name === 'nav' || NAV_IDS.has(el.attribs['id'] ?? '') || hasClass(el, NAV_CLASSES) || el.attribs['role'] === 'navigation';
const isAppRoot = (el: Element): boolean =>
  APP_IDS.has(el.attribs['id'] ?? '') || el.attribs['ng-app'] !== undefined || el.attribs['data-reactroot'] !== undefined || el.name === 'app-root';

/** Judged in one walk over the page (linear): the containers, the scripts, the body's text. */
export function judgeStaticHtml(doc: Document, html: string, linkCount: number): RenderHeuristic {
  const signs: string[] = [];
  if (linkCount < FEW_LINKS) signs.push(`${linkCount} links`);
  const navs: Element[] = [];
  const appRoots: Element[] = [];
  const scripts: Element[] = [];
  // Elements holding a link or an image somewhere inside: each ancestor is marked once.
  const furnished = new Set<Element>();
  walk(doc, (n) => {
    if (!isElement(n)) return undefined;
    if (n.name === 'script') scripts.push(n);
    if (isNavContainer(n)) navs.push(n);
    if (isAppRoot(n)) appRoots.push(n);
    if (n.name === 'img' || (n.name === 'a' && n.attribs['href'] !== undefined)) {
      for (let p = n.parent; isElement(p) && !furnished.has(p); p = p.parent) furnished.add(p);
    }
    return undefined;
  });
  const emptyNav = navs.find((el) => !furnished.has(el));
  if (emptyNav) {
    const id = emptyNav.attribs['id'];
    signs.push(`empty nav ${id ? '#' + id : emptyNav.name}`.trim());
  }
  if (appRoots.some((el) => !el.children.some(isElement) && textOf(el).trim() === '')) signs.push('empty app root');
  let scriptBytes = 0;
  for (const el of scripts) scriptBytes += textOf(el).length;
  const body = firstElement(doc, 'body');
  const textChars = body ? textOf(body).replace(/\s+/g, '').length : 0;
  if (html.length > 0 && scriptBytes / html.length > 0.5 && textChars < 500) signs.push('mostly script');
  return { suspect: signs.length > 0, signs };
}

/** A stable per-URL draw in [0, 1): the same pages are sampled on every run, so runs compare. */
export function sampleDraw(url: string): number {
  return createHash('sha1').update(url).digest().readUInt32BE(0) / 0x1_0000_0000;
}
