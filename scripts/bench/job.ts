// What the bench parent hands each crawler child: the farm's sites and the shared budget. Written
// to a JSON file under output/bench/<stamp>/ and passed as the child's only argument.
import { readFileSync } from 'node:fs';
import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

export interface BenchSite {
  /** www.siteNNNN.gov.cn: the farm routes by Host header, so crawls must use this name. */
  host: string;
  /** The loopback address the site's server listens on (127.0.x.y). */
  address: string;
  port: number;
  /** 'http://host:port/' */
  seed: string;
}

export interface BenchJob {
  sites: BenchSite[];
  /** Pages fetched at once, over all sites (govbench concurrency, Crawlee maxConcurrency). */
  concurrency: number;
  /** govbench's per-host politeness limit (Crawlee has no equivalent). */
  perHost: number;
  /** Sites crawled at once by govbench (crawlSites siteConcurrency). */
  siteConcurrency: number;
  /** Generated article pages per site (--pages). */
  pagesPerSite: number;
  /** HTML pages each generated site really has (home, column lists, articles, about...). */
  htmlPagesPerSite: number;
  /** Per-site page budget given to govbench: htmlPagesPerSite plus slack. */
  maxPagesPerSite: number;
  /** Total page budget: sites x maxPagesPerSite, Crawlee's maxRequestsPerCrawl. */
  totalBudget: number;
  maxDepth: number;
  /** Crawlee's autoscaled pool may not go below this (1 = free to scale down, its default). */
  crawleeMinConcurrency: number;
  /** govbench fetches robots.txt once per site (Crawlee does not by default). */
  respectRobots: boolean;
  /** This run's folder under output/bench/. */
  outDir: string;
}

export function readJob(file: string | undefined): BenchJob {
  if (!file) throw new Error('usage: node <runner>.js <job.json>');
  const job = JSON.parse(readFileSync(file, 'utf8')) as BenchJob;
  if (!Array.isArray(job.sites) || job.sites.length === 0) throw new Error(`${file}: no sites`);
  for (const s of job.sites) {
    if (!isLoopbackV4(s.address)) throw new Error(`${file}: site ${s.host} is on ${s.address}, not on 127.0.0.0/8`);
  }
  return job;
}

/** True for dotted-quad IPv4 addresses in 127.0.0.0/8. */
export function isLoopbackV4(address: string): boolean {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup replacement that answers farm hostnames with their loopback address and refuses
 * everything else without asking any resolver, so a crawler can never leave 127.0.0.0/8.
 */
export function farmLookup(sites: readonly BenchSite[]): typeof systemLookup {
  const table = new Map(sites.map((s) => [s.host.toLowerCase(), s.address]));
  const lookup = (hostname: string, options: unknown, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    const host = hostname.toLowerCase();
    const address = isIP(host) && isLoopbackV4(host) ? host : table.get(host);
    process.nextTick(() => {
      if (address === undefined) {
        const err = Object.assign(new Error(`bench: ${hostname} is not a farm host (no DNS lookups outside the farm)`), { code: 'ENOTFOUND', hostname });
        cb(err, all ? [] : '', 0);
      } else if (all) cb(null, [{ address, family: 4 }]);
      else cb(null, address, 4);
    });
  };
  return lookup as unknown as typeof systemLookup;
}
