// The browser's only way out: a SOCKS5 proxy in this process, one per site, on 127.0.0.1.
// Chromium sends every connection of the site's contexts through it (documents, sub-resources,
// fetch and XHR from pages and workers, WebSockets, preconnects; Playwright's route handler
// never sees WebSockets, a proxy does) with the host name as written, never resolved by
// Chromium (SOCKS5 resolves at the proxy, and host-resolver rules make Chromium's own resolver
// answer nothing). For each connection the proxy runs the crawler's own check (resolveChecked:
// canonical name, one lookup, private addresses refused unless this site trusts the origin,
// host and port) and connects to exactly the addresses it checked, so a name that answers a
// public address to the check and a private one a moment later (DNS rebinding) still reaches
// only the public one.
//
// SOCKS5 rather than an HTTP proxy: one code path (CONNECT to host:port) for http, https, ws and
// wss, nothing to parse or forward at the HTTP level, and no plain-HTTP forwarding that Chromium
// would reuse across hosts on one proxy connection.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { ipv6Bytes, canonicalHost } from '../crawl/address-guard.js';
import { resolveChecked, pinnedLookup, type DnsLookup } from '../crawl/guarded-resolve.js';
import type { OriginTrust } from '../crawl/origin-trust.js';
import type { ResolveMap } from '../crawl/resolve-map.js';

export interface GuardProxyOptions {
  resolve: ResolveMap;
  trust: OriginTrust;
  dnsLookup?: DnsLookup;
  /** Resolving plus connecting, per connection. @default 10000 */
  connectTimeoutMs?: number;
  /** Refuse every connection: the browser-wide fallback for a context that was given no proxy. */
  refuseAll?: boolean;
}

export interface Refusal {
  /** Sequence number: refusals since a render began are those with seq >= the value read then. */
  seq: number;
  /** Canonical host and port, as Chromium asked for them. */
  host: string;
  port: number;
  reason: string;
}

// SOCKS5 reply codes (RFC 1928 §6).
const REP = { ok: 0, failure: 1, notAllowed: 2, hostUnreachable: 4, refused: 5, commandNotSupported: 7, addressNotSupported: 8 } as const;
const HANDSHAKE_MS = 10_000;
const KEPT_REFUSALS = 500;

function reply(code: number): Buffer {
  return Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
}

function ipv6String(b: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
  return groups.join(':');
}

export class GuardProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly kept: Refusal[] = [];
  private nextSeq = 0;
  /** Connections let through, and refused by the guard. */
  readonly stats = { allowed: 0, refused: 0, failed: 0 };

  constructor(private readonly o: GuardProxyOptions) {}

  async start(): Promise<this> {
    const server = createServer((s) => this.serve(s));
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  get port(): number {
    const a = this.server?.address();
    if (!a || typeof a !== 'object') throw new Error('GuardProxy.port read before start()');
    return a.port;
  }

  /** For Playwright's `proxy.server` and Chromium's --proxy-server. */
  get url(): string {
    return `socks5://127.0.0.1:${this.port}`;
  }

  /** The sequence number the next refusal will get. */
  get seq(): number {
    return this.nextSeq;
  }

  refusalsSince(seq: number): Refusal[] {
    return this.kept.filter((r) => r.seq >= seq);
  }

  /** The refusal, since seq, of the origin a URL connects to; undefined if it was not refused. */
  refusalOf(rawUrl: string, seq: number): Refusal | undefined {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return undefined;
    }
    if (!/^(https?|wss?):$/.test(url.protocol)) return undefined;
    const host = canonicalHost(url.hostname);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' || url.protocol === 'wss:' ? 443 : 80;
    return this.kept.find((r) => r.seq >= seq && r.host === host && r.port === port);
  }

  private refuse(host: string, port: number, reason: string): void {
    this.stats.refused++;
    this.kept.push({ seq: this.nextSeq++, host: canonicalHost(host) ?? host, port, reason });
    if (this.kept.length > KEPT_REFUSALS) this.kept.splice(0, this.kept.length - KEPT_REFUSALS);
  }

  private serve(client: Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    client.setTimeout(HANDSHAKE_MS, () => client.destroy());
    let buf = Buffer.alloc(0);
    let stage: 'greeting' | 'request' | 'connecting' = 'greeting';
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > 1024) return void client.destroy();
      if (stage === 'greeting') {
        if (buf.length < 2) return;
        if (buf[0] !== 5) return void client.destroy();
        const n = buf[1]!;
        if (buf.length < 2 + n) return;
        const methods = buf.subarray(2, 2 + n);
        buf = buf.subarray(2 + n);
        if (!methods.includes(0)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, 0]));
        stage = 'request';
      }
      if (stage === 'request') {
        if (buf.length < 5) return;
        if (buf[0] !== 5) return void client.destroy();
        const cmd = buf[1]!;
        const atyp = buf[3]!;
        let host: string;
        let at: number;
        if (atyp === 1) {
          if (buf.length < 10) return;
          host = [...buf.subarray(4, 8)].join('.');
          at = 8;
        } else if (atyp === 3) {
          const len = buf[4]!;
          if (buf.length < 5 + len + 2) return;
          host = buf.subarray(5, 5 + len).toString('latin1');
          at = 5 + len;
        } else if (atyp === 4) {
          if (buf.length < 22) return;
          host = ipv6String(buf.subarray(4, 20));
          at = 20;
        } else {
          return void client.end(reply(REP.addressNotSupported));
        }
        const port = buf.readUInt16BE(at);
        const rest = buf.subarray(at + 2);
        stage = 'connecting';
        client.off('data', onData);
        client.pause();
        if (cmd !== 1) {
          // BIND and UDP ASSOCIATE: never (UDP would bypass every check here).
          this.refuse(host, port, `SOCKS command ${cmd} not supported`);
          return void client.end(reply(REP.commandNotSupported));
        }
        void this.open(client, host, port, rest);
      }
    };
    client.on('data', onData);
  }

  private async open(client: Socket, rawHost: string, port: number, early: Buffer): Promise<void> {
    if (this.o.refuseAll) {
      this.refuse(rawHost, port, 'no proxy was set for this browser context');
      return void client.end(reply(REP.notAllowed));
    }
    if (port === 0 || (rawHost.includes(':') && !ipv6Bytes(rawHost))) {
      this.refuse(rawHost, port, 'not a connectable address');
      return void client.end(reply(REP.notAllowed));
    }
    const timeoutMs = this.o.connectTimeoutMs ?? 10_000;
    const started = Date.now();
    let addresses;
    try {
      addresses = await resolveChecked(rawHost, port, { resolve: this.o.resolve, trust: this.o.trust, dnsLookup: this.o.dnsLookup, timeoutMs });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EPRIVATE') {
        this.refuse(rawHost, port, e.message);
        return void client.end(reply(REP.notAllowed));
      }
      this.stats.failed++;
      return void client.end(reply(REP.hostUnreachable));
    }
    if (client.destroyed) return;
    const host = canonicalHost(rawHost)!;
    const upstream = connect({ host, port, lookup: pinnedLookup(addresses) as never, autoSelectFamily: true });
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.setTimeout(Math.max(1, timeoutMs - (Date.now() - started)), () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    let connected = false;
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected) {
        connected = true; // answered once
        this.stats.failed++;
        client.end(reply(err.code === 'ECONNREFUSED' ? REP.refused : REP.hostUnreachable));
      }
      upstream.destroy();
    });
    upstream.once('connect', () => {
      if (connected) return;
      connected = true;
      this.stats.allowed++;
      upstream.setTimeout(0);
      client.setTimeout(0);
      client.write(reply(REP.ok));
      if (early.length) upstream.write(early);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
