// A small in-memory portal for crawl tests, served by the fixture server beside the real
// fixture sites, with behaviours (resets, loops, traps) set per test.
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Crawler } from '../../src/crawl/crawler.js';
import { MemorySink } from '../../src/crawl/page-sink.js';
import type { CrawlOptions } from '../../src/crawl/crawl-options.js';

export const HOST = 'www.hostile.gov.cn';

export function page(title: string, links: string[]): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="nav">${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}</div>
<div class="main"><p>${title}</p></div></body></html>`;
}

export async function startHostileWeb(pages: Record<string, string>, latencyMs = 0): Promise<FixtureServer> {
  return new FixtureServer({ sites: [], extraHosts: { [HOST]: pages }, latencyMs }).start();
}

export async function crawlOnce(server: FixtureServer, path = '/', opts: Partial<CrawlOptions> = {}, deps?: ConstructorParameters<typeof Crawler>[2]) {
  const crawler = new Crawler({ resolve: server.resolveArgs(), retryBaseMs: 20, ...opts }, undefined, deps);
  const sink = new MemorySink();
  const started = Date.now();
  try {
    const summary = await crawler.crawlSite(server.url(HOST, path), sink);
    return { summary, sink, ms: Date.now() - started, byUrl: (suffix: string) => sink.pages.find((p) => p.url.endsWith(suffix)) };
  } finally {
    await crawler.close();
  }
}
