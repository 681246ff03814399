// What every command gets: its options, an open store, a logger, a signal that Ctrl-C or SIGTERM fires, and
// a way to print that shows crawled control characters instead of obeying them.
import type { Command } from 'commander';
import { openDatabase, type Db } from '../store/database.js';
import { createLogger, type Logger } from '../util/logger.js';
import type { GlobalOpts } from './global-options.js';
import { stopOnSignals } from './stop-signals.js';
import { loadChecklist, type ChecklistBundle } from '../checklist/checklist-bundle.js';
import { showControlChars } from '../util/control-chars.js';

export interface CommandContext {
  opts: GlobalOpts;
  db: Db;
  log: Logger;
  signal: AbortSignal;
  out: (line: string) => void;
}

/** The checklists a command judges with: --checklists, else the bundled ones. */
export function checklistFor(cmd: Command): ChecklistBundle {
  return loadChecklist((cmd.optsWithGlobals() as GlobalOpts).checklists);
}

/**
 * The context of a command. `readonly` for commands that only read the store (runs, history,
 * export, report): they open it read-only, so they never change it, and they work beside a run
 * that is writing it.
 */
export function commandContext(cmd: Command, o: { readonly?: boolean } = {}): CommandContext {
  const opts = cmd.optsWithGlobals() as GlobalOpts;
  const log = createLogger({ level: opts.logLevel, logDir: opts.logDir });
  const db = openDatabase(opts.db, { readonly: o.readonly });
  const ctl = new AbortController();
  // The first Ctrl-C or SIGTERM stops cleanly (sites in flight are recorded as interrupted); a second one exits.
  stopOnSignals(ctl, log);
  return { opts, db, log, signal: ctl.signal, out: (line) => process.stdout.write(showControlChars(line) + '\n') };
}
