// Opening the store through the built CLI: a database from a newer govbench is refused before a
// byte of it changes, the commands that only read open it read-only, and errors name the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { resolveFlags, writeFixtureList } from '../helpers/fixture-list.js';

const dir = tempDir();
let server: FixtureServer;

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['bare-county'] }).start();
});
afterAll(() => server?.close());

const base = (db: string): string[] => ['--db', db, '--log-level', 'silent', '--log-dir', join(dir, 'logs'), '--no-browser', ...resolveFlags(server)];

/** Bytes 18 and 19 of an SQLite file: 1 for a rollback journal, 2 for WAL. */
const journalBytes = (file: string): number[] => [...readFileSync(file).subarray(18, 20)];

describe('a database from a newer govbench', () => {
  it('is refused by every command before anything in it changes', async () => {
    const file = join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.exec(`CREATE TABLE runs (id INTEGER PRIMARY KEY, future_column TEXT); INSERT INTO runs VALUES (1, 'kept')`);
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(file);
    expect(journalBytes(file)).toEqual([1, 1]);
    // One command that only reads, one that writes.
    for (const command of [['runs'], ['score', '--run', 'latest']]) {
      const r = await runCli([...base(file), ...command]);
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`govbench: database ${file}: schema version 999 is newer than this govbench knows`);
      expect(readFileSync(file).equals(before), `${command[0]} changed the file`).toBe(true);
      expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`), `${command[0]} left a WAL`).toBe(false);
    }
  }, 60_000);
});

describe('commands that only read', () => {
  it('open the database read-only: runs, history, export and report leave the file as it was', async () => {
    const file = join(dir, 'read.sqlite');
    const list = join(dir, 'read.csv');
    writeFixtureList(server, list, { slugs: ['bare-county'] });
    const run = await runCli([...base(file), 'run', list]);
    expect(run.code, run.stderr).toBe(0);
    // Back to a rollback journal: a read-write open would turn WAL on again, changing the header.
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(file);
    for (const command of [['runs'], ['history', '简易县'], ['export', '--run', 'latest', '--out', dir], ['report', '--run', 'latest', '--out', dir]]) {
      const r = await runCli([...base(file), ...command]);
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(0);
      expect(readFileSync(file).equals(before), `${command[0]} changed the file`).toBe(true);
      expect(existsSync(`${file}-wal`), `${command[0]} opened a WAL`).toBe(false);
    }
    expect(journalBytes(file)).toEqual([1, 1]);
    expect(existsSync(join(dir, 'govbench-run-1.xlsx')) && existsSync(join(dir, 'govbench-run-1.html'))).toBe(true);
  }, 180_000);

  it('do not create a database that is not there', async () => {
    const file = join(dir, 'typo', 'missing.sqlite');
    const r = await runCli([...base(file), 'runs']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`govbench: database ${file}: no such file`);
    expect(existsSync(file)).toBe(false);
  }, 30_000);
});

describe('database errors', () => {
  it('name the file', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a database, only some notes that an operator passed as --db by mistake\n'.repeat(20));
    const r = await runCli([...base(file), 'score', '--run', 'latest']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`govbench: database ${file}: file is not a database`);
  }, 30_000);
});
