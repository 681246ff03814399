// Turns decoded HTML into the plain data the rest of govbench needs: links with their text,
// title, image alt and page region, the title and the language (page-links.ts), and into a
// cheerio document for the detectors' CSS selectors. Both parse within the page limits and shape
// the tree as a browser does (html-parse.ts), so every query on it stays linear.
import * as cheerio from 'cheerio';
import { parseHtml } from './html-parse.js';
import type { PageLimits } from './page-limits.js';

export { extractPage, type ExtractedPage } from './page-links.js';

/** Parses a page within the page limits, shaped as a browser would, for cheerio queries. */
export function loadHtml(html: string, limits: Partial<PageLimits> = {}): cheerio.CheerioAPI {
  // htmlparser2 is several times faster than parse5 and forgiving enough for portal markup.
  return cheerio.load(parseHtml(html, limits).document as never, { xml: { xmlMode: false, decodeEntities: true } });
}
