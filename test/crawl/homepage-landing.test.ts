// Homepages that send the visitor on by a meta refresh or a script, crawled from the fixture web on
// loopback: the site is judged where a visitor lands, with and without the browser, and the hop
// is recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Crawler } from '../../src/crawl/crawler.js';
import { MemorySink } from '../../src/crawl/page-sink.js';
import type { CrawlOptions } from '../../src/crawl/crawl-options.js';
import { fixtureResolveArgs } from '../../src/pipeline/fixture-sites.js';
import { attachBrowser } from '../../src/pipeline/crawl-sites.js';
import { silentLogger } from '../../src/util/logger.js';
import { HOST, page } from '../helpers/hostile-web.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer({
    sites: ['meta-refresh', 'script-redirect'],
    extraHosts: { [HOST]: { '/portal/': page('门户首页', ['/zwgk/']), '/zwgk/': page('政务公开', ['/portal/']), '/b.html': page('b', []) } },
  }).start();
}, 30_000);
afterAll(() => server?.close());
beforeEach(() => {
  server.clearBehaviours();
  server.stats.reset();
});

async function crawl(url: string, opts: Partial<CrawlOptions> = {}) {
  const crawler = new Crawler({ resolve: fixtureResolveArgs(server), retryBaseMs: 20, browser: false, ...opts });
  if (opts.browser) await attachBrowser(crawler, silentLogger);
  const sink = new MemorySink();
  try {
    const summary = await crawler.crawlSite(url, sink);
    const home = sink.pages.find((p) => p.depth === 0)!;
    return { summary, sink, home, path: (host: string, path: string) => sink.pages.find((p) => p.url === server.url(host, path)) };
  } finally {
    await (crawler.renderer as { close?: () => Promise<void> } | undefined)?.close?.();
    await crawler.close();
  }
}

const stub = (head: string): string => `<!doctype html><html><head><meta charset="utf-8"><title>跳转</title>${head}</head><body><p>正在跳转</p></body></html>`;

describe('a homepage that sends the visitor on', () => {
  it('follows a meta refresh on the same host and judges the portal behind it', async () => {
    const seed = server.url('www.songling.gov.cn');
    const r = await crawl(seed);
    expect(r.summary.status).toBe('done');
    expect(r.summary.finalUrl).toBe(server.url('www.songling.gov.cn', '/portal/index.html'));
    expect(r.home).toMatchObject({ url: seed, status: 'ok', finalUrl: server.url('www.songling.gov.cn', '/portal/index.html') });
    expect(r.home.redirects).toEqual([{ url: seed, status: 200, via: 'meta-refresh' }]);
    expect(r.home.html).toContain('松岭县召开冬季森林防火工作会议');
    expect(r.home.links.some((l) => l.text === '县长信箱')).toBe(true);
    expect(r.path('www.songling.gov.cn', '/hdjl/xzxx/')?.status).toBe('ok');
  });

  it('follows a script to another host, passing over its phone branch; the new domain joins the site', async () => {
    const seed = server.url('www.liuhe.gov.cn');
    const r = await crawl(seed);
    expect(r.summary.status).toBe('done');
    expect(r.summary.finalUrl).toBe(server.url('www.lhs.gov.cn'));
    expect(r.home.redirects).toEqual([{ url: seed, status: 200, via: 'script' }]);
    expect(r.home.title).toBe('柳河市人民政府');
    expect(r.path('www.lhs.gov.cn', '/zwgk/')?.status).toBe('ok');
    expect(r.path('www.lhs.gov.cn', '/hdjl/xzxx/')?.status).toBe('ok');
    expect(server.stats.requestCount('www.lhs.gov.cn', '/m/')).toBe(0);
  });

  it('fails the site, naming the hop, when the page a visitor is sent to is missing: never judged on the stub', async () => {
    server.setBehaviour(HOST, '/', { kind: 'html', body: stub('<meta http-equiv="refresh" content="0;url=/gone/">') });
    const r = await crawl(server.url(HOST));
    expect(r.summary.status).toBe('failed');
    expect(r.summary.reason).toMatch(/^homepage: http-4xx \(HTTP 404, after <meta refresh> from .* to .*\/gone\/\)$/);
  });

  it('stops at a refresh loop, and at three client-side hops', async () => {
    server.setBehaviour(HOST, '/', { kind: 'html', body: stub('<meta http-equiv="refresh" content="0;url=/b.html">') });
    server.setBehaviour(HOST, '/b.html', { kind: 'html', body: stub('<meta http-equiv="refresh" content="0;url=/">') });
    const loop = await crawl(server.url(HOST));
    expect(loop.home.redirects.map((h) => h.via)).toEqual(['meta-refresh']);
    expect(server.stats.requestCount(HOST, '/')).toBe(1);
    server.clearBehaviours();
    for (let i = 0; i < 5; i++) server.setBehaviour(HOST, i === 0 ? '/' : `/s${i}.html`, { kind: 'html', body: stub(`<meta http-equiv="refresh" content="0;url=/s${i + 1}.html">`) });
    const chain = await crawl(server.url(HOST));
    expect(chain.home.redirects).toHaveLength(3);
    expect(chain.home.finalUrl).toBe(server.url(HOST, '/s3.html'));
  });

  it('with the browser: follows the same stubs, and a stub whose target only the browser can work out', async () => {
    const refresh = await crawl(server.url('www.songling.gov.cn'), { browser: true, renderSample: 0 });
    expect(refresh.summary.browser).toBe('used');
    expect(refresh.home.finalUrl).toBe(server.url('www.songling.gov.cn', '/portal/index.html'));
    // The phone render is of the page a visitor lands on.
    expect(refresh.home.renders?.find((x) => x.mode === 'mobile')).toMatchObject({ status: 'ok', finalUrl: server.url('www.songling.gov.cn', '/portal/index.html') });

    server.setBehaviour(HOST, '/', { kind: 'html', body: stub(`<script>var p = ['por', 'tal'].join(''); window.location.href = '/' + p + '/';</script>`) });
    const computed = await crawl(server.url(HOST), { browser: true, renderSample: 0, mobilePages: 0 });
    expect(computed.summary.status).toBe('done');
    expect(computed.home).toMatchObject({ status: 'ok', finalUrl: server.url(HOST, '/portal/'), title: '门户首页' });
    expect(computed.home.redirects).toEqual([{ url: server.url(HOST), status: 200, via: 'browser' }]);
    expect(computed.path(HOST, '/zwgk/')?.status).toBe('ok');
    // Without a browser nothing shows where it goes: the stub is what there is to judge.
    const blind = await crawl(server.url(HOST));
    expect(blind.home.redirects).toEqual([]);
  }, 90_000);
});
