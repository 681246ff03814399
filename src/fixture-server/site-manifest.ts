import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkHeaders, show, validateBehaviour, type Behaviour } from './behaviour.js';

/** What a default crawl of the portal must show (see fixtures/README.md). URLs stay as written. */
export interface SiteExpect {
  mustFetch?: string[];
  statuses?: Record<string, string>;
  minPages?: number;
  charset?: string;
  mustContain?: string[];
  /** What `govbench audit` must conclude (static input, no browser): ids that pass and fail, score bounds. */
  audit?: { scorecard: string; pass?: string[] | 'ALL'; fail?: string[]; minScore?: number; maxScore?: number };
}

/** A parsed `fixtures/sites/<slug>/site.json`. */
export interface SiteManifest {
  slug: string;
  name: string;
  seed: string;
  lang: 'zh' | 'en';
  kind: 'ministry' | 'province' | 'city' | 'county' | 'federal';
  description?: string;
  headers?: Record<string, Record<string, string>>;
  routes?: Record<string, Behaviour>;
  /**
   * What a host answers for a path it does not have, instead of a plain 404: a page of the host
   * served with this status (200 makes a "soft 404"), or a redirect to it (a 3xx status).
   */
  notFound?: Record<string, NotFoundRule>;
  expect?: SiteExpect;
}

export interface NotFoundRule {
  status: number;
  /** A path of the same host, e.g. "/404.html". */
  page: string;
}

/** A manifest plus what the loader found on disk beside it. */
export interface LoadedSite {
  manifest: SiteManifest;
  /** Absolute folder of the site (`<sitesDir>/<slug>`). */
  dir: string;
  /** Host folder name -> absolute folder. */
  hostDirs: Map<string, string>;
}

const LANGS = ['zh', 'en'];
const KINDS = ['ministry', 'province', 'city', 'county', 'federal'];
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

export function isHostname(name: string): boolean {
  return HOSTNAME.test(name);
}

/** Slugs present in a sites folder (folders that hold a site.json), sorted for stable output. */
export function listSlugs(sitesDir: string): string[] {
  return readdirSync(sitesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(sitesDir, d.name, 'site.json')))
    .map((d) => d.name)
    .sort();
}

/**
 * Loads and validates manifests synchronously, so a constructor can report a broken fixture
 * before any port is opened. `only` restricts to those slugs; an unknown slug is an error.
 */
export function loadSites(sitesDir: string, only?: readonly string[]): LoadedSite[] {
  if (!existsSync(sitesDir) || !statSync(sitesDir).isDirectory()) {
    throw new Error(`sitesDir ${show(sitesDir)} is not a directory`);
  }
  const available = listSlugs(sitesDir);
  const slugs = only ?? available;
  for (const slug of slugs) {
    if (!available.includes(slug)) {
      throw new Error(`sites: no site ${show(slug)} in ${sitesDir} (available: ${available.join(', ') || 'none'})`);
    }
  }
  const seenHosts = new Map<string, string>();
  return slugs.map((slug) => {
    const dir = join(sitesDir, slug);
    const manifest = parseManifest(join(dir, 'site.json'), slug);
    const hostDirs = new Map<string, string>();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Leading dot/underscore folders are authoring scratch space, not hosts.
      if (!entry.isDirectory() || /^[._]/.test(entry.name)) continue;
      const host = entry.name;
      if (!isHostname(host)) {
        throw new Error(`${dir}: folder ${show(host)} is not a lowercase hostname (every folder of a site is a host)`);
      }
      const other = seenHosts.get(host);
      if (other !== undefined) throw new Error(`host ${host} is served by both sites ${other} and ${slug}`);
      seenHosts.set(host, slug);
      hostDirs.set(host, join(dir, host));
    }
    const seedHost = new URL(manifest.seed).hostname;
    if (!hostDirs.has(seedHost)) {
      throw new Error(`${dir}: seed ${manifest.seed} names host ${seedHost}, which has no folder here`);
    }
    return { manifest, dir, hostDirs };
  });
}

function parseManifest(file: string, slug: string): SiteManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: must hold a JSON object`);
  const m = raw as Record<string, unknown>;
  const str = (key: string, optional = false): void => {
    if (optional && m[key] === undefined) return;
    if (typeof m[key] !== 'string' || (m[key] as string).length === 0) {
      throw new Error(`${file}: "${key}" must be a non-empty string, got ${show(m[key])}`);
    }
  };
  str('slug');
  str('name');
  str('seed');
  str('description', true);
  if (m['slug'] !== slug) throw new Error(`${file}: "slug" is ${show(m['slug'])} but the folder is ${show(slug)}`);
  if (!/^https?:\/\//.test(m['seed'] as string)) throw new Error(`${file}: "seed" must be an http(s) URL, got ${show(m['seed'])}`);
  if (!LANGS.includes(m['lang'] as string)) throw new Error(`${file}: "lang" must be one of ${LANGS.join('|')}, got ${show(m['lang'])}`);
  if (!KINDS.includes(m['kind'] as string)) throw new Error(`${file}: "kind" must be one of ${KINDS.join('|')}, got ${show(m['kind'])}`);
  if (m['headers'] !== undefined) {
    const headers = objectOf(m['headers'], `${file}: "headers"`);
    for (const [glob, h] of Object.entries(headers)) checkHeaders(h, `${file}: headers[${show(glob)}]`);
  }
  if (m['routes'] !== undefined) {
    const routes = objectOf(m['routes'], `${file}: "routes"`);
    for (const [glob, b] of Object.entries(routes)) validateBehaviour(b, `${file}: routes[${show(glob)}]`);
  }
  if (m['notFound'] !== undefined) {
    for (const [host, rule] of Object.entries(objectOf(m['notFound'], `${file}: "notFound"`))) {
      const r = objectOf(rule, `${file}: notFound[${show(host)}]`);
      if (!Number.isInteger(r['status']) || (r['status'] as number) < 200 || (r['status'] as number) > 599) {
        throw new Error(`${file}: notFound[${show(host)}].status must be an HTTP status, got ${show(r['status'])}`);
      }
      if (typeof r['page'] !== 'string' || !r['page'].startsWith('/')) throw new Error(`${file}: notFound[${show(host)}].page must be a path starting with '/', got ${show(r['page'])}`);
    }
  }
  if (m['expect'] !== undefined) objectOf(m['expect'], `${file}: "expect"`);
  return m as unknown as SiteManifest;
}

function objectOf(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where} must be an object, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}
