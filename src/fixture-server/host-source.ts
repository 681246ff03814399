import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * What a host has at a path. `typePath` is the name that decides Content-Type (index.html for '/').
 * 'directory' means the path names a folder without its trailing slash; the caller redirects,
 * building the Location from the still-encoded path.
 */
export type Lookup =
  | { type: 'file'; file: string; typePath: string; size: number; mtimeMs: number }
  | { type: 'memory'; body: string | Buffer; key: string; typePath: string }
  | { type: 'directory' }
  | { type: 'missing' };

/** Where one host's pages come from: a folder on disk or an in-memory map. */
export interface HostSource {
  lookup(path: string): Promise<Lookup>;
}

export class DirSource implements HostSource {
  constructor(private readonly dir: string) {}

  async lookup(path: string): Promise<Lookup> {
    const rel = path.endsWith('/') ? `${path}index.html` : path;
    const file = join(this.dir, rel);
    // parseTarget already refused `..`; this catches anything it might have missed.
    if (file !== this.dir && !file.startsWith(this.dir + sep)) return { type: 'missing' };
    try {
      const st = await stat(file);
      if (st.isFile()) return { type: 'file', file, typePath: rel, size: st.size, mtimeMs: st.mtimeMs };
      if (st.isDirectory() && !path.endsWith('/')) return { type: 'directory' };
      return { type: 'missing' };
    } catch {
      // ENOENT, ENOTDIR (a file used as a folder), EACCES: all just "not here".
      return { type: 'missing' };
    }
  }
}

export class MemorySource implements HostSource {
  constructor(
    private readonly host: string,
    private readonly pages: Readonly<Record<string, string | Buffer>>,
  ) {}

  async lookup(path: string): Promise<Lookup> {
    const hit = (key: string, typePath: string): Lookup | undefined => {
      const body = Object.hasOwn(this.pages, key) ? this.pages[key] : undefined;
      return body === undefined ? undefined : { type: 'memory', body, key: `${this.host}${key}`, typePath };
    };
    if (path.endsWith('/')) return hit(path, `${path}index.html`) ?? hit(`${path}index.html`, `${path}index.html`) ?? { type: 'missing' };
    const direct = hit(path, path);
    if (direct !== undefined) return direct;
    if (Object.hasOwn(this.pages, `${path}/`) || Object.hasOwn(this.pages, `${path}/index.html`)) {
      return { type: 'directory' };
    }
    return { type: 'missing' };
  }
}
