// Audits corpus pages exactly as `govbench audit <seed> --json --max-pages 1 --resolve HOST=127.0.0.1
// [--no-browser]` does: the options go through the CLI's own option parser and the audit through
// the command's own function (src/pipeline/audit-site.ts), in this process rather than one
// process per page.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/store/database.js';
import type { ChecklistBundle } from '../../src/checklist/checklist-bundle.js';
import type { AuditDocument } from '../../src/pipeline/audit-document.js';
import type { Logger } from '../../src/util/logger.js';
import { addGlobalOptions, crawlOptionsFrom, parseSiteUrl, type GlobalOpts } from '../../src/cli/global-options.js';
import { pickScorecard } from '../../src/pipeline/judge-crawl.js';
import { auditSite } from '../../src/pipeline/audit-site.js';
import type { CorpusPage } from './corpus.js';
import type { CorpusServer } from './corpus-server.js';

export type AuditMode = 'static' | 'browser';

export interface PageAudit {
  file: string;
  mode: AuditMode;
  /** The URL audited (plain http, real host, loopback port). */
  seed: string;
  /** The global options given to the audit, as on the command line. */
  args: string[];
  doc?: AuditDocument;
  /** Why there is no document: the site could not be crawled, or the audit threw. */
  failure?: string;
}

export interface AuditPagesInput {
  pages: readonly CorpusPage[];
  server: CorpusServer;
  mode: AuditMode;
  bundle: ChecklistBundle;
  db: Db;
  /** --scorecard for every page; by default each page gets the one `audit` picks by domain. */
  scorecard?: string;
  logger: Logger;
  signal: AbortSignal;
  onPage?: (a: PageAudit, index: number, total: number) => void;
}

export async function auditPages(a: AuditPagesInput): Promise<PageAudit[]> {
  const out: PageAudit[] = [];
  for (const [i, page] of a.pages.entries()) {
    if (a.signal.aborted) break;
    const audit = await auditOne(a, page);
    out.push(audit);
    a.onPage?.(audit, i, a.pages.length);
  }
  return out;
}

/** The command-line options of one page's audit. */
export function auditArgs(page: CorpusPage, mode: AuditMode): string[] {
  const args = ['--max-pages', '1', '--resolve', `${page.host}=127.0.0.1`];
  if (mode === 'static') return [...args, '--no-browser'];
  // Every other host the page names goes to loopback too, so the browser guard never looks a
  // name up in DNS for an image or a script of the page (they are all answered 404).
  return [...args, ...coveringResolves(readFileSync(page.path, 'latin1')).flatMap((r) => ['--resolve', r])];
}

async function auditOne(a: AuditPagesInput, page: CorpusPage): Promise<PageAudit> {
  const seed = parseSiteUrl(a.server.seedUrl(page));
  const args = auditArgs(page, a.mode);
  const base: PageAudit = { file: page.file, mode: a.mode, seed, args };
  try {
    // The browser's own traffic goes to the corpus server as its proxy, a sink that answers
    // nothing but corpus pages (see corpus-server.ts); the HTTP crawler goes to it directly.
    const options = { ...crawlOptionsFrom(parseGlobalArgs(args)), ...(a.mode === 'browser' ? { browserSinkProxy: a.server.proxyUrl() } : {}) };
    const scorecard = pickScorecard(a.bundle, seed, a.scorecard);
    const r = await auditSite({ db: a.db, bundle: a.bundle, scorecard, seed, options, logger: a.logger, signal: a.signal });
    return r.ok ? { ...base, doc: r.doc } : { ...base, failure: `could not be crawled: ${r.reason}` };
  } catch (err) {
    return { ...base, failure: `audit threw: ${(err as Error).message}` };
  }
}

/** Global options parsed by the CLI's own definitions, so defaults and checks are the CLI's. */
export function parseGlobalArgs(args: string[]): GlobalOpts {
  const program = addGlobalOptions(new Command('govbench')).exitOverride().configureOutput({ writeErr: () => undefined });
  program.parse(args, { from: 'user' });
  return program.opts() as GlobalOpts;
}

// TLDs every page is likely to reach even when its text names them only inside a script.
const BASE_TLDS = ['cn', 'com', 'net', 'org', 'gov', 'edu', 'mil', 'int', 'io', 'info', 'cc', 'tv', 'me', 'co', 'uk', 'au', 'ca', 'nz', 'ie', 'us', 'sg', 'in', 'hk', 'tw', 'de', 'fr', 'jp'];

/** `*.TLD=127.0.0.1` for every top-level domain the page's bytes name (the page's own host, named exactly, wins). */
export function coveringResolves(html: string): string[] {
  const tlds = new Set(BASE_TLDS);
  for (const m of html.matchAll(/\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
    const tld = m[1]!.toLowerCase().split('.').pop()!;
    if (/^(?:[a-z]{2,24}|xn--[a-z0-9-]+)$/.test(tld)) tlds.add(tld);
  }
  return [...tlds].sort().map((t) => `*.${t}=127.0.0.1`);
}
