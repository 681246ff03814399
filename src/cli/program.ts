// The command tree. Each command lives in cli/commands/; this file only wires them.
import { Command } from 'commander';
import { addGlobalOptions } from './global-options.js';
import { registerCrawl } from './commands/crawl.js';
import { registerDemo } from './commands/demo.js';
import { registerAudit } from './commands/audit.js';
import { registerScore } from './commands/score.js';
import { registerRun } from './commands/run.js';
import { registerHistory } from './commands/history.js';
import { registerExport } from './commands/export.js';
import { registerSchedule } from './commands/schedule.js';

export function buildProgram(): Command {
  const program = new Command('govbench')
    .description('benchmark government websites the way expert assessors do, with evidence for every point')
    .version('0.1.0')
    // Usage errors are one line, with the way to more help on it.
    .configureOutput({ outputError: (str, write) => write(`${str.trim()} (govbench --help for usage)\n`) })
    .exitOverride();
  addGlobalOptions(program);
  registerCrawl(program);
  registerRun(program);
  registerAudit(program);
  registerScore(program);
  registerExport(program);
  registerSchedule(program);
  registerHistory(program);
  registerDemo(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}
