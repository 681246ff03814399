// What one page may cost to parse and query. A page is data from a stranger: however it is built,
// its work must stay linear and bounded, or one page stalls a whole run (issue 8, §2). Each cap
// names the case it stops; a page that hits one is still used up to the cap, and the cut is
// recorded in the page's `reason`.

export interface PageLimits {
  /** Nodes (elements, text, comments) kept in the tree; the parse stops there. */
  maxNodes: number;
  /** Element nesting depth; deeper elements become siblings at this depth. */
  maxDepth: number;
  /** Links recorded per page, in document order. */
  maxLinks: number;
}

/**
 * 100,000 nodes is some 2–4 MB of ordinary portal markup (a large portal homepage has 5,000–20,000)
 * but only 400 KB of `<p>x</p>`: the 5 MB byte cap alone lets a page bring 1.3 million nodes, about
 * 300 MB of heap, and the judge keeps a site's parsed pages side by side.
 */
export const MAX_PAGE_NODES = 100_000;

/**
 * Chromium's own limit (kMaximumHTMLParserDOMTreeDepth = 512) and the same remedy: deeper
 * elements are attached at this depth. Without it 100,000 unclosed `<b>` take htmlparser2 4 s
 * (its open-element stack grows by Array.unshift, quadratic) and 4,000 nested elements already
 * overflow the call stack of the recursive DOM helpers (text(), clone()).
 */
export const MAX_PAGE_DEPTH = 512;

/** Far more than any navigation needs; bounds the crawl frontier and the stored links per page. */
export const MAX_PAGE_LINKS = 2_000;

export const DEFAULT_PAGE_LIMITS: PageLimits = { maxNodes: MAX_PAGE_NODES, maxDepth: MAX_PAGE_DEPTH, maxLinks: MAX_PAGE_LINKS };

export function pageLimits(partial: Partial<PageLimits> = {}): PageLimits {
  return { ...DEFAULT_PAGE_LIMITS, ...partial };
}
