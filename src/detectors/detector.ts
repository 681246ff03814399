// The detector contract: a pure function from one page (and facts about its site) to a verdict,
// with options that are data. Detectors never fetch and never throw on purpose.
import type { PageInput } from '../checklist/page-input.js';
import type { PageVerdict } from '../checklist/types.js';
import type { PageStatus } from '../crawl/types.js';

export interface SiteFacts {
  /** Where a URL stands relative to the audited site. */
  classify(url: URL): 'site' | 'platform' | 'out';
  /** The crawl status of a URL, when it was fetched. */
  statusOf(url: string): PageStatus | undefined;
}

export interface Detector<O> {
  /** Checks the options of one indicator record; returns problems as "field: message". */
  validate(options: unknown): string[];
  run(page: PageInput, options: O, site: SiteFacts): PageVerdict;
}

/** Labels by language; a page in an unknown language is matched against all of them. */
export interface LabelsByLang {
  zh?: string[];
  en?: string[];
}

export function checkLabels(value: unknown, field: string, required: boolean): string[] {
  if (value === undefined) return required ? [`${field}: required`] : [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${field}: expected {"zh": [...], "en": [...]}`];
  const problems: string[] = [];
  for (const [lang, list] of Object.entries(value)) {
    if (lang !== 'zh' && lang !== 'en') problems.push(`${field}.${lang}: unknown language (zh or en)`);
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x.trim() === '')) problems.push(`${field}.${lang}: expected a list of non-empty strings`);
  }
  return problems;
}

export function checkStringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((x) => typeof x === 'string' && x !== '') ? [] : [`${field}: expected a list of strings`];
}

export function checkKnownKeys(options: unknown, known: string[]): string[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return ['options: expected an object'];
  return Object.keys(options).filter((k) => !known.includes(k)).map((k) => `options.${k}: unknown option (known: ${known.join(', ')})`);
}
