// govbench schedule through the built CLI: cron expressions that would wait forever are refused,
// and a tick that fails (the list edited into an invalid one, the database locked by another
// process) is logged while the schedule goes on to the next tick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FixtureServer } from '../../../src/fixture-server/index.js';
import { repoPath } from '../../../src/util/repo-path.js';
import { startCli, type CliResult } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { checkCron } from '../../../src/cli/commands/schedule.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { resolveFlags, writeFixtureList } from '../../helpers/fixture-list.js';

const dir = tempDir();
let server: FixtureServer;
let args: string[];
const list = join(dir, 'list.csv');

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['bare-county'] }).start();
  args = ['--log-dir', join(dir, 'logs'), '--no-browser', ...resolveFlags(server)];
  writeFixtureList(server, list, { slugs: ['bare-county'] });
});
afterAll(() => server?.close());

/** The CLI, killed if it is still going after `ms`: a schedule that never fires would wait forever. */
async function runWithin(cliArgs: string[], ms: number): Promise<CliResult> {
  const { child, done } = startCli(cliArgs);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}

describe('govbench schedule refuses what would never run', () => {
  it.each([
    ['0 0 31 2 *', undefined, /the cron expression "0 0 31 2 \*" never fires/],
    ['* * * * * * *', undefined, /a cron expression has 5 fields .* or 6 with seconds first; "\* \* \* \* \* \* \*" has 7/],
    ['0 0 0 1 1 * 2099', undefined, /"0 0 0 1 1 \* 2099" has 7/],
    ['* * * * *', 'Mars/Olympus', /--timezone expects a time zone name .*got "Mars\/Olympus"/],
    ['every tuesday', undefined, /not a cron expression: "every tuesday"/],
  ])('"%s" (time zone %s) is a usage error', (expr, timezone, message) => {
    expect(() => checkCron(expr, timezone)).toThrow(UsageError);
    expect(() => checkCron(expr, timezone)).toThrow(message);
  });

  it('takes expressions that fire, with seconds or a time zone', () => {
    expect(checkCron('0 2 1 */3 *', 'Asia/Shanghai').getTime()).toBeGreaterThan(Date.now());
    expect(checkCron('*/5 * * * * *', undefined).getTime()).toBeGreaterThan(Date.now());
  });

  it('exits 2 on an expression that never fires, instead of waiting forever', async () => {
    const r = await runWithin(['--db', join(dir, 'refused.sqlite'), '--log-level', 'silent', ...args, 'schedule', '0 0 31 2 *', list, '--times', '1'], 45_000);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/the cron expression "0 0 31 2 \*" never fires/);
  }, 60_000);
});

describe('govbench schedule survives a failed tick', () => {
  it('logs a tick that met an invalid list or a locked database, and runs at the next one', async () => {
    const db = join(dir, 'schedule.sqlite');
    // The store as the built CLI makes it, so the schedule opens it without changing it; then a
    // write lock held here, as another govbench writing the same file would hold it.
    const { openDatabase } = (await import(pathToFileURL(repoPath('dist', 'src', 'store', 'database.js')).href)) as typeof import('../../../src/store/database.js');
    const holder = openDatabase(db);
    holder.exec('BEGIN IMMEDIATE');
    let locked = true;
    const { child, done } = startCli(['--db', db, '--log-level', 'info', ...args, 'schedule', '* * * * * *', list, '--times', '1', '--name', 'tick']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let exited = false;
    void done.then(() => (exited = true));
    const waitFor = async (re: RegExp, from = 0): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while (!re.test(stderr.slice(from))) {
        if (exited || Date.now() > deadline) throw new Error(`never logged ${re}:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/schedule started/);
      // The list breaks after the schedule started: each tick reads it anew and fails on it.
      writeFileSync(list, 'name,url\nBroken,not a url\n');
      await waitFor(/this scheduled run failed \(.*list\.csv: 1 problem:.*bad URL "not a url"/s);
      // Mended list, locked database: the tick waits out the busy timeout, fails, names the file.
      const mark = stderr.length;
      writeFixtureList(server, list, { slugs: ['bare-county'] });
      await waitFor(new RegExp(`this scheduled run failed \\(database ${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: database is locked\\)`), mark);
      holder.exec('COMMIT');
      locked = false;
      const r = await done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/run \d+ “tick \d{4}-\d\d-\d\d \d\d:\d\d”/);
      expect(r.stdout).toMatch(/report {3}.*govbench-run-\d+\.html/);
      const runs = holder.prepare(`SELECT name, status FROM runs`).all() as { name: string; status: string }[];
      expect(runs).toEqual([{ name: expect.stringMatching(/^tick /), status: 'done' }]);
    } finally {
      if (locked) holder.exec('ROLLBACK');
      holder.close();
      if (!exited) child.kill('SIGKILL');
    }
  }, 180_000);
});
