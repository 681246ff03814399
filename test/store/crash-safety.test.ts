// A crawl killed with SIGKILL halfway leaves a consistent database that keeps what finished,
// and the next crawl into the same file works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs } from '../../src/pipeline/fixture-sites.js';
import { startCli, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

let server: FixtureServer;
const dir = tempDir();
const dbFile = join(dir, 'crash.sqlite');

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['model-ministry'], latencyMs: 60 }).start();
});
afterAll(() => server.close());

function resolveArgs(): string[] {
  return fixtureResolveArgs(server).flatMap((r) => ['--resolve', r]);
}

function pageCount(): number {
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

describe('crash safety', () => {
  it('survives SIGKILL halfway through a crawl', async () => {
    const seed = server.url('www.shifan.gov.cn');
    const first = startCli(['--db', dbFile, '--log-level', 'silent', '--per-host', '1', '--no-browser', ...resolveArgs(), 'crawl', seed]);
    const t0 = Date.now();
    while (pageCount() < 5 && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 25));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const db = new Database(dbFile);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const run1 = db.prepare('SELECT * FROM runs WHERE id = 1').get() as { status: string };
    expect(run1.status).toBe('running'); // it never got to finish
    const stored = (db.prepare('SELECT COUNT(*) AS n FROM pages').get() as { n: number }).n;
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThan(35); // killed halfway, not after the end
    // Every stored page is whole: its HTML decompresses and its links are there.
    const ok = db.prepare(`SELECT id, html_gz FROM pages WHERE status = 'ok'`).all() as { id: number; html_gz: Buffer }[];
    const { gunzipSync } = await import('node:zlib');
    for (const p of ok) expect(gunzipSync(p.html_gz).toString('utf8')).toMatch(/<\/html>/i);
    db.close();

    const second = await runCli(['--db', dbFile, '--log-level', 'silent', '--no-browser', ...resolveArgs(), 'crawl', seed]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/run 2 · .* → (done|partial)/);
    const db2 = new Database(dbFile, { readonly: true });
    expect(db2.pragma('integrity_check', { simple: true })).toBe('ok');
    const run2 = db2.prepare('SELECT status FROM runs WHERE id = 2').get() as { status: string };
    expect(run2.status).toBe('done');
    db2.close();
  }, 60_000);
});
