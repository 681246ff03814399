// Serves corpus pages on 127.0.0.1 under their real hostnames and paths, keyed by Host and path:
// the stored bytes exactly, with the manifest's Content-Type (by default text/html with no
// charset, so the page's own declaration decides). https pages are served over plain http.
//
// It is also the browser pass's HTTP proxy (absolute-form requests and CONNECT): Chromium is
// pointed at it by the crawl option browserSinkProxy, in place of govbench's guard proxy, so the only thing a page's images, frames and
// scripts can reach is this server, which answers nothing but corpus pages. Every request is
// logged, so a test can see where a page was fetched from.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { normalizeUrl } from '../../src/crawl/url-normalize.js';
import type { CorpusPage } from './corpus.js';

export interface ServedRequest {
  /** `direct` to the server, `proxy` when it came as a proxy request (the browser), `connect` for a refused tunnel. */
  via: 'direct' | 'proxy' | 'connect';
  host: string;
  path: string;
  remoteAddress: string;
  status: number;
  /** The corpus file served, when one was. */
  file?: string;
}

export class CorpusServer {
  private readonly server: Server;
  private readonly exact = new Map<string, CorpusPage>();
  private readonly normalized = new Map<string, CorpusPage>();
  readonly requests: ServedRequest[] = [];
  port = 0;

  constructor(pages: readonly CorpusPage[], readonly address = '127.0.0.1') {
    for (const p of pages) {
      this.exact.set(`${p.host}\n${p.pathAndQuery}`, p);
      this.normalized.set(normalizeUrl(`http://${p.host}${p.pathAndQuery}`), p);
    }
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.on('connect', (req: IncomingMessage, socket: Socket) => {
      // No tunnels: an https sub-request of a page would leave loopback.
      this.requests.push({ via: 'connect', host: req.url ?? '', path: '', remoteAddress: socket.remoteAddress ?? '', status: 403 });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((ok, fail) => {
      this.server.once('error', fail);
      this.server.listen(0, this.address, () => ok());
    });
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** The URL a page is audited at: plain http, its real host, this server's port, its path. */
  seedUrl(p: CorpusPage): string {
    return `http://${p.host}:${this.port}${p.pathAndQuery}`;
  }

  /** A proxy URL for Chromium (the crawl option browserSinkProxy): every request of the browser comes here. */
  proxyUrl(): string {
    return `http://${this.address}:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private find(host: string, pathAndQuery: string): CorpusPage | undefined {
    const exact = this.exact.get(`${host}\n${pathAndQuery}`);
    if (exact) return exact;
    try {
      return this.normalized.get(normalizeUrl(`http://${host}${pathAndQuery}`));
    } catch {
      return undefined;
    }
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const proxied = /^https?:\/\//i.test(raw);
    let url: URL;
    try {
      url = proxied ? new URL(raw) : new URL(raw, `http://${req.headers.host ?? 'unknown'}`);
    } catch {
      url = new URL('http://invalid/');
    }
    const host = url.hostname.toLowerCase();
    const path = url.pathname + url.search;
    const page = req.method === 'GET' || req.method === 'HEAD' ? this.find(host, path) : undefined;
    const log: ServedRequest = { via: proxied ? 'proxy' : 'direct', host, path, remoteAddress: req.socket.remoteAddress ?? '', status: 404 };
    this.requests.push(log);
    if (!page) {
      // robots.txt too: a 404 robots.txt allows everything (RFC 9309), as on most portals.
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not in the corpus\n');
      return;
    }
    try {
      const body = await readFile(page.path);
      log.status = 200;
      log.file = page.file;
      res.writeHead(200, { 'content-type': page.contentType, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      log.status = 500;
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`cannot read ${page.file}: ${(err as Error).message}\n`);
    }
  }
}
