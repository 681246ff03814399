import { request, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer, loopbackRequest, type LoopbackRequest } from '../../src/fixture-server/index.js';

const SITES = fileURLToPath(new URL('./sites/', import.meta.url));
const HOST = 'www.alpha.gov.cn';
let server: FixtureServer;
const get = (path: string, extra: Partial<LoopbackRequest> = {}) =>
  loopbackRequest({ port: server.port, host: HOST, path, ...extra });

/** Starts a request and hands back the response head as soon as it arrives, body unread. */
function open(srv: FixtureServer, path: string): Promise<{ res?: IncomingMessage; error?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const r = request({ host: srv.address, port: srv.port, path, headers: { host: HOST }, agent: false });
    r.on('response', (res) => {
      res.pause();
      res.on('error', () => {});
      resolve({ res });
    });
    r.on('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    r.end();
  });
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  server = await new FixtureServer({ sitesDir: SITES, sites: ['alpha'] }).start();
});
afterEach(() => server.clearBehaviours());
afterAll(() => server.close());

describe('behaviours', () => {
  it('status: site.json route gives 503 with Retry-After; runtime 429/403 with body', async () => {
    const busy = await get('/busy/now');
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('120');
    server.setBehaviour(HOST, '/limited', { kind: 'status', status: 429, headers: { 'Retry-After': '2' } });
    server.setBehaviour('*.alpha.gov.cn', '/forbidden*', { kind: 'status', status: 403, body: 'no' });
    expect((await get('/limited')).status).toBe(429);
    const forbidden = await get('/forbidden.html');
    expect([forbidden.status, forbidden.body.toString()]).toEqual([403, 'no']);
    server.setBehaviour(HOST, '/empty', { kind: 'status', status: 204 });
    const empty = await get('/empty');
    expect([empty.status, empty.bytes, empty.headers['content-length']]).toEqual([204, 0, undefined]);
  });

  it('runtime behaviours override site.json routes until cleared, and ignore the query', async () => {
    server.setBehaviour(HOST, '/busy', { kind: 'html', body: 'fine' });
    expect((await get('/busy?x=1')).body.toString()).toBe('fine');
    server.setBehaviour(HOST, '/busy', { kind: 'status', status: 418 });
    expect((await get('/busy')).status).toBe(418);
    server.clearBehaviours();
    expect((await get('/busy')).status).toBe(503);
  });

  it('delay: waits, then answers normally', async () => {
    const t0 = Date.now();
    const res = await get('/api/slow');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    expect(res.status).toBe(404);
    server.setBehaviour(HOST, '/news/', { kind: 'delay', ms: 40 });
    const t1 = Date.now();
    expect((await get('/news/')).body.toString()).toContain('新闻');
    expect(Date.now() - t1).toBeGreaterThanOrEqual(35);
  });

  it('reset: the client sees ECONNRESET', async () => {
    server.setBehaviour(HOST, '/reset', { kind: 'reset' });
    await expect(get('/reset')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.stats.requestCount(HOST, '/reset')).toBe(1);
  });

  it('reset-times: resets the first N requests per path, then serves', async () => {
    server.setBehaviour(HOST, '/news/*', { kind: 'reset-times', times: 2 });
    await expect(get('/news/a.html')).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(get('/news/a.html?again')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await get('/news/a.html')).status).toBe(200);
    expect((await get('/news/a.html')).status).toBe(200);
    await expect(get('/news/index.html')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('slow: trickles exactly totalBytes of html', async () => {
    server.setBehaviour(HOST, '/slow', { kind: 'slow', chunkBytes: 100, intervalMs: 20, totalBytes: 450 });
    const t0 = Date.now();
    const res = await get('/slow');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
    expect([res.status, res.bytes, res.headers['content-type']]).toEqual([200, 450, 'text/html']);
    expect(res.body.toString('latin1').startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('giant: streams exactly `bytes` bytes', async () => {
    server.setBehaviour(HOST, '/giant', { kind: 'giant', bytes: 12_345_679 });
    const res = await get('/giant', { discardBody: true });
    expect(res.headers['content-length']).toBe('12345679');
    expect([res.bytes, res.truncated]).toEqual([12_345_679, false]);
    server.setBehaviour(HOST, '/tiny', { kind: 'giant', bytes: 10 });
    expect((await get('/tiny')).body.toString()).toBe('<!DOCTYPE ');
  });

  it('endless: keeps sending until the client goes away', async () => {
    server.setBehaviour(HOST, '/endless', { kind: 'endless' });
    const res = await get('/endless', { maxBytes: 3_000_000 });
    expect([res.status, res.truncated, res.bytes]).toEqual([200, true, 3_000_000]);
    expect(res.headers['content-length']).toBeUndefined();
    await until(() => server.stats.inFlight === 0);
  });

  it('redirect: adds the port to fixture-host targets; status defaults to 302', async () => {
    server.setBehaviour(HOST, '/old', { kind: 'redirect', to: 'http://www.alpha.gov.cn/news/' });
    server.setBehaviour(HOST, '/moved', { kind: 'redirect', to: '/news/', status: 301 });
    const old = await get('/old');
    expect([old.status, old.headers.location]).toEqual([302, `http://www.alpha.gov.cn:${server.port}/news/`]);
    const moved = await get('/moved');
    expect([moved.status, moved.headers.location]).toEqual([301, '/news/']);
  });

  it('redirect-loop: never ends', async () => {
    server.setBehaviour(HOST, '/a', { kind: 'redirect-loop' });
    let path = '/a';
    const seen = new Set<string>();
    for (let i = 1; i <= 40; i++) {
      const res = await get(path);
      expect(res.status).toBe(302);
      path = res.headers.location!;
      expect(path).toBe(`/a?n=${i}`);
      expect(seen.has(path)).toBe(false);
      seen.add(path);
    }
  });

  it('calendar: every page links to new dates, forever', async () => {
    server.setBehaviour(HOST, '/calendar/*', { kind: 'calendar' });
    const first = (await get('/calendar/index.html')).body.toString();
    expect(first).toContain('?date=2024-01-02');
    expect(first).toContain('?date=2024-02-01');
    expect(first).toContain('?date=2023-12-31');
    const seen = new Set<string>();
    let path = '/calendar/index.html?date=2024-01-30';
    for (let i = 0; i < 60; i++) {
      const html = (await get(path)).body.toString();
      const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&#38;/g, '&'));
      expect(links).toHaveLength(3);
      const nextMonth = links[2]!;
      expect(seen.has(nextMonth)).toBe(false);
      seen.add(nextMonth);
      path = nextMonth;
    }
    expect(path).toMatch(/date=2029-/);
    expect((await get('/calendar/?date=2024-01-31')).body.toString()).toContain('?date=2024-02-29');
    expect((await get('/calendar/?date=garbage')).body.toString()).toContain('2024-01-01');
  });

  it('html: literal body with ports added, custom type and status', async () => {
    server.setBehaviour(HOST, '/lit', { kind: 'html', body: '<a href="http://www.alpha.gov.cn/x">x</a>' });
    server.setBehaviour(HOST, '/bin', { kind: 'html', body: Buffer.from([0, 1, 2]), contentType: 'application/octet-stream', status: 202 });
    expect((await get('/lit')).body.toString()).toBe(`<a href="http://www.alpha.gov.cn:${server.port}/x">x</a>`);
    const bin = await get('/bin');
    expect([bin.status, bin.headers['content-type'], [...bin.body]]).toEqual([202, 'application/octet-stream', [0, 1, 2]]);
  });

  it('rejects malformed behaviours at once, naming the problem', () => {
    expect(() => server.setBehaviour(HOST, '/x', { kind: 'delay', msec: 5 } as never)).toThrow(/msec/);
    expect(() => server.setBehaviour(HOST, '/x', { kind: 'teleport' } as never)).toThrow(/teleport/);
    expect(() => server.setBehaviour(HOST, '/x', { kind: 'giant', bytes: -1 })).toThrow(/-1/);
    expect(() => server.setBehaviour(HOST, '/x', { kind: 'redirect', to: '/y', status: 200 })).toThrow(/200/);
    expect(() => server.setBehaviour('', '/x', { kind: 'hang' })).toThrow(/glob/);
  });
});

describe('close() with stuck connections', () => {
  it('returns promptly with hang, endless, giant and slow responses open', async () => {
    const srv = await new FixtureServer({ sitesDir: SITES, sites: ['alpha'] }).start();
    srv.setBehaviour(HOST, '/hang', { kind: 'hang' });
    srv.setBehaviour(HOST, '/endless', { kind: 'endless' });
    srv.setBehaviour(HOST, '/giant', { kind: 'giant', bytes: 50_000_000 });
    srv.setBehaviour(HOST, '/slow', { kind: 'slow', chunkBytes: 1, intervalMs: 1000, totalBytes: 100 });
    srv.setBehaviour(HOST, '/delay', { kind: 'delay', ms: 60_000 });
    const hang = open(srv, '/hang');
    const delay = open(srv, '/delay');
    const opened = await Promise.all(['/endless', '/giant', '/slow'].map((p) => open(srv, p)));
    expect(opened.map((o) => o.res?.statusCode)).toEqual([200, 200, 200]);
    await until(() => srv.stats.inFlight === 5);
    expect(srv.stats.maxInFlightByHost.get(HOST)).toBe(5);
    const t0 = Date.now();
    await srv.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await hang).error?.code).toBe('ECONNRESET');
    expect((await delay).error).toBeDefined();
    await until(() => srv.stats.inFlight === 0);
  });
});

describe('latencyMs', () => {
  it('adds latency to every response', async () => {
    const srv = await new FixtureServer({ sitesDir: SITES, sites: ['alpha'], latencyMs: 50 }).start();
    try {
      const t0 = Date.now();
      expect((await loopbackRequest({ port: srv.port, host: HOST })).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    } finally {
      await srv.close();
    }
  });
});
