import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/crawl/host-limiter.js';
import { crawlFixtureWeb, type FixtureCrawl } from '../helpers/fixture-crawl.js';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { tempDir } from '../helpers/temp-dir.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** For a failure message: the first set of requests to one host that overlapped beyond the limit. */
function overlapping(server: FixtureServer, limit: number): string {
  for (const host of server.stats.maxInFlightByHost.keys()) {
    const reqs = server.stats.requests.filter((r) => r.host === host);
    for (const r of reqs) {
      const over = reqs.filter((o) => o.start <= r.start && (o.end ?? Infinity) > r.start);
      if (over.length > limit) return `${host}: ${JSON.stringify(over.map((o) => [o.path, o.status, o.start, o.end]))}`;
    }
  }
  return 'no overlap beyond the limit';
}

describe('HostLimiter', () => {
  it('never runs more than perHost tasks of one host, nor more than the global limit', async () => {
    const limiter = new HostLimiter(2, 0, 5);
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    let global = 0;
    let globalPeak = 0;
    const task = (host: string) => limiter.run(host, async () => {
      active.set(host, (active.get(host) ?? 0) + 1);
      global++;
      peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
      globalPeak = Math.max(globalPeak, global);
      await sleep(10);
      active.set(host, active.get(host)! - 1);
      global--;
    });
    await Promise.all([...Array(10)].flatMap(() => [task('a'), task('b'), task('c')]));
    expect(Math.max(...peak.values())).toBe(2);
    expect(globalPeak).toBe(5);
  });

  it('keeps a minimum gap between request starts to one host', async () => {
    const limiter = new HostLimiter(2, 0, 10);
    limiter.setGap('slow.gov.cn', 50);
    const starts: number[] = [];
    await Promise.all([...Array(4)].map(() => limiter.run('slow.gov.cn', async () => { starts.push(Date.now()); })));
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(45);
  });

  it('lets other hosts through while one host has a long backlog', async () => {
    const limiter = new HostLimiter(1, 0, 2);
    const slow = [...Array(5)].map(() => limiter.run('slow', () => sleep(100)));
    const t0 = Date.now();
    await limiter.run('fast', async () => undefined);
    expect(Date.now() - t0).toBeLessThan(100);
    await Promise.all(slow);
  });
});

describe('per-host politeness on the fixture web', () => {
  let web: FixtureCrawl;
  beforeAll(async () => {
    web = await crawlFixtureWeb(tempDir(), { perHost: 2, concurrency: 8 }, undefined);
  }, 60_000);
  afterAll(() => web?.close());

  it('no host saw more than two requests at once, counted at the server', () => {
    const peaks = [...web.server.stats.maxInFlightByHost.values()];
    expect(peaks.length).toBeGreaterThan(5);
    expect(Math.max(...peaks), overlapping(web.server, 2)).toBeLessThanOrEqual(2);
  });

  it('sends the identifying user agent', () => {
    expect(web.server.stats.requests.every((r) => /govbench\/[\d.]+ \(\+https?:\/\//.test(r.userAgent))).toBe(true);
  });
});

describe('per-host limit under latency', () => {
  it('reaches the limit and never exceeds it', async () => {
    const server = await new FixtureServer({ sites: ['model-ministry'], latencyMs: 150 }).start();
    try {
      const { Crawler } = await import('../../src/crawl/crawler.js');
      const { MemorySink } = await import('../../src/crawl/page-sink.js');
      const crawler = new Crawler({ resolve: server.resolveArgs(), perHost: 3, concurrency: 16 });
      await crawler.crawlSite(server.url('www.shifan.gov.cn'), new MemorySink());
      await crawler.close();
      // Never above the limit; and concurrency really happened, so the bound was tested (on a loaded
      // machine the third slot may not overlap, hence at least 2).
      const peak = server.stats.maxInFlightByHost.get('www.shifan.gov.cn') ?? 0;
      expect(peak, overlapping(server, 3)).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThanOrEqual(2);
    } finally {
      await server.close();
    }
  });
});
