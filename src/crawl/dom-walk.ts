// Walks over a parsed page without recursion and without cheerio's selector engine, so that
// every pass is linear in the page and no nesting depth can overflow the stack. A text read is
// bounded (characters and nodes) wherever it may run once per element, because elements nest:
// reading each nested element's whole text would be quadratic.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';

export const isElement = (n: AnyNode | null | undefined): n is Element =>
  !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

const hasKids = (n: AnyNode): n is ParentNode => Array.isArray((n as ParentNode).children) && (n as ParentNode).children.length > 0;

/**
 * Calls visit for every node under root (not root itself) in document order. visit may return
 * 'skip' to leave out the node's descendants, or 'stop' to end the walk.
 */
export function walk(root: ParentNode, visit: (node: AnyNode) => void | 'skip' | 'stop'): void {
  let node: AnyNode | null = root.children[0] ?? null;
  while (node) {
    const said = visit(node);
    if (said === 'stop') return;
    if (said !== 'skip' && hasKids(node)) {
      node = node.children[0]!;
      continue;
    }
    while (node && node !== root && !node.next) node = node.parent;
    node = node && node !== root ? node.next : null;
  }
}

export interface TextBounds {
  /** Stop once this many characters are gathered. */
  maxChars?: number;
  /** Stop after visiting this many nodes. */
  maxNodes?: number;
  /** Element names whose content is not text a reader sees (script, style…). */
  skip?: ReadonlySet<string>;
}

/** The text under node (cheerio's .text(): every text node, comments left out), within bounds. */
export function textOf(node: ParentNode, bounds: TextBounds = {}): string {
  const maxChars = bounds.maxChars ?? Infinity;
  const maxNodes = bounds.maxNodes ?? Infinity;
  const parts: string[] = [];
  let chars = 0;
  let visited = 0;
  walk(node, (n) => {
    if (++visited > maxNodes) return 'stop';
    if (n.type === 'text') {
      const data = (n as { data: string }).data;
      parts.push(data);
      chars += data.length;
      if (chars >= maxChars) return 'stop';
    } else if (n.type === 'comment') return 'skip';
    else if (bounds.skip && isElement(n) && bounds.skip.has(n.name)) return 'skip';
    return undefined;
  });
  const text = parts.join('');
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

/** The first element named name, in document order. */
export function firstElement(root: ParentNode, name: string): Element | undefined {
  let found: Element | undefined;
  walk(root, (n) => {
    if (isElement(n) && n.name === name) {
      found = n;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

/** Elements of a matched set that no other member contains, so their texts do not overlap: O(n × depth). */
export function outermost<T extends AnyNode>(nodes: readonly T[]): T[] {
  const members = new Set<AnyNode>(nodes);
  return nodes.filter((n) => {
    for (let p = n.parent; p; p = p.parent) if (members.has(p)) return false;
    return true;
  });
}

/** The page's root as a Document, from a cheerio API or a document. */
export function documentOf(source: CheerioAPI | Document): Document {
  if (typeof source !== 'function') return source;
  return source.root()[0] as unknown as Document;
}
