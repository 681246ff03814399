// Sites have one identity across runs, keyed on the normalised seed URL, so history lines up.
import type { Db } from './database.js';
import { normalizeUrl } from '../crawl/url-normalize.js';

export interface SiteInput {
  url: string;
  name?: string;
  level?: string;
  region?: string;
  parent?: string;
  tags?: string[];
}

export interface SiteRow {
  id: number;
  url_key: string;
  url: string;
  name: string | null;
  level: string | null;
  region: string | null;
  parent: string | null;
  tags_json: string | null;
}

export function siteKey(url: string): string {
  return normalizeUrl(url);
}

/** Inserts or updates the site's descriptive fields (a later list may name it better); returns its id. */
export function upsertSite(db: Db, s: SiteInput): number {
  const key = siteKey(s.url);
  db.prepare(
    `INSERT INTO sites (url_key, url, name, level, region, parent, tags_json, created_at) VALUES (@key, @url, @name, @level, @region, @parent, @tags, @now)
     ON CONFLICT(url_key) DO UPDATE SET name = COALESCE(excluded.name, name), level = COALESCE(excluded.level, level),
       region = COALESCE(excluded.region, region), parent = COALESCE(excluded.parent, parent), tags_json = COALESCE(excluded.tags_json, tags_json)`,
  ).run({
    key, url: s.url, name: s.name ?? null, level: s.level ?? null, region: s.region ?? null, parent: s.parent ?? null,
    tags: s.tags ? JSON.stringify(s.tags) : null, now: new Date().toISOString(),
  });
  return (db.prepare(`SELECT id FROM sites WHERE url_key = ?`).get(key) as { id: number }).id;
}

export function getSite(db: Db, id: number): SiteRow | undefined {
  return db.prepare(`SELECT * FROM sites WHERE id = ?`).get(id) as SiteRow | undefined;
}
