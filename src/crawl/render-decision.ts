// Does a page need a browser? Decided from its static HTML alone, cheaply, so the crawler stays an
// HTTP crawler and renders only where the static view is likely to be missing what matters: few
// links, an empty navigation container, an empty app root, or a page that is mostly script.
import type { CheerioAPI } from 'cheerio';
import { createHash } from 'node:crypto';

export interface RenderHeuristic {
  suspect: boolean;
  /** The signs seen, e.g. "empty nav #nav", "3 links". */
  signs: string[];
}

const NAV_CONTAINERS = 'nav, #nav, #menu, .nav, .menu, .navbar, .mainnav, .main-nav, [role=navigation], #daohang, .daohang';
const APP_ROOTS = '#app, #root, #__next, #__nuxt, [ng-app], [data-reactroot], app-root';
const FEW_LINKS = 8;

export function judgeStaticHtml($: CheerioAPI, html: string, linkCount: number): RenderHeuristic {
  const signs: string[] = [];
  if (linkCount < FEW_LINKS) signs.push(`${linkCount} links`);
  $(NAV_CONTAINERS).each((_, el) => {
    const $el = $(el);
    if ($el.find('a[href]').length === 0 && $el.find('img').length === 0) {
      const id = (el as { attribs?: Record<string, string> }).attribs?.['id'];
      signs.push(`empty nav ${id ? '#' + id : (el as { name?: string }).name ?? ''}`.trim());
      return false;
    }
    return undefined;
  });
  $(APP_ROOTS).each((_, el) => {
    if ($(el).children().length === 0 && $(el).text().trim() === '') {
      signs.push('empty app root');
      return false;
    }
    return undefined;
  });
  let scriptBytes = 0;
  $('script').each((_, el) => { scriptBytes += $(el).text().length; });
  const textChars = $('body').text().replace(/\s+/g, '').length;
  if (html.length > 0 && scriptBytes / html.length > 0.5 && textChars < 500) signs.push('mostly script');
  return { suspect: signs.length > 0, signs };
}

/** A stable per-URL draw in [0, 1): the same pages are sampled on every run, so runs compare. */
export function sampleDraw(url: string): number {
  return createHash('sha1').update(url).digest().readUInt32BE(0) / 0x1_0000_0000;
}
