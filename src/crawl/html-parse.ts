// HTML into a tree, in linear time and bounded memory whatever the page, shaped as a browser
// shapes it so that the tree's queries stay linear too.
//
// Why the shaping matters: htmlparser2 leaves what follows `</html>` (and every node of a page
// with no `<html>` at all) at the document root. cheerio queries `$(selector)` from the root's
// children, and css-select first removes "subsets" from that list with an O(n²) scan
// (domutils.removeSubsets: lastIndexOf and includes per node). 16,000 trailing nodes made link
// extraction take 4 s, a 5 MB page never finished. Browsers put such content into <body>; so do we,
// and the root keeps only the doctype and one <html>.
import { DomHandler, Parser, parseDocument } from 'htmlparser2';
import type { AnyNode, ChildNode, Document, Element, ParentNode } from 'domhandler';
import { pageLimits, type PageLimits } from './page-limits.js';

export interface ParsedHtml {
  document: Document;
  /** Nodes kept. */
  nodes: number;
  /** Set when the page was cut at maxNodes: the rest of the markup was not parsed. */
  cut?: string;
}

const PARSER_OPTIONS = { xmlMode: false, decodeEntities: true } as const;
/** Markup is fed in slices so that a page past the node cap stops being tokenized soon after. */
const SLICE = 64 * 1024;

// The element sets htmlparser2's Parser keeps a foreign-content flag for (Parser.js).
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** The parts of htmlparser2's Parser (10.x) the depth cap works with; checked at load time below. */
interface ParserInternals {
  stack: string[];
  foreignContext: boolean[];
  cbs: { onclosetag?(name: string, isImplied: boolean): void };
  maxDepth: number;
  emitOpenTag(name: string): void;
  isVoidElement(name: string): boolean;
}

const baseEmitOpenTag = (Parser.prototype as unknown as ParserInternals).emitOpenTag;
if (typeof baseEmitOpenTag !== 'function') {
  throw new Error('govbench: this htmlparser2 has no Parser.emitOpenTag; the depth cap in src/crawl/html-parse.ts needs updating');
}

/**
 * A Parser whose open-element stack never exceeds maxDepth: before an element would open deeper,
 * the innermost open element is closed (as Chromium attaches such elements at its depth limit).
 */
class DepthCappedParser extends Parser {
  constructor(handler: DomHandler, readonly maxDepth: number) {
    super(handler, PARSER_OPTIONS);
    if (!Array.isArray((this as unknown as ParserInternals).stack)) {
      throw new Error('govbench: this htmlparser2 Parser has no open-element stack; the depth cap in src/crawl/html-parse.ts needs updating');
    }
  }
}
(DepthCappedParser.prototype as unknown as ParserInternals).emitOpenTag = function emitOpenTag(this: ParserInternals, name: string): void {
  if (this.stack.length >= this.maxDepth && !this.isVoidElement(name)) {
    const innermost = this.stack.shift()!;
    if (FOREIGN.has(innermost) || INTEGRATION.has(innermost)) this.foreignContext.shift();
    this.cbs.onclosetag?.(innermost, true);
  }
  baseEmitOpenTag.call(this, name);
};

/** A DomHandler that keeps the first maxNodes nodes and drops the rest. */
class CappedHandler extends DomHandler {
  nodes = 0;
  full = false;

  constructor(private readonly maxNodes: number) {
    super(undefined, PARSER_OPTIONS);
  }

  protected override addNode(node: ChildNode): void {
    if (this.nodes >= this.maxNodes) {
      this.full = true;
      return;
    }
    this.nodes++;
    super.addNode(node as never);
  }
}

/** Parses a page within its limits and gives it the shape a browser would. */
export function parseHtml(html: string, limits: Partial<PageLimits> = {}): ParsedHtml {
  const { maxNodes, maxDepth } = pageLimits(limits);
  const handler = new CappedHandler(maxNodes);
  const parser = new DepthCappedParser(handler, maxDepth);
  for (let at = 0; at < html.length && !handler.full; at += SLICE) parser.write(html.slice(at, at + SLICE));
  parser.end();
  const document = handler.root as unknown as Document;
  shapeLikeABrowser(document);
  return { document, nodes: handler.nodes, cut: handler.full ? `parse cut at ${maxNodes} nodes` : undefined };
}

const isElement = (n: AnyNode | undefined): n is Element => !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');
const isNamed = (n: AnyNode | undefined, name: string): n is Element => isElement(n) && n.name === name;
const isDirective = (n: AnyNode): boolean => n.type === 'directive';

/** Makes nodes the children of parent, in one pass (domutils' appendChild is O(n) per node). */
function setChildren(parent: ParentNode, nodes: ChildNode[]): void {
  parent.children = nodes;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    n.parent = parent;
    n.prev = nodes[i - 1] ?? null;
    n.next = nodes[i + 1] ?? null;
  }
}

/** A fresh, empty <html><body></body></html> made by the same parser, so its nodes are of the same kind. */
function emptyShell(): { html: Element; body: Element } {
  const html = parseDocument('<html><body></body></html>', PARSER_OPTIONS).children[0] as unknown as Element;
  return { html, body: html.children[0] as Element };
}

/**
 * The root keeps its doctype and one <html>. Content after `</html>`, and after `</body>` inside
 * <html>, goes to the end of <body>; anything before `<html>` to its start. A page without <html>
 * gets one, with a <body> around its content unless it brought its own <head>/<body>.
 */
export function shapeLikeABrowser(doc: Document): void {
  const kids = doc.children as ChildNode[];
  const at = kids.findIndex((n) => isNamed(n, 'html'));
  if (at < 0) {
    const directives = kids.filter(isDirective);
    const content = kids.filter((n) => !isDirective(n));
    if (content.length === 0) return;
    const shell = emptyShell();
    if (content.some((n) => isNamed(n, 'head') || isNamed(n, 'body'))) setChildren(shell.html, content);
    else {
      setChildren(shell.body, content);
      setChildren(shell.html, [shell.body]);
    }
    setChildren(doc, [...directives, shell.html]);
    return;
  }
  const html = kids[at] as Element;
  const before = kids.slice(0, at);
  const after = kids.slice(at + 1);
  const bodyAt = html.children.findIndex((n) => isNamed(n, 'body'));
  const afterBody = bodyAt < 0 ? [] : html.children.slice(bodyAt + 1);
  const leading = before.filter((n) => !isDirective(n));
  // The usual page: nothing outside <html>, nothing after </body> but whitespace.
  if (leading.length === 0 && after.length === 0 && afterBody.every((n) => n.type === 'text' && !/\S/.test((n as { data: string }).data))) return;
  if (bodyAt >= 0) {
    const body = html.children[bodyAt] as Element;
    setChildren(body, [...(body.children as ChildNode[]), ...afterBody, ...after]);
    setChildren(html, [...leading, ...(html.children.slice(0, bodyAt + 1) as ChildNode[])]);
  } else {
    setChildren(html, [...leading, ...(html.children as ChildNode[]), ...after]);
  }
  setChildren(doc, [...before.filter(isDirective), html]);
}
