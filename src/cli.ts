#!/usr/bin/env node
// govbench's command line. Only this file exits the process: 2 for usage errors, 1 for a
// failure of the work itself, 0 otherwise.
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { UsageError } from './cli/usage-error.js';
import { OptionError } from './crawl/crawl-options.js';
import { ChecklistError } from './checklist/load-indicators.js';
import { SiteListError } from './sites/site-list.js';
import { describeDbError } from './store/database.js';
import { showControlChars } from './util/control-chars.js';
import type { GlobalOpts } from './cli/global-options.js';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version are "errors" to commander; they already printed what they had to.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    // Messages can quote a site list or a crawled page: their control characters are shown, not obeyed.
    if (err instanceof UsageError || err instanceof OptionError || err instanceof ChecklistError || err instanceof SiteListError) {
      process.stderr.write(`govbench: ${showControlChars(err.message)}\n`);
      return 2;
    }
    process.stderr.write(`govbench: ${showControlChars(describeDbError(err, (program.opts() as GlobalOpts).db))}\n`);
    if (process.env['GOVBENCH_DEBUG']) process.stderr.write(`${(err as Error)?.stack}\n`);
    return 1;
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
