// The shared machinery of one crawl run (HTTP agent, politeness limiter, robots cache, link
// priorities) that every site crawl of the run uses. Sites are crawled by crawlSite().
import type { Agent } from 'undici';
import { createAgent, type HttpClientOptions } from './http-client.js';
import { HostLimiter } from './host-limiter.js';
import { RobotsCache, robotsFetcherFor } from './robots.js';
import { Fetcher } from './fetcher.js';
import { ResolveMap } from './resolve-map.js';
import { LinkPrioritizer, loadCrawlVocabulary, type CrawlVocabulary } from './link-priority.js';
import { resolveCrawlOptions, type CrawlOptions } from './crawl-options.js';
import { crawlSite } from './site-crawler.js';
import type { PageSink } from './page-sink.js';
import type { SiteCrawlSummary } from './types.js';
import type { PageRenderer } from './page-renderer.js';

export interface CrawlContext {
  options: CrawlOptions;
  fetcher: Fetcher;
  robots: RobotsCache;
  limiter: HostLimiter;
  prioritizer: LinkPrioritizer;
  resolve: ResolveMap;
  /** The browser, when one runs; browserState says why not otherwise. */
  renderer?: PageRenderer;
  browserState: string;
  trustSeedHost(host: string): void;
}

export class Crawler implements CrawlContext {
  readonly options: CrawlOptions;
  readonly fetcher: Fetcher;
  readonly robots: RobotsCache;
  readonly limiter: HostLimiter;
  readonly prioritizer: LinkPrioritizer;
  readonly resolve: ResolveMap;
  renderer?: PageRenderer;
  browserState = 'disabled';
  private readonly agent: Agent;
  /** Seed hosts: shared with the browser's route guard. */
  readonly trusted = new Set<string>();

  constructor(
    options: Partial<CrawlOptions> = {},
    vocabulary: CrawlVocabulary = loadCrawlVocabulary(),
    deps: { dnsLookup?: HttpClientOptions['dnsLookup'] } = {},
  ) {
    this.options = resolveCrawlOptions(options);
    this.resolve = new ResolveMap(this.options.resolve);
    this.agent = createAgent({
      resolve: this.resolve,
      allowPrivate: this.options.allowPrivate,
      connectTimeoutMs: this.options.connectTimeoutMs,
      trustedHosts: this.trusted,
      dnsLookup: deps.dnsLookup,
    });
    this.limiter = new HostLimiter(this.options.perHost, this.options.delayMs, this.options.concurrency);
    this.fetcher = new Fetcher(this.agent, this.limiter, this.options, this.resolve, this.trusted);
    this.robots = new RobotsCache(robotsFetcherFor(this.fetcher), this.options.respectRobots);
    this.prioritizer = new LinkPrioritizer(vocabulary);
  }

  /** The seed's own host may be on a private address (an intranet portal, a fixture server). */
  trustSeedHost(host: string): void {
    this.trusted.add(host.toLowerCase());
  }

  /** Attaches a browser (or records why there is none); the crawl renders only with one. */
  useRenderer(renderer: PageRenderer | undefined, state: string): void {
    this.renderer = renderer;
    this.browserState = renderer ? 'used' : state;
  }

  crawlSite(seedUrl: string, sink: PageSink, signal?: AbortSignal): Promise<SiteCrawlSummary> {
    return crawlSite(this, seedUrl, sink, signal);
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}
