// The hand labels (test/corpus/labels.json): per page and indicator, true with the deciding text
// and href, false, or null with why. Read and checked whole, naming the page and field of any
// mistake; a file still being written may label only some pages.
import { existsSync, readFileSync } from 'node:fs';
import { AccuracyError } from './accuracy-error.js';
import { isRecord } from './json-shape.js';

export interface Label {
  value: boolean | null;
  /** The deciding link text or head tag (for true). */
  text?: string;
  href?: string;
  /** Why the label is null, or any other remark the labeller made. */
  why?: string;
  note?: string;
}

export interface PageLabels {
  lang?: string;
  notes?: string;
  labels: Map<string, Label>;
}

export interface LabelSet {
  file: string;
  /** The indicators labelled, in the file's order. */
  indicators: string[];
  pages: Map<string, PageLabels>;
}

export function loadLabels(file: string): LabelSet {
  if (!existsSync(file)) throw new AccuracyError(`no labels file at ${file} (give one with --labels FILE)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AccuracyError(`${file}: not JSON (${(err as Error).message})`);
  }
  return parseLabels(raw, file);
}

export function parseLabels(raw: unknown, file: string): LabelSet {
  if (!isRecord(raw)) throw new AccuracyError(`${file}: expected an object with "indicators" and "pages"`);
  const ids = raw['indicators'] ?? [];
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) throw new AccuracyError(`${file}: "indicators" must be a list of indicator ids`);
  const pagesRaw = raw['pages'] ?? {};
  if (!isRecord(pagesRaw)) throw new AccuracyError(`${file}: "pages" must be an object keyed by file name`);
  const indicators = [...(ids as string[])];
  const pages = new Map<string, PageLabels>();
  for (const [name, p] of Object.entries(pagesRaw)) {
    const where = `${file}: pages["${name}"]`;
    if (!isRecord(p)) throw new AccuracyError(`${where}: expected an object`);
    const labelsRaw = p['labels'] ?? {};
    if (!isRecord(labelsRaw)) throw new AccuracyError(`${where}.labels: expected an object keyed by indicator id`);
    const labels = new Map<string, Label>();
    for (const [id, l] of Object.entries(labelsRaw)) {
      labels.set(id, parseLabel(l, `${where}.labels["${id}"]`));
      // An indicator labelled on a page but missing from the list is still measured.
      if (!indicators.includes(id)) indicators.push(id);
    }
    pages.set(name, { lang: optString(p, 'lang', where), notes: optString(p, 'notes', where), labels });
  }
  return { file, indicators, pages };
}

function parseLabel(l: unknown, where: string): Label {
  if (!isRecord(l)) throw new AccuracyError(`${where}: expected {"value": true|false|null, ...}`);
  const value = l['value'];
  if (value !== true && value !== false && value !== null) throw new AccuracyError(`${where}.value: expected true, false or null, got ${JSON.stringify(value)}`);
  const out: Label = { value };
  for (const f of ['text', 'href', 'why', 'note'] as const) {
    const v = optString(l, f, where);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function optString(o: Record<string, unknown>, field: string, where: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AccuracyError(`${where}.${field}: expected a string, got ${JSON.stringify(v)}`);
  return v;
}
