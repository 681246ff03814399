// SIGTERM (what systemd, Docker and Kubernetes send) stops a run as Ctrl-C does, at any moment:
// the sites in flight go back to pending, the run is interrupted, the exit status is 143, and
// `run --resume` then finishes every site exactly once. The list starts with a site serving a
// 5 MB page built to make HTML parsing quadratic, which used to hold the main thread so that no
// signal was ever handled (issue 8, §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { runCli, startCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { resolveFlags, writeFixtureList } from '../helpers/fixture-list.js';

const STALL = 'www.stall.gov.cn';
const dir = tempDir();
let server: FixtureServer;

function flood(size: number): string {
  const parts = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>信息公开</title></head><body><a href="/">首页</a></body></html>'];
  for (let i = 0, length = 0; length < size; i++) {
    const s = `<li><a href="/p/${i}.html">第${i}条</a><span>2026-01-02</span></li>`;
    parts.push(s);
    length += s.length;
  }
  return parts.join('');
}

beforeAll(async () => {
  server = await new FixtureServer({
    latencyMs: 60,
    extraHosts: {
      [STALL]: {
        '/': '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>停滞县人民政府</title></head><body><a href="/xxgk/">信息公开</a></body></html>',
        '/xxgk/': flood(4_900_000),
      },
    },
  }).start();
}, 60_000);
afterAll(() => server?.close());

function query<T>(db: string, sql: string): T | undefined {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return d.prepare(sql).get() as T;
    } finally {
      d.close();
    }
  } catch {
    return undefined;
  }
}

describe('govbench run and SIGTERM', () => {
  it('stops on SIGTERM with exit 143, the sites in flight back to pending; --resume completes every site exactly once', async () => {
    const list = join(dir, 'term.csv');
    writeFixtureList(server, list, { extra: [{ name: '停滞县人民政府', url: server.url(STALL, '/'), level: 'county' }] });
    // The stalling site first, so that it is in flight when the signal comes.
    const [header, ...rows] = readFileSync(list, 'utf8').trim().split('\n');
    writeFileSync(list, [header, rows.at(-1), ...rows.slice(0, -1)].join('\n') + '\n');
    const db = join(dir, 'term.sqlite');
    const args = ['--db', db, '--log-level', 'silent', '--no-browser', ...resolveFlags(server)];
    const first = startCli([...args, 'run', list, '--site-concurrency', '2']);
    const t0 = Date.now();
    const scored = (): number => query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM judgements')?.n ?? 0;
    while (scored() < 2 && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    const sent = Date.now();
    first.child.kill('SIGTERM');
    const ended = await first.done;
    // It winds down what is in flight (a page being parsed is stopped, not waited for).
    expect(Date.now() - sent).toBeLessThan(20_000);
    expect(ended.code, ended.stderr).toBe(143);
    expect(ended.stdout).toMatch(/stopped before the end: continue with {2}govbench --db .* run --resume 1/);

    const d = new Database(db, { readonly: true });
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    const run = d.prepare('SELECT status FROM runs WHERE id = 1').get() as { status: string };
    const states = d.prepare(`SELECT status, COUNT(*) AS n FROM site_crawls GROUP BY status`).all() as { status: string; n: number }[];
    const orphanPages = (d.prepare(`SELECT COUNT(*) AS n FROM pages p JOIN site_crawls c ON c.id = p.crawl_id WHERE c.status = 'pending'`).get() as { n: number }).n;
    const before = d.prepare(`SELECT c.id, c.started_at, j.id AS jid FROM site_crawls c JOIN judgements j ON j.crawl_id = c.id`).all() as { id: number; started_at: string; jid: number }[];
    d.close();
    expect(run.status).toBe('interrupted');
    expect(states.find((x) => x.status === 'running')).toBeUndefined();
    expect(states.find((x) => x.status === 'pending')?.n).toBeGreaterThan(0);
    expect(orphanPages).toBe(0);
    expect(before.length).toBeGreaterThanOrEqual(2);

    const resumed = await runCli([...args, 'run', '--resume', '1']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/11 ranked, 0 not scored/);
    const d2 = new Database(db, { readonly: true });
    const crawls = d2.prepare(`SELECT c.id, c.status, c.started_at, (SELECT COUNT(*) FROM judgements j WHERE j.crawl_id = c.id) AS n,
      (SELECT MIN(id) FROM judgements j WHERE j.crawl_id = c.id) AS jid FROM site_crawls c WHERE c.run_id = 1`).all() as { id: number; status: string; started_at: string; n: number; jid: number }[];
    const finished = d2.prepare('SELECT status FROM runs WHERE id = 1').get() as { status: string };
    const judgements = (d2.prepare('SELECT COUNT(*) AS n FROM judgements').get() as { n: number }).n;
    const stall = d2.prepare(`SELECT p.status, p.reason FROM pages p WHERE p.url LIKE '%/xxgk/'`).get() as { status: string; reason: string } | undefined;
    d2.close();
    expect(finished.status).toBe('done');
    expect(crawls).toHaveLength(11);
    expect(crawls.every((c) => c.status === 'done' || c.status === 'partial')).toBe(true);
    expect(crawls.every((c) => c.n === 1)).toBe(true);
    expect(judgements).toBe(11);
    // The sites finished before the signal were not redone.
    for (const b of before) expect(crawls.find((c) => c.id === b.id)).toMatchObject({ started_at: b.started_at, jid: b.jid });
    // The stalling page was parsed up to the node cap.
    expect(stall).toMatchObject({ status: 'ok', reason: 'parse cut at 100000 nodes' });
  }, 240_000);
});
