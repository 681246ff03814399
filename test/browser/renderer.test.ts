// The renderer in real Chromium: hostile pages end as statuses within their deadline, private
// sub-requests are refused, contexts are per site and the browser is recycled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Renderer } from '../../src/browser/renderer.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { findBrowser } from '../../src/browser/find-browser.js';

const HOST = 'www.render.gov.cn';
let server: FixtureServer;

beforeAll(async () => {
  server = await new FixtureServer({
    sites: [],
    extraHosts: {
      [HOST]: {
        '/': '<!doctype html><html><head><meta name="viewport" content="width=device-width"><title>首页</title></head><body><nav id="nav"></nav>' +
          '<script>document.getElementById("nav").innerHTML = \'<a href="/zwgk/">政务公开</a>\';</script></body></html>',
        '/zwgk/': '<!doctype html><title>政务公开</title><p>公开</p>',
        '/private.html': '<!doctype html><title>p</title><p>replaced per test</p>',
        '/slow.html': '<!doctype html><title>slow</title><p>slow</p>',
      },
    },
  }).start();
}, 30_000);
afterAll(() => server?.close());

function renderer(o: Partial<Parameters<typeof Renderer.create>[0]> = {}) {
  return Renderer.create({ resolve: new ResolveMap(server.resolveArgs()), allowPrivate: false, userAgent: 'govbench-test', ...o });
}

describe('Renderer', () => {
  it('finds a real Chromium (CI installs one; nothing here is skipped)', async () => {
    expect(await findBrowser()).toBeDefined();
  });

  it('renders a menu built by script', async () => {
    const r = await renderer();
    try {
      const out = await r.render('a', server.url(HOST, '/'), 'desktop');
      expect(out.status).toBe('ok');
      expect(out.html).toContain('href="/zwgk/"');
    } finally {
      await r.close();
    }
  });

  it('ends a page that never finishes loading as render-timeout within the deadline', async () => {
    server.setBehaviour(HOST, '/slow.html', { kind: 'slow', chunkBytes: 16, intervalMs: 200, totalBytes: 1e9 });
    const r = await renderer({ timeoutMs: 1_500 });
    try {
      const t0 = Date.now();
      const out = await r.render('b', server.url(HOST, '/slow.html'), 'mobile');
      expect(out.status).toBe('render-timeout');
      expect(Date.now() - t0).toBeLessThan(6_000);
      // The browser is still usable afterwards.
      expect((await r.render('b2', server.url(HOST, '/zwgk/'), 'desktop')).status).toBe('ok');
    } finally {
      server.clearBehaviours();
      await r.close();
    }
  });

  it('turns a crashed page into render-crash and goes on', async () => {
    const r = await renderer();
    try {
      const out = await r.render('c', 'chrome://crash', 'desktop');
      expect(out.status, out.error).toBe('render-crash');
      expect((await r.render('c2', server.url(HOST, '/zwgk/'), 'desktop')).status).toBe('ok');
    } finally {
      await r.close();
    }
  });

  it('refuses sub-requests to private addresses that were not trusted', async () => {
    // The image points at this very server by IP literal: allowed only with allowPrivate.
    const url = server.url(HOST, '/private.html');
    const body = `<!doctype html><title>p</title><img src="http://127.0.0.1:${server.port}/secret.png"><p>图片</p>`;
    server.setBehaviour(HOST, '/private.html', { kind: 'html', body });
    server.stats.reset();
    const strict = await renderer();
    try {
      const out = await strict.render('d', url, 'desktop');
      expect(out.status).toBe('ok');
      expect(out.blocked).toBeGreaterThanOrEqual(1);
      expect(server.stats.requests.some((q) => q.path.includes('secret'))).toBe(false);
    } finally {
      await strict.close();
    }
    const lax = await renderer({ allowPrivate: true });
    try {
      await lax.render('e', url, 'desktop');
      expect(server.stats.requests.some((q) => q.path.includes('secret'))).toBe(true);
    } finally {
      server.clearBehaviours();
      await lax.close();
    }
  });

  it('recycles the browser after the configured number of pages', async () => {
    const r = await renderer({ recycleAfter: 2 });
    try {
      for (let i = 0; i < 5; i++) {
        expect((await r.render(`site${i}`, server.url(HOST, '/zwgk/'), 'desktop')).status).toBe('ok');
        await r.closeSite(`site${i}`);
      }
      expect(r.stats.recycled).toBeGreaterThanOrEqual(2);
      expect(r.stats.launched).toBeGreaterThanOrEqual(3);
    } finally {
      await r.close();
    }
  });
});
