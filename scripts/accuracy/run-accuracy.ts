// The accuracy harness as an API: serve the labelled corpus pages on loopback, audit each (static,
// then with the browser), compare with the labels, and gather every figure, false pass and miss
// into one report (written as output/accuracy.json by the command).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadChecklist, type ChecklistBundle } from '../../src/checklist/checklist-bundle.js';
import { openDatabase } from '../../src/store/database.js';
import { createLogger } from '../../src/util/logger.js';
import { findBrowser, NO_BROWSER_HELP } from '../../src/browser/find-browser.js';
import { loadCorpus, selectPages, type CorpusPage } from './corpus.js';
import { loadLabels, type LabelSet } from './labels.js';
import { CorpusServer, type ServedRequest } from './corpus-server.js';
import { auditPages, type AuditMode, type PageAudit } from './audit-pages.js';
import { compareAudits, type Case } from './compare.js';
import { confusion, confusionBy, type Confusion } from './confusion.js';
import { rankingCheck, type RankingCheck } from './ranking.js';
import { REPORT_CATEGORIES } from './categories.js';

export interface AccuracyOptions {
  /** The corpus folder holding manifest.json and the pages. */
  corpusDir: string;
  labelsFile: string;
  /** Where to write the JSON report; none when undefined. */
  outFile?: string;
  /** Skip the browser pass. @default false */
  staticOnly?: boolean;
  lang?: string;
  /** A glob on corpus file names. */
  page?: string;
  /** One scorecard for every page; by default each gets the one `audit` picks by domain. */
  scorecard?: string;
  /** Another checklist folder, as --checklists. */
  checklists?: string;
  /** Keep the audits in this SQLite file; by default a temporary one, removed afterwards. */
  db?: string;
  /** govbench's log level on stderr. @default 'warn' */
  logLevel?: string;
  signal?: AbortSignal;
  /** One line per audited page, for a person watching. */
  onProgress?: (line: string) => void;
}

export interface AuditSummary {
  file: string;
  seed: string;
  args: string[];
  scorecard?: string;
  total?: number;
  failure?: string;
}

export interface ModeReport {
  mode: AuditMode;
  /** Why the pass did not run (no browser). */
  skipped?: string;
  audits: AuditSummary[];
  overall: Confusion;
  indicators: Record<string, Confusion & { category: string }>;
  categories: Record<string, Confusion>;
  languages: Record<string, Confusion>;
  /** `category/lang`, the figures the issue's thresholds are stated in. */
  categoryByLanguage: Record<string, Confusion>;
  falsePasses: Case[];
  misses: Case[];
  notApplicable: Case[];
  errors: Case[];
  /** Labelled indicators that govbench's output does not contain. */
  notImplemented: string[];
  ranking: RankingCheck;
  /** What the loopback server answered during this pass. */
  requests: ServedRequest[];
}

export interface AccuracyReport {
  generatedAt: string;
  corpusDir: string;
  labelsFile: string;
  checklistHash: string;
  notes: string[];
  pages: { file: string; url: string; served: string; lang: string; type: string; httpsMapped: boolean }[];
  /** Corpus pages selected but not (yet) labelled: not audited. */
  unlabelledPages: string[];
  /** Label entries with no page in the corpus. */
  labelsWithoutPage: string[];
  modes: ModeReport[];
}

export async function runAccuracy(o: AccuracyOptions): Promise<AccuracyReport> {
  const corpus = loadCorpus(o.corpusDir);
  const labels = loadLabels(o.labelsFile);
  const bundle = loadChecklist(o.checklists);
  const selected = selectPages(corpus, { lang: o.lang, page: o.page });
  const pages = selected.filter((p) => labels.pages.has(p.file));
  const server = await new CorpusServer(pages).start();
  const tmp = o.db ? undefined : mkdtempSync(join(tmpdir(), 'govbench-accuracy-'));
  const db = openDatabase(o.db ?? join(tmp!, 'accuracy.sqlite'));
  const logger = createLogger({ level: o.logLevel ?? 'warn' });
  const signal = o.signal ?? new AbortController().signal;
  const modes: ModeReport[] = [];
  try {
    for (const mode of (o.staticOnly ? ['static'] : ['static', 'browser']) as AuditMode[]) {
      if (mode === 'browser' && !(await findBrowser())) {
        modes.push(modeReport(mode, [], pages, labels, bundle, [], NO_BROWSER_HELP));
        continue;
      }
      const before = server.requests.length;
      const audits = await auditPages({
        pages, server, mode, bundle, db, scorecard: o.scorecard, logger, signal,
        onPage: (a, i, n) => o.onProgress?.(`${mode} ${i + 1}/${n} ${a.file}: ${a.doc ? `${a.doc.scorecard} ${a.doc.score.total}` : a.failure}`),
      });
      modes.push(modeReport(mode, audits, pages, labels, bundle, server.requests.slice(before)));
    }
  } finally {
    db.close();
    await server.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  const mapped = pages.filter((p) => p.httpsMapped);
  const report: AccuracyReport = {
    generatedAt: new Date().toISOString(),
    corpusDir: o.corpusDir,
    labelsFile: o.labelsFile,
    checklistHash: bundle.hash,
    notes: [
      `each page audited as: govbench audit <served URL> --json --max-pages 1 --resolve HOST=127.0.0.1 (static: --no-browser)`,
      `${mapped.length} of ${pages.length} pages were https: served over plain http on 127.0.0.1:${server.port} at the same host and path`,
      ...(modes.some((m) => m.mode === 'browser' && !m.skipped)
        ? [`browser pass: every other host a page names is --resolve'd to 127.0.0.1 and Chromium's requests go through the corpus server as its proxy; nothing but corpus pages is answered, so a page's own script and style files (not in the corpus) are 404 and only its inline scripts run`]
        : []),
    ],
    pages: pages.map((p) => ({ file: p.file, url: p.url, served: server.seedUrl(p), lang: p.lang, type: p.type, httpsMapped: p.httpsMapped })),
    unlabelledPages: selected.filter((p) => !labels.pages.has(p.file)).map((p) => p.file),
    labelsWithoutPage: [...labels.pages.keys()].filter((f) => !corpus.some((p) => p.file === f)),
    modes,
  };
  if (o.outFile) {
    mkdirSync(dirname(o.outFile), { recursive: true });
    writeFileSync(o.outFile, JSON.stringify(report, null, 2) + '\n');
  }
  return report;
}

function modeReport(
  mode: AuditMode, audits: PageAudit[], pages: CorpusPage[], labels: LabelSet, bundle: ChecklistBundle,
  requests: ServedRequest[], skipped?: string,
): ModeReport {
  const cases = compareAudits(audits, pages, labels, bundle);
  const indicators: ModeReport['indicators'] = {};
  for (const [id, c] of Object.entries(confusionBy(cases, (x) => x.indicator, labels.indicators))) {
    indicators[id] = { category: cases.find((x) => x.indicator === id)!.category, ...c };
  }
  const langs = ['zh', 'en'];
  return {
    mode,
    ...(skipped ? { skipped } : {}),
    audits: audits.map((a) => ({ file: a.file, seed: a.seed, args: a.args, ...(a.doc ? { scorecard: a.doc.scorecard, total: a.doc.score.total } : { failure: a.failure }) })),
    overall: confusion(cases),
    indicators,
    categories: confusionBy(cases, (x) => x.category, REPORT_CATEGORIES),
    languages: confusionBy(cases, (x) => x.lang, langs),
    categoryByLanguage: confusionBy(cases, (x) => `${x.category}/${x.lang}`, REPORT_CATEGORIES.flatMap((c) => langs.map((l) => `${c}/${l}`))),
    falsePasses: cases.filter((c) => c.kind === 'FP'),
    misses: cases.filter((c) => c.kind === 'FN'),
    notApplicable: cases.filter((c) => c.kind === 'notApplicable'),
    errors: cases.filter((c) => c.kind === 'error' || c.kind === 'auditFailed'),
    notImplemented: [...new Set(cases.filter((c) => c.kind === 'notImplemented').map((c) => c.indicator))],
    ranking: rankingCheck(audits, pages, labels, bundle),
    requests,
  };
}
