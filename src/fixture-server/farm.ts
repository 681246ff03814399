import { show } from './behaviour.js';
import { FixtureServer } from './fixture-server.js';
import { farmHost, generateSite } from './generate-farm.js';

export interface StartFarmOptions {
  /**
   * First three octets (with the trailing dot) of the first address; sites count upward from
   * `<base>1`, skipping .0 and .255 and carrying into the next octet.
   * @default '127.0.1.'
   */
  addressBase?: string;
  /** Added to every response of every site. @default 0 */
  latencyMs?: number;
  /** Article pages per site. @default 30 */
  pagesPerSite?: number;
  /** Content seed, as for generateFarm. @default 1 */
  seed?: number;
}

export interface FarmSite {
  host: string;
  address: string;
  port: number;
  /** Where a crawl of this site starts: 'http://host:port/'. */
  seed: string;
}

export interface Farm {
  servers: FixtureServer[];
  sites: FarmSite[];
  /** Closes every server, even with connections hanging. */
  close(): Promise<void>;
}

const MAX_PORT_ATTEMPTS = 8;

/** The `i`-th (0-based) farm address after `base`, e.g. 0 -> 127.0.1.1, 254 -> 127.0.2.1. */
export function farmAddress(base: string, i: number): string {
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.$/.exec(base);
  if (m === null || Number(m[1]) > 255 || Number(m[2]) > 255) {
    throw new RangeError(`addressBase must look like '127.B.C.' with B, C in 0-255, got ${show(base)}`);
  }
  const third = Number(m[2]) + Math.floor(i / 254);
  const second = Number(m[1]) + Math.floor(third / 256);
  if (second > 255) throw new RangeError(`farm of ${i + 1} sites runs past 127.255.255.254 from ${base}`);
  return `127.${second}.${third % 256}.${1 + (i % 254)}`;
}

/**
 * One FixtureServer per generated site, each on its own loopback address but all on one port
 * number, so every site looks like a separate server at `http://www.siteNNNN.gov.cn:PORT/`
 * (the crawler maps each host to its address with --resolve). 127.0.0.0/8 beyond 127.0.0.1 is
 * bindable without setup on Linux; macOS needs aliases on lo0.
 */
export async function startFarm(count: number, opts: StartFarmOptions = {}): Promise<Farm> {
  for (const key of Object.keys(opts)) {
    if (!['addressBase', 'latencyMs', 'pagesPerSite', 'seed'].includes(key)) {
      throw new TypeError(`startFarm: unknown option ${show(key)}`);
    }
  }
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`startFarm: count must be an integer >= 1, got ${show(count)}`);
  const base = opts.addressBase ?? '127.0.1.';
  const addresses = Array.from({ length: count }, (_, i) => farmAddress(base, i));
  const gen = { pagesPerSite: opts.pagesPerSite ?? 30, seed: opts.seed ?? 1 };
  // Generate once, outside the retry loop: it is the slow part for big farms.
  const hosts = addresses.map((_, i) => farmHost(i + 1));
  const pages = hosts.map((_, i) => generateSite(i + 1, gen));
  const make = (i: number, port: number): FixtureServer =>
    new FixtureServer({
      address: addresses[i]!,
      port,
      latencyMs: opts.latencyMs ?? 0,
      sites: [],
      extraHosts: { [hosts[i]!]: pages[i]! },
    });

  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_PORT_ATTEMPTS; attempt++) {
    const first = await make(0, 0).start();
    const port = first.port;
    const rest = Array.from({ length: count - 1 }, (_, k) => make(k + 1, port));
    const results = await Promise.allSettled(rest.map((s) => s.start()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const servers = [first, ...rest];
    if (failed === undefined) {
      return {
        servers,
        sites: servers.map((s, i) => ({ host: hosts[i]!, address: s.address, port, seed: s.url(hosts[i]!) })),
        close: async () => {
          await Promise.all(servers.map((s) => s.close()));
        },
      };
    }
    lastError = failed.reason;
    await Promise.all(servers.map((s) => s.close()));
    // Only a port clash is worth another try; anything else (EADDRNOTAVAIL...) will repeat.
    if ((failed.reason as NodeJS.ErrnoException)?.code !== 'EADDRINUSE') break;
  }
  throw lastError instanceof Error ? lastError : new Error(`startFarm failed: ${String(lastError)}`);
}
