// npm run accuracy: govbench measured on real government pages against hand labels.
//
//   npm run accuracy                                  # static, then with the browser
//   node dist/scripts/accuracy.js --static-only --lang zh --page 'zh-www-*-home.html'
//
// Serves every labelled page of ../shared/corpus/pages (read in place) on 127.0.0.1 under its
// real hostname, audits each as `govbench audit --max-pages 1 --resolve HOST=127.0.0.1` does,
// prints precision, recall and F1 per indicator, category and language, every false pass and
// every miss, and the site-ranking check; writes all of it to output/accuracy.json.
// Exit status 0 whatever the figures (a test holds the thresholds); 2 for bad usage, 1 when the
// harness itself fails (no manifest, unreadable labels).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { repoPath } from '../src/util/repo-path.js';
import { defaultCorpusDir } from './accuracy/corpus.js';
import { runAccuracy } from './accuracy/run-accuracy.js';
import { formatReport } from './accuracy/format-report.js';

const USAGE = `usage: node dist/scripts/accuracy.js [--static-only] [--lang zh|en] [--page GLOB]
       [--corpus DIR] [--labels FILE] [--out FILE] [--scorecard ID] [--checklists DIR] [--db FILE] [--log-level LEVEL]

  --static-only   skip the browser pass
  --lang          only the pages of one language
  --page GLOB     only corpus files whose name matches (* matches anything)
  --corpus DIR    the corpus folder (default <repo>/../shared/corpus/pages)
  --labels FILE   the labels (default test/corpus/labels.json)
  --out FILE      the JSON report (default output/accuracy.json)
  --scorecard ID  audit every page with this scorecard (default: the one audit picks by domain)
  --db FILE       keep the audits in this SQLite file (default: a temporary one)`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'static-only': { type: 'boolean', default: false },
        lang: { type: 'string' },
        page: { type: 'string' },
        corpus: { type: 'string' },
        labels: { type: 'string' },
        out: { type: 'string' },
        scorecard: { type: 'string' },
        checklists: { type: 'string' },
        db: { type: 'string' },
        'log-level': { type: 'string', default: 'warn' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`accuracy: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') {
    process.stderr.write(`accuracy: --lang expects zh or en, got "${values.lang}"\n`);
    return 2;
  }
  const ctl = new AbortController();
  process.once('SIGINT', () => ctl.abort(new Error('stopped by SIGINT')));
  const outFile = resolve(values.out ?? repoPath('output', 'accuracy.json'));
  try {
    const report = await runAccuracy({
      corpusDir: resolve(values.corpus ?? defaultCorpusDir()),
      labelsFile: resolve(values.labels ?? repoPath('test', 'corpus', 'labels.json')),
      outFile,
      staticOnly: values['static-only'],
      lang: values.lang,
      page: values.page,
      scorecard: values.scorecard,
      checklists: values.checklists,
      db: values.db,
      logLevel: values['log-level'],
      signal: ctl.signal,
      onProgress: (line) => process.stderr.write(line + '\n'),
    });
    process.stdout.write(formatReport(report) + '\n');
    process.stdout.write(`\nwritten: ${outFile}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`accuracy: ${(err as Error).message}\n`);
    if (process.env['GOVBENCH_DEBUG']) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
