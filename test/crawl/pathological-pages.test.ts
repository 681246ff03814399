// No page can stall a run (issue 8, §2): pages built to make an HTML library quadratic — many
// nodes after </html>, a fragment with no <html>, thousands of children under <body>, nested
// links — cost time in proportion to their size, for the crawler's page work and for the judge's
// queries alike; a 5 MB page finishes; the page-work pool ends a page at its deadline.
import { describe, expect, it } from 'vitest';
import { analysePage } from '../../src/crawl/page-analysis.js';
import { parseHtml } from '../../src/crawl/html-parse.js';
import { extractPage, loadHtml } from '../../src/crawl/link-extract.js';
import { MAX_PAGE_DEPTH, MAX_PAGE_NODES } from '../../src/crawl/page-limits.js';
import { PageWorkError, PageWorkPool } from '../../src/crawl/page-work-pool.js';
import { makePageInput } from '../../src/checklist/page-input.js';
import { selectorPresent } from '../../src/detectors/selector-present.js';
import { textMatch } from '../../src/detectors/text-match.js';

const URL_ = 'http://www.stall.gov.cn/';

/** n sibling nodes: links, images and dated spans, as a list page has them. */
function nodes(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(i % 4 === 0 ? `<a href="/p/${i}.html">第${i}条</a>` : i % 4 === 2 ? `<img alt="图${i}" src="/i${i}.png">` : `<span>2026-01-0${(i % 9) + 1}</span>`);
  }
  return out.join('');
}

const SHAPES: Record<string, (n: number) => string> = {
  'nodes after </html>': (n) => `<!doctype html><html lang="zh-CN"><head><title>首页</title></head><body><div class="nav"><a href="/">首页</a></div></body></html>${nodes(n)}`,
  'a fragment without <html>': (n) => nodes(n),
  'nodes under <body>': (n) => `<!doctype html><html><body>${nodes(n)}</body></html>`,
  'nested links': (n) => `<html><body>${'<a href="/x">链接<div class="nav">'.repeat(n / 2)}</body></html>`,
};

/** What the crawler and the judge do with a page: parse, links, JS verdict, text, selectors, a query. */
function pageWork(html: string): void {
  const a = analysePage({ html, url: URL_, heuristic: true });
  const input = makePageInput({ url: URL_, finalUrl: URL_, html, links: a.links }, true);
  input.text();
  selectorPresent.run(input, { selector: 'img[alt*=二维码], [class~=ewm] img', labels: { zh: ['二维码'] } });
  textMatch.run(input, { patterns: { zh: ['申请条件'] }, scope: 'div' });
  input.dom()('a[href]').length;
}

/** CPU milliseconds of fn, the best of a few tries (CPU time, not wall time: the machine may be busy). */
function cpuMs(fn: () => void, tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const start = process.cpuUsage();
    fn();
    const d = process.cpuUsage(start);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe('pathological pages cost time in proportion to their size', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: 2k, 8k, 32k nodes`, () => {
      pageWork(make(2_000)); // warm the JIT
      const small = Math.max(cpuMs(() => pageWork(make(2_000))), 5);
      const mid = cpuMs(() => pageWork(make(8_000)));
      // Quadratic work shows already here (×16 for ×4 the nodes); stop before the big page would take minutes.
      expect(mid / small, `8k nodes took ${mid.toFixed(0)} ms, 2k took ${small.toFixed(0)} ms`).toBeLessThan(12);
      const big = cpuMs(() => pageWork(make(32_000)), 2);
      // Linear is ×16 for ×16 the nodes, quadratic ×256; the slack covers GC and a busy machine.
      expect(big / small, `32k nodes took ${big.toFixed(0)} ms, 2k took ${small.toFixed(0)} ms`).toBeLessThan(48);
    }, 120_000);
  }

  it('a 5 MB page of each shape finishes, cut at the node cap, and the judge reads it too', () => {
    for (const [shape, make] of Object.entries(SHAPES)) {
      let html = make(1_000);
      const unit = html.length / 1_000;
      html = make(Math.ceil((5 * 1024 * 1024) / unit / 2) * 2);
      expect(html.length).toBeGreaterThan(5_000_000);
      const ms = cpuMs(() => pageWork(html), 1);
      const a = analysePage({ html, url: URL_ });
      expect(a.nodes, shape).toBeLessThanOrEqual(MAX_PAGE_NODES);
      expect(a.cut, shape).toBe(`parse cut at ${MAX_PAGE_NODES} nodes`);
      expect(a.links.length, shape).toBeGreaterThan(0);
      // Generous: a few hundred ms on an idle machine.
      expect(ms, shape).toBeLessThan(20_000);
    }
  }, 180_000);

  it('5 MB of unclosed tags: nesting stops at the depth cap, in linear time', () => {
    const html = `<html><body>${'<b>'.repeat(5 * 1024 * 1024 / 3)}x`;
    const ms = cpuMs(() => pageWork(html), 1);
    expect(ms).toBeLessThan(20_000);
    const { document } = parseHtml(`<html><body>${'<div>'.repeat(5_000)}<a href="/deep">深</a>`);
    let depth = 0;
    let node = document.children.find((n) => n.type === 'tag') as { children: unknown[] } | undefined;
    while (node) {
      depth++;
      node = node.children.find((n) => (n as { type: string }).type === 'tag') as { children: unknown[] } | undefined;
    }
    expect(depth).toBeLessThanOrEqual(MAX_PAGE_DEPTH);
    expect(extractPage(document, URL_).links.map((l) => l.rawHref)).toEqual(['/deep']);
  }, 60_000);
});

describe('the tree has the shape a browser gives it', () => {
  it('puts what follows </html> and </body> into <body>, and wraps a fragment in <html><body>', () => {
    const $ = loadHtml('<!doctype html><html lang="zh"><head><title>T</title></head><body><p>in</p></body><p>after body</p></html><p>after html</p><!-- c -->');
    expect(($.root()[0] as unknown as { children: { name?: string; type: string }[] }).children.map((n) => n.name ?? n.type)).toEqual(['!doctype', 'html']);
    expect($('body > p').toArray().map((p) => $(p).text())).toEqual(['in', 'after body', 'after html']);
    const frag = loadHtml('<title>片段</title><a href="/a">A</a>');
    expect(frag('html > body > a').attr('href')).toBe('/a');
    expect(extractPage(frag, URL_).title).toBe('片段');
    const own = loadHtml('<head><title>h</title></head><body><a href="/b">B</a></body>');
    expect(own('html > head > title').text()).toBe('h');
    expect(own('html > body > a').attr('href')).toBe('/b');
  });

  it('reads links after </html> as links of the page (a browser shows them)', () => {
    const page = extractPage(loadHtml('<html><body><a href="/in">in</a></body></html><div class="footer"><a href="/out">网站地图</a></div>'), URL_);
    expect(page.links.map((l) => [l.rawHref, l.position])).toEqual([['/in', 'body'], ['/out', 'footer']]);
  });
});

describe('the page-work pool', () => {
  it('analyses pages in reused workers, ends a page at its deadline, and goes on with a fresh worker', async () => {
    // Caps lifted, so that htmlparser2's own quadratic case (deep nesting) runs for minutes.
    const pool = new PageWorkPool({ size: 1, timeoutMs: 500, limits: { maxDepth: 10_000_000, maxNodes: 10_000_000 } });
    try {
      const ok = await pool.analyse({ html: '<a href="/a">A</a>', url: URL_ });
      expect(ok.links.map((l) => l.href)).toEqual(['http://www.stall.gov.cn/a']);
      const started = Date.now();
      const err = await pool.analyse({ html: '<b>'.repeat(1_000_000), url: URL_ }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PageWorkError);
      expect((err as PageWorkError).kind).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(10_000);
      const after = await pool.analyse({ html: '<a href="/b">B</a>', url: URL_ });
      expect(after.links).toHaveLength(1);
      expect(pool.workers).toBe(1);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('stops a page at once when its signal fires (the site time limit, Ctrl-C, SIGTERM)', async () => {
    const pool = new PageWorkPool({ size: 1, timeoutMs: 60_000, limits: { maxDepth: 10_000_000, maxNodes: 10_000_000 } });
    try {
      await pool.analyse({ html: '<p>warm</p>', url: URL_ });
      const ctl = new AbortController();
      const started = Date.now();
      setTimeout(() => ctl.abort(new Error('stopped by SIGTERM')), 200);
      const err = await pool.analyse({ html: '<b>'.repeat(1_000_000), url: URL_ }, ctl.signal).catch((e: unknown) => e);
      expect((err as PageWorkError).kind).toBe('aborted');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await pool.close();
    }
  }, 30_000);
});
