import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { contentTypeFor, isRewritable } from './content-type.js';
import { notFoundPage, send, simplePage, type Exchange } from './exchange.js';
import type { Glob } from './glob.js';
import type { HostSource, Lookup } from './host-source.js';
import type { NotFoundRule } from './site-manifest.js';

/** A site.json `headers` entry, compiled. */
export interface HeaderRule {
  glob: Glob;
  headers: Record<string, string>;
}

interface CachedBody {
  /** Identity of what was rewritten: file mtime+size, or the in-memory value itself. */
  stamp: string | Buffer;
  body: Buffer;
}

/**
 * Serves files and in-memory pages. Text bodies are port-rewritten once and kept in memory, since
 * a benchmark fetches the same fixture pages thousands of times; binary files stream from disk.
 */
export class StaticResponder {
  private readonly cache = new Map<string, CachedBody>();

  constructor(private readonly headerRules: readonly HeaderRule[], private readonly notFound: ReadonlyMap<string, NotFoundRule> = new Map()) {}

  async serve(ex: Exchange, source: HostSource): Promise<void> {
    const { req, res, target } = ex;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(ex, 405, simplePage('405 Method Not Allowed', '不支持该请求方法。'), { Allow: 'GET, HEAD' });
      return;
    }
    const found = await source.lookup(target.path);
    if (ex.gone()) return;
    switch (found.type) {
      case 'missing': {
        const rule = this.notFound.get(ex.host);
        if (rule && target.path !== rule.page) await this.serveMissing(ex, source, rule);
        else send(ex, 404, notFoundPage());
        return;
      }
      case 'directory': {
        const location = `${target.rawPath}/${target.query}`;
        send(ex, 301, simplePage('301 Moved Permanently', location), { Location: location });
        return;
      }
      default:
        break;
    }
    const headers: Record<string, string> = { 'Content-Type': contentTypeFor(found.typePath) };
    // Later rules win, so a site can set a broad default and override a corner of it. The file
    // name counts too, so `host/*.html` covers `/` and `/news/` (served from index.html).
    const asRequested = `${ex.host}${target.path}`;
    const asServed = `${ex.host}${found.typePath}`;
    for (const rule of this.headerRules) {
      if (rule.glob.test(asRequested) || rule.glob.test(asServed)) {
        for (const [name, value] of Object.entries(rule.headers)) {
          for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
          headers[name] = value;
        }
      }
    }
    if (found.type === 'file' && !isRewritable(found.typePath)) {
      this.streamFile(ex, found, headers);
      return;
    }
    const body = await this.textBody(ex, found);
    if (body === null) send(ex, 404, notFoundPage());
    else send(ex, 200, body, headers);
  }

  /** A site's own answer for a missing path: its error page with a 200 (a soft 404), or a redirect there. */
  private async serveMissing(ex: Exchange, source: HostSource, rule: NotFoundRule): Promise<void> {
    if (rule.status >= 300 && rule.status < 400) {
      send(ex, rule.status, simplePage(`${rule.status}`, rule.page), { Location: rule.page });
      return;
    }
    const found = await source.lookup(rule.page);
    if (found.type !== 'file' && found.type !== 'memory') return send(ex, 404, notFoundPage());
    const body = await this.textBody(ex, found);
    if (body === null) send(ex, 404, notFoundPage());
    else send(ex, rule.status, body, { 'Content-Type': contentTypeFor(found.typePath) });
  }

  private async textBody(ex: Exchange, found: Lookup): Promise<Buffer | null> {
    if (found.type === 'memory') {
      const raw = found.body;
      const hit = this.cache.get(found.key);
      if (hit !== undefined && hit.stamp === raw) return hit.body;
      const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      const body = isRewritable(found.typePath) ? ex.rewriter.rewriteBytes(bytes) : bytes;
      this.cache.set(found.key, { stamp: raw, body });
      return body;
    }
    if (found.type !== 'file') return null;
    const stamp = `${found.mtimeMs}:${found.size}`;
    const hit = this.cache.get(found.file);
    if (hit !== undefined && hit.stamp === stamp) return hit.body;
    try {
      const body = ex.rewriter.rewriteBytes(await readFile(found.file));
      this.cache.set(found.file, { stamp, body });
      return body;
    } catch {
      // Deleted between stat and read: same as never there.
      return null;
    }
  }

  private streamFile(ex: Exchange, found: Extract<Lookup, { type: 'file' }>, headers: Record<string, string>): void {
    const { res } = ex;
    res.statusCode = 200;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Content-Length', String(found.size));
    if (ex.req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
