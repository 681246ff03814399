import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { show, validateBehaviour, type Behaviour } from './behaviour.js';
import { runBehaviour } from './behaviour-runner.js';
import { send, simplePage, type Exchange } from './exchange.js';
import { compileGlob } from './glob.js';
import { DirSource, MemorySource, type HostSource } from './host-source.js';
import { resolveOptions, type FixtureServerOptions, type ResolvedOptions } from './options.js';
import { PortRewriter } from './port-rewrite.js';
import { parseTarget } from './request-target.js';
import { ServerStats } from './server-stats.js';
import { loadSites, type LoadedSite, type NotFoundRule, type SiteManifest } from './site-manifest.js';
import { StaticResponder, type HeaderRule } from './static-responder.js';

/** A behaviour bound to where it applies. Each rule counts its own 'reset-times' hits. */
interface Rule {
  matches(host: string, path: string): boolean;
  behaviour: Behaviour;
  hits: Map<string, number>;
}

/**
 * Serves the fixture portals on a loopback address, routing by Host header, so a crawler given
 * `--resolve host=127.0.0.1` sees what looks like the real government web.
 */
export class FixtureServer {
  readonly stats = new ServerStats();
  private readonly opts: ResolvedOptions;
  private readonly loaded: LoadedSite[];
  private readonly sources = new Map<string, HostSource>();
  private readonly siteRules: Rule[] = [];
  private runtimeRules: Rule[] = [];
  private readonly responder: StaticResponder;
  private rewriter: PortRewriter;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly lifetime = new AbortController();
  private boundPort = 0;

  constructor(opts: FixtureServerOptions = {}) {
    this.opts = resolveOptions(opts);
    // `sites: []` means "no sites", so a farm server never touches the sites folder.
    const wantsSites = this.opts.sites === undefined || this.opts.sites.length > 0;
    this.loaded = wantsSites ? loadSites(this.opts.sitesDir, this.opts.sites) : [];
    const headerRules: HeaderRule[] = [];
    const notFound = new Map<string, NotFoundRule>();
    for (const site of this.loaded) {
      for (const [host, rule] of Object.entries(site.manifest.notFound ?? {})) notFound.set(host, rule);
      for (const [host, dir] of site.hostDirs) this.sources.set(host, new DirSource(dir));
      for (const [glob, headers] of Object.entries(site.manifest.headers ?? {})) {
        headerRules.push({ glob: compileGlob(glob), headers });
      }
      for (const [glob, behaviour] of Object.entries(site.manifest.routes ?? {})) {
        const g = compileGlob(glob);
        this.siteRules.push({ matches: (h, p) => g.test(`${h}${p}`), behaviour, hits: new Map() });
      }
    }
    for (const [host, pages] of Object.entries(this.opts.extraHosts)) {
      if (this.sources.has(host)) throw new Error(`extraHosts: ${host} is already served by a fixture site`);
      this.sources.set(host, new MemorySource(host, pages));
    }
    this.responder = new StaticResponder(headerRules, notFound);
    this.rewriter = new PortRewriter([], 0);
  }

  /** Listens; rejects with the listen error (its `code`, e.g. EADDRINUSE, kept) on failure. */
  async start(): Promise<this> {
    if (this.server !== null) throw new Error('FixtureServer.start() called twice');
    if (this.lifetime.signal.aborted) throw new Error('FixtureServer cannot be restarted after close()');
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {});
    });
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        this.server = null;
        err.message = `FixtureServer could not listen on ${this.opts.address}:${this.opts.port}: ${err.message}`;
        reject(err);
      };
      server.once('error', onError);
      server.listen(this.opts.port, this.opts.address, () => {
        server.off('error', onError);
        resolve();
      });
    });
    const addr = server.address();
    this.boundPort = typeof addr === 'object' && addr !== null ? addr.port : this.opts.port;
    this.rewriter = new PortRewriter(this.hosts(), this.boundPort);
    return this;
  }

  /** Stops at once: hung, slow and endless responses are cut by destroying their sockets. */
  async close(): Promise<void> {
    this.lifetime.abort();
    const server = this.server;
    if (server === null) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  get port(): number {
    if (this.server === null && this.boundPort === 0) throw new Error('FixtureServer.port read before start()');
    return this.boundPort;
  }

  get address(): string {
    return this.opts.address;
  }

  /** Every hostname served, sorted. */
  hosts(): string[] {
    return [...this.sources.keys()].sort();
  }

  /** Parsed site.json files, in slug order. */
  sites(): SiteManifest[] {
    return this.loaded.map((s) => s.manifest);
  }

  /** Hostnames of one site (its host folders), sorted. */
  siteHosts(slug: string): string[] {
    const site = this.loaded.find((s) => s.manifest.slug === slug);
    if (site === undefined) throw new Error(`siteHosts: this server has no site ${show(slug)}`);
    return [...site.hostDirs.keys()].sort();
  }

  /** 'http://host:port/path' for a served host. */
  url(host: string, path = '/'): string {
    if (!this.sources.has(host)) throw new Error(`url: this server does not serve host ${show(host)}`);
    return `http://${host}:${this.port}${path.startsWith('/') ? path : `/${path}`}`;
  }

  /** ['host=address', ...] one per host, for the crawler's --resolve. */
  resolveArgs(): string[] {
    return this.hosts().map((h) => `${h}=${this.opts.address}`);
  }

  /** Adds a runtime behaviour; later calls win over earlier ones and over site.json routes. */
  setBehaviour(hostGlob: string, pathGlob: string, b: Behaviour): void {
    const host = compileGlob(hostGlob);
    const path = compileGlob(pathGlob);
    const behaviour = validateBehaviour(b, `setBehaviour(${show(hostGlob)}, ${show(pathGlob)})`);
    this.runtimeRules.unshift({ matches: (h, p) => host.test(h) && path.test(p), behaviour, hits: new Map() });
  }

  /** Drops runtime behaviours (site.json routes stay). */
  clearBehaviours(): void {
    this.runtimeRules = [];
  }

  private findRule(host: string, path: string): Rule | undefined {
    return this.runtimeRules.find((r) => r.matches(host, path)) ?? this.siteRules.find((r) => r.matches(host, path));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => {});
    res.on('error', () => {});
    const host = hostOf(req.headers.host);
    const { record, done } = this.stats.begin(host, req.url ?? '', req.method ?? '', req.headers['user-agent'] ?? '');
    let gone = false;
    const waiters = new Set<() => void>();
    const over = (): void => {
      gone = true;
      record.status = res.headersSent ? res.statusCode : undefined;
      done();
      for (const wake of waiters) wake();
    };
    res.once('finish', over);
    res.once('close', over);
    // A request is over for the server once it has handed over the last byte. 'finish' can fire a
    // poll later, and a file streamed with a Content-Length is complete for the client at its last
    // write, before end() is called: counting until then would charge the crawler with a request it
    // had already finished, against its per-host limit.
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    res.end = ((...a: unknown[]) => {
      const r = end(...a);
      over();
      return r;
    }) as typeof res.end;
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    let written = 0;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const ok = write(chunk, ...rest);
      written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer | undefined)?.length ?? 0;
      const length = Number(res.getHeader('content-length'));
      if (Number.isFinite(length) && written >= length) over();
      return ok;
    }) as typeof res.write;
    const isGone = (): boolean => gone || this.lifetime.signal.aborted || res.destroyed;
    // No abort listener needed for close(): it destroys every socket, which fires 'close' above.
    const wait = (ms: number): Promise<boolean> =>
      new Promise((resolve) => {
        if (isGone()) return resolve(false);
        const wake = (): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(!isGone());
        };
        const timer = setTimeout(wake, ms);
        waiters.add(wake);
      });
    try {
      if (this.opts.latencyMs > 0 && !(await wait(this.opts.latencyMs))) return;
      const source = this.sources.get(host);
      if (source === undefined) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '12' }).end('unknown host');
        return;
      }
      const target = parseTarget(req.url);
      if (target === null) {
        res.writeHead(400, { 'Content-Type': 'text/html; charset=utf-8' }).end(simplePage('400 Bad Request', '请求地址无效。'));
        return;
      }
      const ex: Exchange = {
        req, res, host, target, rewriter: this.rewriter,
        gone: isGone,
        wait,
        serveNormally: () => this.responder.serve(ex, source),
      };
      const rule = this.findRule(host, target.path);
      if (rule === undefined) {
        await ex.serveNormally();
        return;
      }
      const key = `${host}${target.path}`;
      const attempt = (rule.hits.get(key) ?? 0) + 1;
      rule.hits.set(key, attempt);
      await runBehaviour(ex, rule.behaviour, attempt);
    } catch (err) {
      // A fixture bug must not take the server down mid-benchmark; answer 500 and carry on.
      if (!res.headersSent && !isGone()) send({ res, gone: isGone }, 500, simplePage('500', String(err)));
      else res.destroy();
    }
  }
}

/** Host header without port, lowercased; '[::1]:80' keeps its brackets. */
function hostOf(header: string | undefined): string {
  if (header === undefined) return '';
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return (colon >= 0 ? h.slice(0, colon) : h).replace(/\.$/, '');
}
