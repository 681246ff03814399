// govbench export --run <id|latest> [--compare <id>]: the comparison workbook and its CSVs;
// govbench report --run <id|latest>: the self-contained HTML report.
import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { checklistFor, commandContext } from '../context.js';
import { resolveRun, previousRun } from '../run-ref.js';
import { loadRunResults } from '../../results/load-run-results.js';
import { exportRun } from '../../export/index.js';
import { writeReport } from '../../report/index.js';
import type { Db } from '../../store/database.js';
import type { ChecklistBundle } from '../../checklist/checklist-bundle.js';
import type { RunRow } from '../../store/runs.js';

interface Opts { run: string; compare?: string; out?: string }

function compareWith(db: Db, run: RunRow, ref: string | undefined, dbFile: string): number | undefined {
  if (ref === undefined || ref === 'none') return undefined;
  if (ref === 'previous') return previousRun(db, run)?.id;
  return resolveRun(db, ref, dbFile).id;
}

export async function writeOutputs(db: Db, bundle: ChecklistBundle, runId: number, outDir: string, compareRunId?: number) {
  const results = loadRunResults(db, runId, { bundle, compareRunId });
  const base = `govbench-run-${runId}`;
  const files = await exportRun(results, outDir, base);
  const report = join(outDir, `${base}.html`);
  await writeReport(results, report);
  return { ...files, report };
}

export function registerExport(program: Command): void {
  for (const what of ['export', 'report'] as const) {
    program
      .command(what)
      .description(what === 'export'
        ? 'write the comparison workbook (xlsx) and one CSV per sheet for a run'
        : 'write the self-contained HTML report of a run')
      .requiredOption('--run <id>', 'run id, or "latest"')
      .option('--compare <id>', what === 'export'
        ? 'a run to compare with (an id, "latest" or "previous")'
        : 'a run to compare with (an id, "latest", "previous" or "none"; default: previous)', what === 'report' ? 'previous' : undefined)
      .option('--out <dir>', 'output folder (default: the database\'s folder)')
      .action(async (o: Opts, cmd: Command) => {
        const ctx = commandContext(cmd, { readonly: true });
        const bundle = checklistFor(cmd);
        const run = resolveRun(ctx.db, o.run, ctx.opts.db);
        const compareRunId = compareWith(ctx.db, run, o.compare, ctx.opts.db);
        const results = loadRunResults(ctx.db, run.id, { bundle, compareRunId });
        const outDir = resolve(o.out ?? dirname(ctx.opts.db));
        const base = `govbench-run-${run.id}`;
        if (what === 'export') {
          const files = await exportRun(results, outDir, base);
          ctx.out(`workbook: ${files.xlsx}`);
          ctx.out(`csv:      ${dirname(files.csv[0] ?? files.xlsx)}/ (${files.csv.length} files)`);
        } else {
          const file = join(outDir, `${base}.html`);
          await writeReport(results, file);
          ctx.out(`report: ${file}`);
        }
        ctx.db.close();
      });
  }
}
