// No page can stall a run (issue 8, §2), end to end: a site serving pages built to make HTML
// parsing quadratic is crawled within its --site-time, each page's status recorded; page work
// that outlasts its deadline or the site's time limit is stopped there and recorded as
// `parse-timeout`, and the crawl goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FixtureServer } from '../../src/fixture-server/index.js';
import { HOST, crawlOnce, page, startHostileWeb } from '../helpers/hostile-web.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** About size bytes of list items after </html> (or, with no shell, as a bare fragment). */
function flood(size: number, shell = true): string {
  const item = (i: number): string => `<li><a href="/p/${i}.html">第${i}条</a><span>2026-01-02</span></li>`;
  const head = shell ? page('首页', ['/a.html']) : '';
  const parts: string[] = [head];
  let length = head.length;
  for (let i = 0; length < size; i++) {
    const s = item(i);
    parts.push(s);
    length += s.length;
  }
  return parts.join('');
}

const LIFTED = { maxDepth: 100_000_000, maxNodes: 100_000_000 };
/** A million unclosed tags: with the page limits lifted, htmlparser2 alone needs minutes (its open-element stack is quadratic). */
const DEEP = `<html><body>${'<b>'.repeat(1_000_000)}`;

let server: FixtureServer;
const dir = tempDir();

beforeAll(async () => {
  server = await startHostileWeb({
    '/': page('首页', ['/trailing.html', '/fragment.html', '/deep.html', '/a.html']),
    '/trailing.html': flood(4_900_000),
    '/fragment.html': flood(4_900_000, false),
    '/deep.html': DEEP,
    '/a.html': page('文章', ['/']),
    '/only-deep/': DEEP,
    '/deep-site/': page('首页', ['/deep.html', '/b.html']),
    '/b.html': page('文章', []),
  });
}, 60_000);
afterAll(() => server?.close());

describe('a site serving pathological pages', () => {
  it('is crawled within its time limit, every page recorded', async () => {
    // Two 5 MB pages take ~1 s of page work on an idle machine; before, this crawl never ended.
    const r = await crawlOnce(server, '/', { siteTimeMs: 20_000, maxPages: 10 });
    expect(r.ms).toBeLessThan(20_000 + 5_000);
    expect(r.summary.reason ?? '').not.toMatch(/time-limit/);
    for (const path of ['/trailing.html', '/fragment.html']) {
      const p = r.byUrl(path);
      expect(p, path).toMatchObject({ status: 'ok', reason: 'parse cut at 100000 nodes' });
      expect(p!.links.length, path).toBeGreaterThan(100);
    }
    expect(r.byUrl('/deep.html')?.status).toBe('ok');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
  }, 60_000);

  it('stops page work at the site time limit: the page is parse-timeout, the crawl ends on time', async () => {
    const r = await crawlOnce(server, '/only-deep/', { siteTimeMs: 1_500 }, { pageLimits: LIFTED });
    expect(r.ms).toBeLessThan(1_500 + 4_000);
    const home = r.byUrl('/only-deep/');
    expect(home?.status).toBe('parse-timeout');
    expect(home?.reason).toMatch(/stopped at the site's time limit \(1500 ms\)/);
    expect(r.summary).toMatchObject({ status: 'failed', pagesFailed: 1 });
    expect(r.summary.reason).toMatch(/^homepage: parse-timeout/);
  }, 60_000);

  it('stops a page at its own deadline and goes on with the others', async () => {
    const r = await crawlOnce(server, '/deep-site/', { pageTimeoutMs: 3_000, maxPages: 10 }, { pageLimits: LIFTED });
    expect(r.byUrl('/deep.html')).toMatchObject({ status: 'parse-timeout', reason: 'page work took longer than 3000 ms' });
    expect(r.byUrl('/b.html')?.status).toBe('ok');
    expect(r.summary.status).not.toBe('failed');
    expect(r.summary.byStatus['parse-timeout']).toBe(1);
  }, 60_000);

  it('govbench crawl --site-time 5 ends on time and stores every page with its status', async () => {
    const db = join(dir, 'stall.sqlite');
    const r = await runCli(['--db', db, '--log-level', 'silent', '--no-browser', '--site-time', '5', '--max-pages', '10',
      ...server.resolveArgs().flatMap((a) => ['--resolve', a]), 'crawl', server.url(HOST, '/')]);
    expect(r.code, r.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare(`SELECT url, status, reason FROM pages`).all() as { url: string; status: string; reason: string | null }[];
    const crawl = d.prepare(`SELECT started_at, ended_at FROM site_crawls`).get() as { started_at: string; ended_at: string };
    d.close();
    // The crawl's own clock (the CLI's start and the storing of 13 MB of pages come on top): 5 s and a margin.
    expect(Date.parse(crawl.ended_at) - Date.parse(crawl.started_at)).toBeLessThan(5_000 + 5_000);
    // Each page is recorded: parsed up to the node cap or, on a machine too busy to finish in 5 s, stopped there.
    for (const path of ['/trailing.html', '/fragment.html']) {
      const row = rows.find((x) => x.url.endsWith(path));
      expect([
        { status: 'ok', reason: 'parse cut at 100000 nodes' },
        { status: 'parse-timeout', reason: "page work stopped at the site's time limit (5000 ms)" },
      ], path).toContainEqual({ status: row?.status, reason: row?.reason });
    }
  }, 90_000);
});
