import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { show } from './behaviour.js';
import { isHostname } from './site-manifest.js';

export interface FixtureServerOptions {
  /**
   * Folder holding one sub-folder per portal (see fixtures/README.md).
   * @default <repo>/fixtures/sites, where <repo> is the nearest folder above this module with a
   * package.json (so it works from src/ under vitest and from dist/src/ after tsc)
   */
  sitesDir?: string;
  /**
   * Loopback address to listen on; anything outside 127.0.0.0/8 is refused, so a fixture can
   * never be exposed on a real interface.
   * @default '127.0.0.1'
   */
  address?: string;
  /** Port to listen on; 0 lets the OS pick a free one. @default 0 */
  port?: number;
  /** Milliseconds added before every response, to model a distant server. @default 0 */
  latencyMs?: number;
  /** Only serve these site slugs; `[]` serves none (handy with `extraHosts`). @default all sites */
  sites?: string[];
  /**
   * In-memory hosts served beside the sites: hostname -> path (starting with '/', no query) -> body.
   * '/x/' keys are directory pages; '/x' then redirects to '/x/'.
   * @default {}
   */
  extraHosts?: Record<string, Record<string, string | Buffer>>;
}

export interface ResolvedOptions {
  sitesDir: string;
  address: string;
  port: number;
  latencyMs: number;
  sites: string[] | undefined;
  extraHosts: Record<string, Record<string, string | Buffer>>;
}

const KNOWN = ['sitesDir', 'address', 'port', 'latencyMs', 'sites', 'extraHosts'];

/** Walks up from `start` to the first folder with a package.json. */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}; pass sitesDir explicitly`);
    dir = parent;
  }
}

export function defaultSitesDir(): string {
  return join(findRepoRoot(), 'fixtures', 'sites');
}

/** True for dotted-quad IPv4 addresses in 127.0.0.0/8. */
export function isLoopbackV4(address: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (m === null) return false;
  const octets = m.slice(1).map(Number);
  return octets[0] === 127 && octets.every((o) => o <= 255) && m.slice(1).every((o) => o === '0' || !o.startsWith('0'));
}

export function resolveOptions(opts: FixtureServerOptions = {}): ResolvedOptions {
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`options must be an object, got ${show(opts)}`);
  for (const key of Object.keys(opts)) {
    if (!KNOWN.includes(key)) throw new TypeError(`unknown FixtureServer option ${show(key)} (known: ${KNOWN.join(', ')})`);
  }
  const address = opts.address ?? '127.0.0.1';
  if (typeof address !== 'string' || !isLoopbackV4(address)) {
    throw new RangeError(`address must be an IPv4 loopback address in 127.0.0.0/8, got ${show(address)}`);
  }
  const port = opts.port ?? 0;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer in [0, 65535], got ${show(port)}`);
  }
  const latencyMs = opts.latencyMs ?? 0;
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new RangeError(`latencyMs must be a finite number >= 0, got ${show(latencyMs)}`);
  }
  if (opts.sites !== undefined && (!Array.isArray(opts.sites) || opts.sites.some((s) => typeof s !== 'string'))) {
    throw new TypeError(`sites must be an array of slugs, got ${show(opts.sites)}`);
  }
  if (opts.sitesDir !== undefined && (typeof opts.sitesDir !== 'string' || opts.sitesDir === '')) {
    throw new TypeError(`sitesDir must be a non-empty path, got ${show(opts.sitesDir)}`);
  }
  const extraHosts = opts.extraHosts ?? {};
  if (typeof extraHosts !== 'object' || extraHosts === null || Array.isArray(extraHosts)) {
    throw new TypeError(`extraHosts must be an object of hostname -> pages, got ${show(extraHosts)}`);
  }
  for (const [host, pages] of Object.entries(extraHosts)) {
    if (!isHostname(host)) throw new RangeError(`extraHosts: ${show(host)} is not a lowercase hostname`);
    if (typeof pages !== 'object' || pages === null || Array.isArray(pages)) {
      throw new TypeError(`extraHosts[${show(host)}] must be an object of path -> body, got ${show(pages)}`);
    }
    for (const [path, body] of Object.entries(pages)) {
      if (!path.startsWith('/') || path.includes('?') || path.includes('#')) {
        throw new RangeError(`extraHosts[${show(host)}]: path ${show(path)} must start with '/' and carry no query`);
      }
      if (typeof body !== 'string' && !Buffer.isBuffer(body)) {
        throw new TypeError(`extraHosts[${show(host)}][${show(path)}] must be a string or Buffer, got ${show(body)}`);
      }
    }
  }
  return {
    sitesDir: resolve(opts.sitesDir ?? defaultSitesDir()),
    address,
    port,
    latencyMs,
    sites: opts.sites === undefined ? undefined : [...opts.sites],
    extraHosts,
  };
}
