// The CPU work on one fetched page, as one pure function of its HTML: parse (within the page
// limits), links, title, language and, when a browser may render it, the "looks JS-built" verdict.
// The crawler runs it in a worker thread with a deadline (page-work-pool.ts), so no page can hold
// the main thread; tests and tools may call it directly.
import { parseHtml } from './html-parse.js';
import { extractPage, type ExtractedPage } from './page-links.js';
import { pageLimits, type PageLimits } from './page-limits.js';
import { judgeStaticHtml, type RenderHeuristic } from './render-decision.js';

export interface PageAnalysisRequest {
  html: string;
  url: string;
  /** Judge whether the static HTML looks JavaScript-built (only worth it when a browser may render). */
  heuristic?: boolean;
  limits?: Partial<PageLimits>;
}

export interface PageAnalysis extends ExtractedPage {
  heuristic?: RenderHeuristic;
  /** Nodes kept in the tree. */
  nodes: number;
  /** Set when the page hit a limit: "parse cut at 100000 nodes". */
  cut?: string;
}

export function analysePage(req: PageAnalysisRequest): PageAnalysis {
  const limits = pageLimits(req.limits);
  const parsed = parseHtml(req.html, limits);
  const page = extractPage(parsed.document, req.url, limits.maxLinks);
  return {
    ...page,
    heuristic: req.heuristic ? judgeStaticHtml(parsed.document, req.html, page.links.length) : undefined,
    nodes: parsed.nodes,
    cut: parsed.cut,
  };
}
