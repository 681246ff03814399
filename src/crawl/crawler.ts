// The shared machinery of one crawl run (politeness limiter, robots cache, link priorities)
// that every site crawl of the run uses, and the network of each site (openSite: its own trust,
// HTTP agent and fetcher). Sites are crawled by crawlSite().
import type { Agent } from 'undici';
import { createAgent, type HttpClientOptions } from './http-client.js';
import { HostLimiter } from './host-limiter.js';
import { RobotsCache, robotsFetcherFor, type RobotsInfo } from './robots.js';
import { Fetcher } from './fetcher.js';
import { ResolveMap } from './resolve-map.js';
import { OriginTrust } from './origin-trust.js';
import { LinkPrioritizer, loadCrawlVocabulary, type CrawlVocabulary } from './link-priority.js';
import { resolveCrawlOptions, type CrawlOptions } from './crawl-options.js';
import { crawlSite } from './site-crawler.js';
import type { PageSink } from './page-sink.js';
import type { SiteCrawlSummary } from './types.js';
import type { PageRenderer } from './page-renderer.js';
import { PageWorkPool } from './page-work-pool.js';
import type { PageLimits } from './page-limits.js';

/** The network of one site's crawl; closed when the site is done. */
export interface SiteNet {
  /** The origins this site may reach on a private address: its seed's, not another site's. */
  readonly trust: OriginTrust;
  readonly fetcher: Fetcher;
  robots(url: URL): Promise<RobotsInfo>;
  close(): Promise<void>;
}

/** The run's shared machinery, from which each site's crawl opens its own network. */
export interface RunContext {
  options: CrawlOptions;
  limiter: HostLimiter;
  prioritizer: LinkPrioritizer;
  resolve: ResolveMap;
  /** Where pages are parsed and their links extracted: worker threads, a deadline per page. */
  pageWork: PageWorkPool;
  /** The browser, when one runs; browserState says why not otherwise. */
  renderer?: PageRenderer;
  browserState: string;
  openSite(seed: URL): SiteNet;
}

/** What one site's crawl works with: the run's machinery, and the site's own network and trust. */
export interface CrawlContext extends Omit<RunContext, 'openSite'> {
  /** The site's fetcher: its agent and its trust are the site's own. */
  fetcher: Fetcher;
  /** robots.txt from the run's cache, fetched as this site may fetch it. */
  robots: { get(url: URL): Promise<RobotsInfo> };
  trust: OriginTrust;
}

/** The run's fields (whatever it holds: a spread, so a new shared field needs no change here) with the site's network on top. */
export function siteContext(run: RunContext, net: SiteNet): CrawlContext {
  return { ...run, fetcher: net.fetcher, robots: { get: (url: URL) => net.robots(url) }, trust: net.trust };
}

export class Crawler implements RunContext {
  readonly options: CrawlOptions;
  readonly robots: RobotsCache;
  readonly limiter: HostLimiter;
  readonly prioritizer: LinkPrioritizer;
  readonly resolve: ResolveMap;
  readonly pageWork: PageWorkPool;
  renderer?: PageRenderer;
  browserState = 'disabled';
  /** The run's client for what no site trusts: robots.txt of public origins. */
  private readonly publicAgent: Agent;
  private readonly publicFetcher: Fetcher;

  constructor(
    options: Partial<CrawlOptions> = {},
    vocabulary: CrawlVocabulary = loadCrawlVocabulary(),
    /** For tests: a DNS lookup to use, page limits other than the defaults. */
    private readonly deps: { dnsLookup?: HttpClientOptions['dnsLookup']; pageLimits?: Partial<PageLimits> } = {},
  ) {
    this.options = resolveCrawlOptions(options);
    this.resolve = new ResolveMap(this.options.resolve);
    this.limiter = new HostLimiter(this.options.perHost, this.options.delayMs, this.options.concurrency);
    const nobody = new OriginTrust({ allowPrivate: this.options.allowPrivate, resolve: this.resolve });
    this.publicAgent = this.agentFor(nobody);
    this.publicFetcher = new Fetcher(this.publicAgent, this.limiter, this.options, nobody);
    this.robots = new RobotsCache(robotsFetcherFor(this.publicFetcher), this.options.respectRobots);
    this.prioritizer = new LinkPrioritizer(vocabulary);
    this.pageWork = new PageWorkPool({ size: this.options.pageWorkers, timeoutMs: this.options.pageTimeoutMs, limits: deps.pageLimits });
  }

  private agentFor(trust: OriginTrust): Agent {
    return createAgent({ resolve: this.resolve, connectTimeoutMs: this.options.connectTimeoutMs, trust, dnsLookup: this.deps.dnsLookup });
  }

  /**
   * The network of one site: the seed's origin is trusted (it may be an intranet portal or a
   * fixture server on a private address), on its own port, for this site only.
   */
  openSite(seed: URL): SiteNet {
    const trust = OriginTrust.forSeed(seed, { allowPrivate: this.options.allowPrivate, resolve: this.resolve });
    const agent = this.agentFor(trust);
    const fetcher = new Fetcher(agent, this.limiter, this.options, trust);
    const own = { load: robotsFetcherFor(fetcher), key: `trusted by ${seed.toString()}` };
    return {
      trust,
      fetcher,
      // robots.txt of an origin only this site trusts is fetched and cached as this site's; an
      // untrusted origin's is the run's (a site that may not reach it cannot poison another's).
      robots: (url) => (trust.trustsUrl(url) && !trust.allowPrivate ? this.robots.get(url, own) : this.robots.get(url)),
      close: () => agent.destroy(),
    };
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
    await this.pageWork.close();
    await this.publicAgent.destroy();
  }
}

