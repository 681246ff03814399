// Site lists: CSV or JSON with a name and a URL per site and optional group fields (level, region,
// parent organ, tags). Validated with line numbers; a list with any bad row is refused whole,
// with every problem named, so nothing is silently dropped.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { normalizeUrl } from '../crawl/url-normalize.js';
import type { SiteInput } from '../store/sites.js';

export class SiteListError extends Error {
  override name = 'SiteListError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}:\n${problems.slice(0, 25).map((p) => `  ${p}`).join('\n')}${problems.length > 25 ? `\n  … and ${problems.length - 25} more` : ''}`);
  }
}

export interface ListedSite extends SiteInput {
  name: string;
  /** Where the row is in its file, for messages. */
  line: number;
}

export const LEVELS = ['ministry', 'province', 'prefecture', 'city', 'county', 'township', 'federal', 'state', 'local', 'other'];

// Column names as published lists spell them (the shared lists use Organ, Url, Domain name,
// Organization name, Province, City/district, division_code); compared case-insensitively.
const ALIASES: Record<keyof Omit<SiteInput, 'tags'> | 'tags', string[]> = {
  name: ['name', 'organ', 'organization name', 'organisation name', 'site', 'title', '名称', '网站名称', '单位', 'city/district'],
  url: ['url', 'website', 'homepage', 'domain name', 'domain', '网址', '网站地址', '域名'],
  level: ['level', 'type', '层级', '级别'],
  region: ['region', 'province', 'state', '省份', '地区'],
  parent: ['parent', 'parent organ', 'suborganization name', '上级'],
  tags: ['tags', 'tag', '标签'],
};

function column(header: string[], field: keyof typeof ALIASES): number {
  const names = ALIASES[field];
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

/** A URL as lists write it: a bare domain (CISA's registry) gets https://. */
export function siteUrl(raw: string): string | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
  try {
    const u = new URL(withScheme);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.')) return undefined;
    return u.toString();
  } catch {
    return undefined;
  }
}

interface RawRow {
  line: number;
  get: (field: keyof typeof ALIASES) => string | undefined;
  /** Set when the row cannot be read field by field at all. */
  unreadable?: string;
}

function csvRows(text: string, file: string): RawRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // Comment lines (#) carry a list's sources and date; they are not rows. info.lines gives each
    // record's line in the file, so messages point at the right line even past quoted newlines.
    records = parse(text, { bom: true, comment: '#', comment_no_infix: true, relax_column_count: true, skip_empty_lines: true, info: true }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new SiteListError(file, [`${e.lines ? `line ${e.lines}: ` : ''}not valid CSV (${e.message.split('\n')[0]})`]);
  }
  const head = records[0];
  if (!head) throw new SiteListError(file, ['the file is empty']);
  const header = head.record;
  const fields = Object.keys(ALIASES) as (keyof typeof ALIASES)[];
  const cols = Object.fromEntries(fields.map((f) => [f, column(header, f)])) as Record<keyof typeof ALIASES, number>;
  const missing = (['name', 'url'] as const).filter((f) => cols[f] < 0);
  if (missing.length) {
    throw new SiteListError(file, [`line ${head.info.lines}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(' and ')} (header: ${header.join(', ')})`]);
  }
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    get: (f: keyof typeof ALIASES) => (cols[f] >= 0 ? record[cols[f]]?.trim() : undefined),
    // Fewer fields than the header are optional columns left out; more mean an unquoted comma
    // has shifted the fields after it, so no field of the row can be trusted.
    unreadable: record.length > header.length
      ? `${record.length} fields, but the header has ${header.length} (a comma inside a value needs the value in double quotes)`
      : undefined,
  }));
}

function jsonRows(text: string, file: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SiteListError(file, [`not valid JSON (${(err as Error).message})`]);
  }
  const list = Array.isArray(data) ? data : (data as { sites?: unknown })?.sites;
  if (!Array.isArray(list)) throw new SiteListError(file, ['expected a list of sites, or {"sites": [...]}']);
  return list.map((item, i) => ({
    line: i + 1,
    get: (f) => {
      const o = item as Record<string, unknown>;
      const key = Object.keys(o).find((k) => ALIASES[f].includes(k.toLowerCase()));
      const v = key ? o[key] : undefined;
      return Array.isArray(v) ? v.join(';') : v === undefined || v === null ? undefined : String(v).trim();
    },
  }));
}

export function parseSiteList(text: string, file: string, format: 'csv' | 'json' = extname(file).toLowerCase() === '.json' ? 'json' : 'csv'): ListedSite[] {
  const rows = format === 'json' ? jsonRows(text, file) : csvRows(text, file);
  const unit = format === 'json' ? 'item' : 'line';
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const sites: ListedSite[] = [];
  for (const r of rows) {
    const at = `${unit} ${r.line}`;
    if (r.unreadable) { problems.push(`${at}: ${r.unreadable}`); continue; }
    const name = r.get('name') ?? '';
    const rawUrl = r.get('url') ?? '';
    if (!rawUrl) { problems.push(`${at}: no URL`); continue; }
    const url = siteUrl(rawUrl);
    if (!url) { problems.push(`${at}: bad URL "${rawUrl}"`); continue; }
    if (!name) problems.push(`${at}: no name for ${url}`);
    const key = normalizeUrl(url);
    const first = seen.get(key);
    if (first !== undefined) { problems.push(`${at}: duplicate of ${unit} ${first} (${url})`); continue; }
    seen.set(key, r.line);
    const level = r.get('level')?.toLowerCase() || undefined;
    if (level && !LEVELS.includes(level)) problems.push(`${at}: level "${level}" is not one of ${LEVELS.join(', ')}`);
    const tags = (r.get('tags') ?? '').split(/[;；]/).map((t) => t.trim()).filter(Boolean);
    sites.push({ name, url, level, region: r.get('region') || undefined, parent: r.get('parent') || undefined, tags, line: r.line });
  }
  if (sites.length === 0 && problems.length === 0) problems.push('no sites');
  if (problems.length) throw new SiteListError(file, problems);
  return sites;
}

export function loadSiteList(file: string): ListedSite[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SiteListError(file, [`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return parseSiteList(text, file);
}
