import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer, loopbackRequest } from '../../src/fixture-server/index.js';

const SITES = fileURLToPath(new URL('./sites/', import.meta.url));
let server: FixtureServer;
const get = (host: string, path: string) =>
  loopbackRequest({ port: server.port, host, path, headers: { 'user-agent': 'govbench-test/1.0' } });

beforeAll(async () => {
  server = await new FixtureServer({ sitesDir: SITES, sites: ['alpha'] }).start();
  server.setBehaviour('*', '/wait*', { kind: 'delay', ms: 40 });
});
afterAll(() => server.close());

describe('ServerStats', () => {
  it('records each request with host, path, method, user agent, times and status', async () => {
    server.stats.reset();
    await get('www.alpha.gov.cn', '/news/?p=1');
    const [r] = server.stats.requests;
    expect(r).toMatchObject({ host: 'www.alpha.gov.cn', path: '/news/?p=1', method: 'GET', userAgent: 'govbench-test/1.0', status: 200 });
    expect(r!.end!).toBeGreaterThanOrEqual(r!.start);
  });

  it('counts requests by host and path, with or without the query', async () => {
    server.stats.reset();
    await get('www.alpha.gov.cn', '/a?x=1');
    await get('www.alpha.gov.cn', '/a?x=2');
    await get('xxgk.alpha.gov.cn', '/a');
    const s = server.stats;
    expect([s.requestCount(), s.requestCount('www.alpha.gov.cn'), s.requestCount('www.alpha.gov.cn', '/a')]).toEqual([3, 2, 2]);
    expect([s.requestCount(undefined, '/a'), s.requestCount('www.alpha.gov.cn', '/a?x=2')]).toEqual([3, 1]);
  });

  it('tracks in-flight and max in-flight per host', async () => {
    server.stats.reset();
    await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => get('www.alpha.gov.cn', `/wait${i}`)),
      ...Array.from({ length: 2 }, (_, i) => get('xxgk.alpha.gov.cn', `/wait${i}`)),
    ]);
    const s = server.stats;
    expect(s.maxInFlightByHost.get('www.alpha.gov.cn')).toBe(4);
    expect(s.maxInFlightByHost.get('xxgk.alpha.gov.cn')).toBe(2);
    expect(s.maxInFlight).toBe(6);
    expect(s.inFlightByHost.get('www.alpha.gov.cn')).toBe(0);
    expect(s.inFlight).toBe(0);
    // A client that respects a limit of one per host never overlaps.
    s.reset();
    for (let i = 0; i < 3; i++) await get('www.alpha.gov.cn', `/wait${i}`);
    expect(s.maxInFlightByHost.get('www.alpha.gov.cn')).toBe(1);
  });

  it('counts aborted and reset requests as finished', async () => {
    server.setBehaviour('www.alpha.gov.cn', '/boom', { kind: 'reset' });
    await get('www.alpha.gov.cn', '/boom').catch(() => undefined);
    await loopbackRequest({ port: server.port, host: 'www.alpha.gov.cn', path: '/wait-abort', timeoutMs: 10 }).catch(() => undefined);
    const end = Date.now() + 1000;
    while (server.stats.inFlight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    expect(server.stats.inFlight).toBe(0);
    expect(server.stats.requests.find((r) => r.path === '/boom')?.status).toBeUndefined();
  });
});
