// The real-page corpus as the harness sees it: manifest.json's entries, read in place (never
// copied into the project), each with the plain-http URL it is served under on loopback.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileGlob } from '../../src/fixture-server/glob.js';
import { repoPath } from '../../src/util/repo-path.js';
import { AccuracyError } from './accuracy-error.js';
import { isRecord } from './json-shape.js';

export interface CorpusPage {
  /** The file name, which is also the key of its labels. */
  file: string;
  /** Absolute path of the stored bytes. */
  path: string;
  /** The page's original URL, as the manifest gives it. */
  url: string;
  lang: string;
  /** home, section or article. */
  type: string;
  level?: string;
  rendered: boolean;
  textCopy: boolean;
  /** Served as is; default `text/html` with no charset, so the page's own declaration decides. */
  contentType: string;
  host: string;
  /** Path and query as the WHATWG URL parser writes them (percent-encoded). */
  pathAndQuery: string;
  /** The original URL was https: it is served over plain http at the same host and path. */
  httpsMapped: boolean;
}

/** `<repo>/../shared/corpus/pages`, where the corpus lives beside the project. */
export function defaultCorpusDir(): string {
  return resolve(repoPath(), '..', 'shared', 'corpus', 'pages');
}

export function loadCorpus(dir: string): CorpusPage[] {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new AccuracyError(`no corpus manifest at ${manifestPath} (give the folder with --corpus DIR)`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new AccuracyError(`${manifestPath}: not JSON (${(err as Error).message})`);
  }
  if (!isRecord(manifest)) throw new AccuracyError(`${manifestPath}: expected an object keyed by file name`);
  return Object.entries(manifest).map(([file, raw]) => corpusPage(dir, manifestPath, file, raw));
}

function corpusPage(dir: string, manifestPath: string, file: string, raw: unknown): CorpusPage {
  const where = `${manifestPath}: "${file}"`;
  if (!isRecord(raw)) throw new AccuracyError(`${where}: expected an object`);
  const str = (field: string, required: boolean): string | undefined => {
    const v = raw[field];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') throw new AccuracyError(`${where}.${field}: expected a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  };
  const urlText = str('url', true)!;
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new AccuracyError(`${where}.url: not a URL: ${JSON.stringify(urlText)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AccuracyError(`${where}.url: only http and https pages can be served, got ${url.protocol}`);
  const path = join(dir, file);
  if (!existsSync(path)) throw new AccuracyError(`${where}: the file ${path} does not exist`);
  const charset = str('charset', false);
  return {
    file,
    path,
    url: urlText,
    lang: str('lang', true)!,
    type: str('type', false) ?? 'unknown',
    level: str('level', false),
    rendered: raw['rendered'] === true,
    textCopy: raw['textCopy'] === true,
    contentType: str('contentType', false) ?? (charset ? `text/html; charset=${charset}` : 'text/html'),
    host: url.hostname.toLowerCase(),
    pathAndQuery: url.pathname + url.search,
    httpsMapped: url.protocol === 'https:',
  };
}

export interface PageFilter {
  lang?: string;
  /** A glob on the file name (`*` matches anything). */
  page?: string;
}

export function selectPages(pages: CorpusPage[], f: PageFilter): CorpusPage[] {
  const glob = f.page ? compileGlob(f.page) : undefined;
  return pages.filter((p) => (!f.lang || p.lang === f.lang) && (!glob || glob.test(p.file)));
}
