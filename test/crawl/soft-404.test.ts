// Sites that answer 200 for pages that do not exist, probed once per site on loopback: the error
// pages count as dead, their links for nothing, and a homepage that is one fails the site.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Crawler } from '../../src/crawl/crawler.js';
import { MemorySink } from '../../src/crawl/page-sink.js';
import { ErrorPageMatcher, PROBE_REASON } from '../../src/crawl/soft-404.js';
import { fixtureResolveArgs } from '../../src/pipeline/fixture-sites.js';
import { repoPath } from '../../src/util/repo-path.js';
import { HOST, page } from '../helpers/hostile-web.js';

const SOFT = 'www.shuangxi.gov.cn';
// A homepage with a headline that says 404 (an issue number), among a page's worth of text.
const home = page('首页', ['/a.html', '/gone.html']).replace('</body>', `<p>${'本县召开冬季农业生产工作会议，部署重点任务。'.repeat(20)}</p><p>《政务简报》第404期</p></body>`);
const errorPage = readFileSync(repoPath('fixtures', 'sites', 'soft-404', SOFT, '404.html'));
let server: FixtureServer;
beforeAll(async () => {
  server = await new FixtureServer({
    sites: ['soft-404'],
    extraHosts: { [HOST]: { '/': home, '/a.html': page('文章', ['/']) } },
  }).start();
}, 30_000);
afterAll(() => server?.close());
beforeEach(() => {
  server.clearBehaviours();
  server.stats.reset();
});

async function crawl(host: string) {
  const crawler = new Crawler({ resolve: fixtureResolveArgs(server), retryBaseMs: 20, browser: false });
  const sink = new MemorySink();
  try {
    const summary = await crawler.crawlSite(server.url(host), sink);
    const probes = server.stats.requests.filter((q) => q.host === host && q.path.startsWith('/govbench-'));
    return { summary, sink, probes, at: (path: string) => sink.pages.find((p) => p.url === server.url(host, path)) };
  } finally {
    await crawler.close();
  }
}

describe('ErrorPageMatcher', () => {
  it('finds the words of an error page, and 404 only as a number of its own', () => {
    const m = new ErrorPageMatcher();
    expect(m.find('抱歉，您访问的页面不存在')).toBe('您访问的页面不存在');
    expect(m.find('Error: Page Not Found')?.toLowerCase()).toBe('page not found');
    expect(m.find('404 - 双溪县')).toBe('404');
    expect(m.find('国办发〔2026〕4040号 col404')).toBeUndefined();
    expect(m.find('政务公开')).toBeUndefined();
  });
});

describe('a site that answers 200 for pages that do not exist', () => {
  it('is probed once; its error pages are dead, their links count for nothing, the rest is crawled', async () => {
    const r = await crawl(SOFT);
    expect(r.summary.status).toBe('done');
    expect(r.probes).toHaveLength(1);
    const probe = r.sink.pages.find((p) => p.reason?.startsWith(PROBE_REASON));
    expect(probe).toMatchObject({ status: 'soft-404', httpStatus: 200 });
    expect(probe!.reason).toMatch(/您访问的页面不存在|页面不存在/);
    for (const path of ['/hdjl/', '/hdjl/xzxx/', '/hdjl/yjzj/']) {
      expect(r.at(path), path).toMatchObject({ status: 'soft-404', httpStatus: 200, links: [] });
    }
    expect(r.at('/hdjl/xzxx/')!.reason).toMatch(/answers 200 for pages that do not exist/);
    expect(r.summary.byStatus['soft-404']).toBe(3);
    expect(r.summary.pagesFailed).toBe(3);
    for (const path of ['/', '/zwgk/', '/zwgk/zfxxgkzn/', '/bsfw/', '/xwdt/']) expect(r.at(path)?.status, path).toBe('ok');
    // robots.txt is the same error page: no rules read from it, nothing disallowed.
    expect(r.sink.robotsFiles[0]?.fetchStatus).toMatch(/html/);
    expect(r.sink.pages.some((p) => p.status === 'robots-disallowed')).toBe(false);
  });

  it('fails the site, with the reason, when its homepage is that error page', async () => {
    server.setBehaviour(SOFT, '/', { kind: 'html', body: errorPage });
    const r = await crawl(SOFT);
    expect(r.summary.status).toBe('failed');
    expect(r.summary.reason).toMatch(/^homepage: soft-404 \(.*does not exist/);
  });

  it('leaves a site that answers 404 alone, and one that serves its homepage for any path (a catch-all)', async () => {
    const proper = await crawl(HOST);
    expect(proper.probes).toHaveLength(1);
    expect(proper.sink.pages.some((p) => p.status === 'soft-404')).toBe(false);
    expect(proper.at('/gone.html')?.status).toBe('http-4xx');
    // The homepage says 第404期; served for every unknown path it is a catch-all, not an error page.
    server.setBehaviour(HOST, '/govbench-*', { kind: 'html', body: home });
    server.setBehaviour(HOST, '/gone.html', { kind: 'html', body: home });
    const catchAll = await crawl(HOST);
    expect(catchAll.summary.status).toBe('done');
    expect(catchAll.sink.pages.some((p) => p.status === 'soft-404')).toBe(false);
  });
});
