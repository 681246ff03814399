// The per-site queue of URLs still to fetch, best first: priority, then depth, then the order
// links were found. Small (a site's budget is tens of pages), so a scan beats a heap's bookkeeping.

export interface FrontierItem {
  url: string;
  key: string;
  depth: number;
  priority: number;
  discoveredFrom?: string;
  /** Pages on a service platform: reached by one hop from the site. */
  platform: boolean;
  order: number;
}

export class Frontier {
  private items: FrontierItem[] = [];
  private counter = 0;

  constructor(private readonly maxSize = 5_000) {}

  get size(): number {
    return this.items.length;
  }

  /** Returns false when the frontier is full (the URL is dropped and counted by the caller). */
  push(item: Omit<FrontierItem, 'order'>): boolean {
    if (this.items.length >= this.maxSize) return false;
    this.items.push({ ...item, order: this.counter++ });
    return true;
  }

  pop(): FrontierItem | undefined {
    if (this.items.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.items.length; i++) {
      const a = this.items[i]!;
      const b = this.items[best]!;
      if (a.priority > b.priority || (a.priority === b.priority && (a.depth < b.depth || (a.depth === b.depth && a.order < b.order)))) best = i;
    }
    const [item] = this.items.splice(best, 1);
    return item;
  }

  drain(): FrontierItem[] {
    const all = this.items;
    this.items = [];
    return all.sort((a, b) => b.priority - a.priority || a.order - b.order);
  }
}
