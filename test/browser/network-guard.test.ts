// The browser stage reaches nothing private: a hostile page served from its trusted origin on
// loopback (via --resolve) tries every way out to a loopback "secret" service (WebSockets from
// the page and from a Worker, by IP, by ::1, by localhost, by the mapped form, by trailing-dot
// names; fetches, images, frames, preconnect and dns-prefetch; WebRTC STUN; the seed's own host
// on another port; a name that rebinds) and sends itself there by script, redirect and refresh.
// The secret service logs every TCP connection and datagram: it must see none, while the page's
// own content still renders. Then two sites in one run: the trust one has is not the other's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Renderer } from '../../src/browser/renderer.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { Crawler } from '../../src/crawl/crawler.js';
import { MemorySink } from '../../src/crawl/page-sink.js';
import { attachBrowser, closeRunCrawler } from '../../src/pipeline/crawl-sites.js';
import { silentLogger } from '../../src/util/logger.js';
import { startSecretServer, type SecretServer } from '../helpers/secret-server.js';

const HOST = 'www.guard.gov.cn';
const REBIND = 'rebind.example.com';
let secret: SecretServer;
let server: FixtureServer;

function hostilePage(S: number): string {
  const ws = ['127.0.0.1', '[::1]', 'localhost', '[::ffff:7f00:1]', 'localhost.', 'foo.localhost.', `${HOST}`].map((h) => `ws://${h}:${S}/`);
  const http = ['localhost.', 'foo.localhost.', '[::ffff:7f00:1]', '[::ffff:127.0.0.1]', '[::127.0.0.1]', '[64:ff9b::7f00:1]', '127.1', '0x7f.0.0.1', 'LOCALHOST.', HOST, REBIND]
    .map((h) => `http://${h}:${S}/from-page`);
  const attempts = JSON.stringify({ ws, http });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>守卫测试</title>
<link rel="preconnect" href="http://127.0.0.1:${S}"><link rel="preconnect" href="http://localhost.:${S}">
<link rel="dns-prefetch" href="http://localhost.:${S}"><link rel="dns-prefetch" href="//foo.localhost.:${S}">
<link rel="stylesheet" href="http://[::1]:${S}/style.css">
</head><body><div id="content"></div>
<img src="http://127.0.0.1:${S}/img.png"><iframe src="http://localhost.:${S}/frame"></iframe>
<script>
const attempts = ${attempts};
for (const u of attempts.ws) { try { new WebSocket(u); } catch (e) {} }
for (const u of attempts.http) fetch(u, { mode: 'no-cors' }).catch(() => {});
navigator.sendBeacon('http://127.0.0.1:${S}/beacon', 'x');
const w = new Worker('/worker.js');
w.postMessage(attempts);
try {
  const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${S}' }, { urls: 'turn:127.0.0.1:${S}?transport=tcp', username: 'u', credential: 'p' }] });
  pc.createDataChannel('x');
  pc.createOffer().then((o) => pc.setLocalDescription(o));
} catch (e) {}
document.getElementById('content').innerHTML = '<a href="/zwgk/">政务公开</a><p>页面内容由脚本生成</p>';
</script></body></html>`;
}

const WORKER = `onmessage = (e) => {
  for (const u of e.data.ws) { try { new WebSocket(u); } catch (err) {} }
  for (const u of e.data.http) fetch(u.replace('from-page', 'from-worker'), { mode: 'no-cors' }).catch(() => {});
};`;

const rebindLookups: string[] = [];
/** A resolver that answers a public address the first time and the secret's loopback address after. */
function rebindingLookup(host: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null, a: { address: string; family: number }[]) => void): void {
  if (host !== REBIND) return cb(Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  rebindLookups.push(host);
  cb(null, [rebindLookups.length === 1 ? { address: '2001:db8::7', family: 6 } : { address: '127.0.0.1', family: 4 }]);
}

beforeAll(async () => {
  secret = await startSecretServer({ pages: { '/': '<!doctype html><title>内网门户</title><p>内网</p><a href="/a.html">a</a>', '/a.html': '<!doctype html><title>a</title><p>a</p>' } });
  const S = secret.port;
  server = await new FixtureServer({
    sites: [],
    extraHosts: {
      [HOST]: {
        '/': hostilePage(S),
        '/worker.js': WORKER,
        '/zwgk/': '<!doctype html><title>政务公开</title><p>公开</p>',
        '/go-script.html': `<!doctype html><title>走</title><p>走</p><script>location.href = 'http://127.0.0.1:${S}/by-script';</script>`,
        '/go-refresh.html': `<!doctype html><title>走</title><meta http-equiv="refresh" content="0;url=http://[::1]:${S}/by-refresh"><p>走</p>`,
        '/go-other-port.html': `<!doctype html><title>走</title><p>走</p><script>setTimeout(() => { location.href = 'http://${HOST}:${S}/other-port'; }, 50);</script>`,
        '/go-redirect': '<!doctype html><title>replaced</title>',
      },
      'www.shiyan.gov.cn': {
        '/': `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>邻站</title></head><body>
<a href="/x.html">x</a><a href="http://intranet.shiyan.gov.cn:${S}/private.html">内网</a>
<img src="http://intranet.shiyan.gov.cn:${S}/pixel.png"><script>fetch('http://intranet.shiyan.gov.cn:${S}/api', { mode: 'no-cors' }).catch(() => {});
new WebSocket('ws://intranet.shiyan.gov.cn:${S}/ws');</script><p>邻站内容</p></body></html>`,
        '/x.html': '<!doctype html><title>x</title><p>x</p>',
      },
    },
  }).start();
  server.setBehaviour(HOST, '/go-redirect', { kind: 'redirect', to: `http://localhost.:${S}/by-redirect` });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await secret?.close();
});

function renderer(): Promise<Renderer> {
  return Renderer.create({ resolve: new ResolveMap(server.resolveArgs()), allowPrivate: false, userAgent: 'govbench-test', dnsLookup: rebindingLookup as never });
}

const nothingReachedTheSecret = (): void => {
  expect(secret.connections, JSON.stringify(secret.requests)).toEqual([]);
  expect(secret.requests).toEqual([]);
  expect(secret.datagrams).toBe(0);
};

describe('the browser stage reaches nothing private', () => {
  it('a page and its Worker reach no loopback service, by any name, while the page itself renders', async () => {
    const r = await renderer();
    try {
      const outs = [];
      for (const mode of ['desktop', 'mobile'] as const) outs.push(await r.render('guard', server.url(HOST, '/'), mode));
      // Stragglers (a Worker's sockets, a retried preconnect) would have arrived by now.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      nothingReachedTheSecret();
      for (const out of outs) {
        expect(out.status, out.error).toBe('ok');
        expect(out.html).toContain('页面内容由脚本生成');
        // Each attempt was refused by the proxy: the page's own 7 WebSockets, 11 fetches, beacon,
        // image, stylesheet and frame at least (the Worker's and the preconnects may come after
        // the render is counted).
        expect(out.blocked).toBeGreaterThanOrEqual(20);
      }
      // The rebinding name was resolved by the proxy only (Chromium resolves nothing): its first,
      // public answer is where that connection went, its loopback answers were refused.
      expect(rebindLookups.length).toBeGreaterThanOrEqual(1);
    } finally {
      await r.close();
    }
  }, 60_000);

  it('a page that sends itself to a private address ends as render-blocked', async () => {
    const r = await renderer();
    try {
      for (const [path, to] of [['/go-script.html', '127.0.0.1'], ['/go-redirect', 'localhost.'], ['/go-refresh.html', '::1'], ['/go-other-port.html', HOST]]) {
        const out = await r.render(`nav${path}`, server.url(HOST, path!), 'desktop');
        expect(out.status, `${path}: ${out.error}`).toBe('render-blocked');
        expect(out.error, path).toMatch(/navigation refused/);
        expect(out.finalUrl, path).toContain(`${to === '::1' ? '[::1]' : to}:${secret.port}`);
        expect(out.html).toBeUndefined();
        await r.closeSite(`nav${path}`);
      }
      // The page's own origin still renders in the same browser.
      expect((await r.render('nav-ok', server.url(HOST, '/zwgk/'), 'desktop')).status).toBe('ok');
      nothingReachedTheSecret();
    } finally {
      await r.close();
    }
  }, 60_000);

  it('two sites in one run: the trust given to one (an intranet portal) is not the other\'s', async () => {
    // Site A is an intranet portal on the secret service's port; site B, a neighbour on the
    // same registrable domain, links to it, embeds it, fetches it and opens a WebSocket to it.
    const crawler = new Crawler({
      resolve: [...server.resolveArgs(), 'intranet.shiyan.gov.cn=127.0.0.1'],
      browser: true, maxPages: 4, renderSample: 1, retryBaseMs: 20,
    });
    await attachBrowser(crawler, silentLogger);
    try {
      expect(crawler.browserState).toBe('used');
      const a = new MemorySink();
      const siteA = await crawler.crawlSite(`http://intranet.shiyan.gov.cn:${secret.port}/`, a);
      expect(siteA.status, siteA.reason).not.toBe('failed');
      expect(a.pages.find((p) => p.depth === 0)?.renders?.[0]?.status).toBe('ok');
      const seenByA = new Set(secret.requests);
      expect(seenByA.has('GET /')).toBe(true);
      const connectionsOfA = secret.connections.length;

      const b = new MemorySink();
      const siteB = await crawler.crawlSite(server.url('www.shiyan.gov.cn', '/'), b);
      // Nothing B did reached A's host: no connection, no page, no pixel, no API call, no socket.
      expect(secret.requests.filter((q) => !seenByA.has(q))).toEqual([]);
      expect(secret.connections.length).toBe(connectionsOfA);
      expect(siteB.status, siteB.reason).not.toBe('failed');
      const home = b.pages.find((p) => p.depth === 0)!;
      expect(home.renders?.map((x) => x.status)).toContain('ok');
      expect(home.renders?.some((x) => x.blocked >= 2)).toBe(true);
      const intranetLink = b.pages.find((p) => p.url.startsWith('http://intranet.shiyan.gov.cn'));
      expect(intranetLink?.status).toBe('out-of-scope');
      expect(intranetLink?.reason).toMatch(/private address 127\.0\.0\.1/);
    } finally {
      await closeRunCrawler(crawler);
    }
  }, 90_000);
});
