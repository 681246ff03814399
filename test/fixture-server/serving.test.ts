import { request } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer, loopbackRequest, type LoopbackRequest } from '../../src/fixture-server/index.js';

const SITES = fileURLToPath(new URL('./sites/', import.meta.url));
let server: FixtureServer;
const get = (host: string, path = '/', extra: Partial<LoopbackRequest> = {}) =>
  loopbackRequest({ address: server.address, port: server.port, host, path, ...extra });

/** Sends a raw request line, for targets http.request would normalise or refuse. */
function raw(requestText: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // write, not end: a half-closed socket may be dropped before a slower response is ready.
    const socket = connect(server.port, server.address, () => socket.write(requestText));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  server = await new FixtureServer({ sitesDir: SITES, extraHosts: { 'www.mem.gov.cn': { '/': '<p>mem home</p>', '/col/': 'col', '/a.txt': 'text' } } }).start();
});
afterAll(() => server.close());

describe('FixtureServer static serving', () => {
  it('lists hosts, sites, urls and resolve args', () => {
    expect(server.hosts()).toEqual(['www.alpha.gov.cn', 'www.gbk.gov.cn', 'www.mem.gov.cn', 'xxgk.alpha.gov.cn']);
    expect(server.sites().map((s) => s.slug)).toEqual(['alpha', 'gbk']);
    expect(server.sites()[0]!.expect?.mustFetch).toEqual(['http://www.alpha.gov.cn/news/']);
    expect(server.siteHosts('alpha')).toEqual(['www.alpha.gov.cn', 'xxgk.alpha.gov.cn']);
    expect(server.url('www.alpha.gov.cn', '/news/')).toBe(`http://www.alpha.gov.cn:${server.port}/news/`);
    expect(server.url('www.alpha.gov.cn', 'x')).toBe(`http://www.alpha.gov.cn:${server.port}/x`);
    expect(() => server.url('www.nope.gov.cn')).toThrow(/www\.nope\.gov\.cn/);
    expect(server.resolveArgs()).toContain('xxgk.alpha.gov.cn=127.0.0.1');
    expect(server.resolveArgs()).toHaveLength(4);
  });

  it('routes by Host header, with or without port, case-insensitively', async () => {
    const www = await get('www.alpha.gov.cn');
    expect(www.status).toBe(200);
    expect(www.body.toString()).toContain('政府信息公开');
    const xxgk = await get('XXGK.alpha.gov.cn', '/', { rawHostHeader: true });
    expect(xxgk.body.toString()).toContain('<title>信息公开</title>');
  });

  it('answers 404 "unknown host" for hosts it does not serve', async () => {
    const res = await get('www.unknown.gov.cn');
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe('unknown host');
  });

  it('maps /x/ to x/index.html and redirects a folder without slash', async () => {
    expect((await get('www.alpha.gov.cn', '/news/')).body.toString()).toContain('<title>新闻</title>');
    const redirect = await get('www.alpha.gov.cn', '/news?page=2');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/news/?page=2');
    expect((await get('www.alpha.gov.cn', '/emptydir/')).status).toBe(404);
  });

  it('serves a 页面不存在 page for missing files', async () => {
    const res = await get('www.alpha.gov.cn', '/missing.html');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body.toString()).toContain('页面不存在');
    expect((await get('www.alpha.gov.cn', '/news/a.html/x')).status).toBe(404);
  });

  it('refuses traversal and NUL with 400', async () => {
    for (const path of ['/%2e%2e/site.json', '/news/%2E%2E/%2e%2e/site.json', '/a%00.html', '/..%5csite.json', '/%zz']) {
      expect((await get('www.alpha.gov.cn', path)).status, path).toBe(400);
    }
    const rawDotDot = await raw('GET /../site.json HTTP/1.1\r\nHost: www.alpha.gov.cn\r\nConnection: close\r\n\r\n');
    expect(rawDotDot).toMatch(/^HTTP\/1\.1 400/);
  });

  it('accepts absolute-form request targets', async () => {
    const res = await raw('GET http://www.alpha.gov.cn/news/a.html HTTP/1.1\r\nHost: www.alpha.gov.cn\r\nConnection: close\r\n\r\n');
    expect(res).toMatch(/^HTTP\/1\.1 200/);
    expect(res).toContain('正文');
  });

  it('sets Content-Type by extension, html without charset', async () => {
    const types: Record<string, string> = {
      '/': 'text/html',
      '/style.css': 'text/css',
      '/data.json': 'application/json',
      '/robots.txt': 'text/plain',
      '/doc.pdf': 'application/pdf',
    };
    for (const [path, type] of Object.entries(types)) {
      expect((await get('www.alpha.gov.cn', path)).headers['content-type'], path).toBe(type);
    }
  });

  it('applies site.json header globs, later rules winning', async () => {
    const special = await get('www.alpha.gov.cn', '/special/page.html');
    expect(special.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(special.headers['x-fixture']).toBe('special');
    expect((await get('www.alpha.gov.cn', '/special/override.html')).headers['x-fixture']).toBe('override');
    expect((await get('www.gbk.gov.cn', '/')).headers['content-type']).toBe('text/html; charset=gbk');
  });

  it('serves robots.txt from the host folder, else 404', async () => {
    const robots = await get('www.alpha.gov.cn', '/robots.txt');
    expect(robots.body.toString()).toContain(`Sitemap: http://www.alpha.gov.cn:${server.port}/sitemap.xml`);
    expect((await get('xxgk.alpha.gov.cn', '/robots.txt')).status).toBe(404);
  });

  it('serves in-memory extra hosts like folders', async () => {
    expect((await get('www.mem.gov.cn')).body.toString()).toBe('<p>mem home</p>');
    expect((await get('www.mem.gov.cn', '/col/')).headers['content-type']).toBe('text/html');
    expect((await get('www.mem.gov.cn', '/col')).headers.location).toBe('/col/');
    expect((await get('www.mem.gov.cn', '/a.txt')).headers['content-type']).toBe('text/plain');
    expect((await get('www.mem.gov.cn', '/nope')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await get('www.alpha.gov.cn', '/doc.pdf', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.bytes).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect((await get('www.alpha.gov.cn', '/', { method: 'POST' })).status).toBe(405);
  });

  it('survives a client that aborts mid-response', async () => {
    await new Promise<void>((resolve) => {
      const r = request({ host: server.address, port: server.port, path: '/', headers: { host: 'www.alpha.gov.cn' }, agent: false });
      r.on('response', (res) => {
        res.destroy();
        resolve();
      });
      r.on('error', () => resolve());
      r.end();
    });
    expect((await get('www.alpha.gov.cn')).status).toBe(200);
  });
});
