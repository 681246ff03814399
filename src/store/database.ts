// Opens the SQLite store: WAL so readers never block the writer and a killed process leaves
// the last committed transaction intact; migrations run inside a transaction each. The schema
// version is checked before anything is written, so a database from a newer govbench is refused
// untouched; commands that only read open it read-only. Every error says which file it is about.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/** A database that cannot be opened or used, with the file it is about. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
  constructor(readonly file: string, detail: string) {
    super(`database ${file}: ${detail}`);
  }
}

/** The message for an error met while using the store: SQLite's own ones do not name the file. */
export function describeDbError(err: unknown, file: string): string {
  if (err instanceof Database.SqliteError) return new DatabaseError(file, err.message).message;
  return err instanceof Error ? err.message : String(err);
}

export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Db {
  if (opts.readonly && file !== ':memory:' && !existsSync(file)) throw new DatabaseError(file, 'no such file');
  let db: Db | undefined;
  try {
    if (file !== ':memory:' && !opts.readonly) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    db.pragma('busy_timeout = 5000');
    // Before the switch to WAL, which rewrites the file's header: a newer govbench's database
    // must come out of this exactly as it went in.
    const version = schemaVersion(db, file);
    if (opts.readonly) {
      if (version === MIGRATIONS.length) return db;
      // Written by an older govbench: upgraded once, as any command does, then read.
      db.close();
      openDatabase(file).close();
      return openDatabase(file, opts);
    }
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is still crash-consistent; it only may lose the last commits on power loss.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, file);
    return db;
  } catch (err) {
    if (db?.open) db.close();
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(file, (err as Error).message);
  }
}

function schemaVersion(db: Db, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new DatabaseError(file, `schema version ${current} is newer than this govbench knows (${MIGRATIONS.length}); it was left unchanged: use a newer govbench`);
  }
  return current;
}

export function migrate(db: Db, file = db.name): void {
  const current = schemaVersion(db, file);
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
