// Where a crawl sends what it finds. The store implements it; tests can collect in memory.
import type { PageSnapshot } from './types.js';

export interface PageSink {
  page(snapshot: PageSnapshot): void;
  /** The robots.txt of an origin the site used, once per origin. */
  robots?(info: { origin: string; fetchStatus: string; text?: string }): void;
}

export class MemorySink implements PageSink {
  readonly pages: PageSnapshot[] = [];
  readonly robotsFiles: { origin: string; fetchStatus: string; text?: string }[] = [];
  page(snapshot: PageSnapshot): void {
    this.pages.push(snapshot);
  }
  robots(info: { origin: string; fetchStatus: string; text?: string }): void {
    this.robotsFiles.push(info);
  }
}
