// The HTTP client and the browser's guard proxy against a loopback "secret" service: DNS
// rebinding (the address checked is the address connected to), the seed's host on another port,
// trailing-dot and unresolvable names (refused, never allowed).
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { createAgent } from '../../src/crawl/http-client.js';
import { OriginTrust } from '../../src/crawl/origin-trust.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { GuardProxy } from '../../src/browser/guard-proxy.js';
import { resolveCrawlOptions } from '../../src/crawl/crawl-options.js';
import { HOST, crawlOnce, page, startHostileWeb } from '../helpers/hostile-web.js';
import { startSecretServer, type SecretServer } from '../helpers/secret-server.js';
import type { FixtureServer } from '../../src/fixture-server/index.js';

const REBIND = 'rebind.hostile.gov.cn';
let secret: SecretServer;
let web: FixtureServer;

/**
 * A resolver that answers `first` on its first call and the secret's 127.0.0.1 on every call
 * after: a guard that resolved once to check and again to connect would connect to the secret.
 */
function rebinding(first: string) {
  const calls: string[] = [];
  const lookup = (host: string, _o: unknown, cb: (e: NodeJS.ErrnoException | null, a: { address: string; family: number }[]) => void): void => {
    calls.push(host);
    const address = calls.length === 1 ? first : '127.0.0.1';
    cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  };
  return { calls, lookup: lookup as never };
}

beforeAll(async () => {
  secret = await startSecretServer();
  web = await startHostileWeb({
    '/': page('首页', ['/a.html', `http://${HOST}:${secret.port}/other-port.html`, `http://localhost.:${secret.port}/`]),
    '/a.html': page('文章', ['/']),
  });
});
afterAll(async () => {
  await web?.close();
  await secret?.close();
});
beforeEach(() => {
  secret.connections.length = 0;
  secret.requests.length = 0;
});

describe('the HTTP client', () => {
  it('trusts the seed host on its own port only: the same host on another loopback port is refused', async () => {
    const r = await crawlOnce(web, '/', { maxPages: 10 });
    expect(r.byUrl('/a.html')?.status).toBe('ok');
    const other = r.sink.pages.find((p) => p.url.includes(`:${secret.port}/other-port.html`));
    expect(other?.status).toBe('out-of-scope');
    expect(other?.reason).toMatch(/private address 127\.0\.0\.1/);
    expect(secret.connections).toEqual([]);
  });

  it('connects to the address it checked: a rebinding name never reaches the second answer', async () => {
    const S = secret.port;
    const resolve = new ResolveMap([]);
    // Trusted on S, so a private first answer (127.0.0.2, where nothing listens) is allowed:
    // only a second lookup at connect time could turn it into the secret's 127.0.0.1.
    const trusted = rebinding('127.0.0.2');
    const agent = createAgent({ resolve, connectTimeoutMs: 3_000, trust: OriginTrust.forSeed(`http://${REBIND}:${S}/`, { allowPrivate: false, resolve }), dnsLookup: trusted.lookup });
    try {
      const err = await request(`http://${REBIND}:${S}/`, { dispatcher: agent }).then(() => undefined, (e: Error) => e);
      expect(String((err as { code?: string })?.code ?? err)).toMatch(/ECONNREFUSED/);
      expect(trusted.calls).toEqual([REBIND]);
    } finally {
      await agent.destroy();
    }
    // Untrusted: a public first answer is where the connection goes; the private second is refused.
    const untrusted = rebinding('2001:db8::7');
    const strict = createAgent({ resolve, connectTimeoutMs: 1_500, trust: new OriginTrust({ allowPrivate: false, resolve }), dnsLookup: untrusted.lookup });
    try {
      const first = await request(`http://${REBIND}:${S}/`, { dispatcher: strict }).then(() => undefined, (e: Error) => e);
      expect(first).toBeDefined();
      expect(untrusted.calls).toHaveLength(1);
      const second = await request(`http://${REBIND}:${S}/x`, { dispatcher: strict }).then(() => undefined, (e: { code?: string }) => e);
      expect(second?.code).toBe('EPRIVATE');
    } finally {
      await strict.destroy();
    }
    expect(secret.connections).toEqual([]);
  });

  it('refuses trailing-dot names and names it cannot resolve (fails closed)', async () => {
    const resolve = new ResolveMap([]);
    const lookups: string[] = [];
    const agent = createAgent({
      resolve, connectTimeoutMs: 2_000, trust: new OriginTrust({ allowPrivate: false, resolve }),
      dnsLookup: ((host: string, _o: unknown, cb: (e: NodeJS.ErrnoException) => void) => { lookups.push(host); cb(Object.assign(new Error('nope'), { code: 'ENOTFOUND' })); }) as never,
    });
    try {
      for (const host of ['localhost.', 'foo.localhost.', 'LOCALHOST.', '[::ffff:7f00:1]', '127.1']) {
        const e = await request(`http://${host}:${secret.port}/`, { dispatcher: agent }).then(() => undefined, (x: { code?: string }) => x);
        expect(e?.code, host).toBe('EPRIVATE');
      }
      const e = await request(`http://unknown.example.com:${secret.port}/`, { dispatcher: agent }).then(() => undefined, (x: { code?: string }) => x);
      expect(e?.code).toBe('ENOTFOUND');
      // The machine's own names were refused without asking the resolver.
      expect(lookups).toEqual(['unknown.example.com']);
    } finally {
      await agent.destroy();
    }
    expect(secret.connections).toEqual([]);
  });
});

/** Opens a SOCKS5 CONNECT through the proxy; resolves with the reply code and the socket. */
async function socks(proxyPort: number, host: string, port: number): Promise<{ code: number; socket: Socket }> {
  const socket = connect(proxyPort, '127.0.0.1');
  let buf = Buffer.alloc(0);
  const waiters: (() => void)[] = [];
  socket.on('data', (d: Buffer) => { buf = Buffer.concat([buf, d]); waiters.splice(0).forEach((w) => w()); });
  socket.on('error', () => undefined);
  const read = async (n: number): Promise<Buffer> => {
    while (buf.length < n) {
      if (socket.destroyed || socket.readableEnded) break;
      await new Promise<void>((resolve) => { waiters.push(resolve); socket.once('close', resolve); });
    }
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(Buffer.from([5, 1, 0]));
  expect([...(await read(2))]).toEqual([5, 0]);
  const name = Buffer.from(host);
  const p = Buffer.alloc(2);
  p.writeUInt16BE(port);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, name.length]), name, p]));
  const reply = await read(10);
  return { code: reply[1] ?? -1, socket };
}

describe('the guard proxy', () => {
  it('refuses every private spelling, lets the trusted origin through, and relays it', async () => {
    const resolve = new ResolveMap(web.resolveArgs());
    const proxy = await new GuardProxy({ resolve, trust: OriginTrust.forSeed(web.url(HOST, '/'), { allowPrivate: false, resolve }) }).start();
    try {
      const S = secret.port;
      for (const host of ['127.0.0.1', '::1', 'localhost', 'localhost.', 'foo.localhost.', '::ffff:7f00:1', '::ffff:127.0.0.1', '64:ff9b::7f00:1', '127.1', HOST]) {
        const { code, socket } = await socks(proxy.port, host, S);
        expect(code, host).toBe(2);
        socket.destroy();
      }
      expect(proxy.refusalsSince(0).map((r) => r.host)).toContain('localhost');
      const ok = await socks(proxy.port, HOST.toUpperCase() + '.', web.port);
      expect(ok.code).toBe(0);
      ok.socket.write(`GET /a.html HTTP/1.1\r\nHost: ${HOST}\r\nConnection: close\r\n\r\n`);
      const text = await new Promise<string>((resolve) => { let t = ''; ok.socket.on('data', (d: Buffer) => (t += d.toString())); ok.socket.on('close', () => resolve(t)); });
      expect(text).toMatch(/^HTTP\/1\.1 200/);
      expect(text).toContain('文章');
    } finally {
      await proxy.close();
    }
    expect(secret.connections).toEqual([]);
  });

  it('connects to the address it checked: a rebinding name never reaches the second answer', async () => {
    const S = secret.port;
    const resolve = new ResolveMap([]);
    const trusted = rebinding('127.0.0.2');
    const proxy = await new GuardProxy({ resolve, trust: OriginTrust.forSeed(`http://${REBIND}:${S}/`, { allowPrivate: false, resolve }), dnsLookup: trusted.lookup }).start();
    try {
      const { code, socket } = await socks(proxy.port, REBIND, S);
      socket.destroy();
      expect(code).toBe(5); // connection refused at 127.0.0.2, the checked address
      expect(trusted.calls).toEqual([REBIND]);
    } finally {
      await proxy.close();
    }
    const untrusted = rebinding('2001:db8::7');
    const strict = await new GuardProxy({ resolve, trust: new OriginTrust({ allowPrivate: false, resolve }), dnsLookup: untrusted.lookup, connectTimeoutMs: 1_500 }).start();
    try {
      const first = await socks(strict.port, REBIND, S);
      first.socket.destroy();
      expect([4, 5]).toContain(first.code); // the public address does not answer here; nothing else was tried
      expect(untrusted.calls).toHaveLength(1);
      const second = await socks(strict.port, REBIND, S);
      second.socket.destroy();
      expect(second.code).toBe(2);
      expect(strict.refusalsSince(0)).toMatchObject([{ host: REBIND, port: S }]);
    } finally {
      await strict.close();
    }
    expect(secret.connections).toEqual([]);
  });

  it('refuses names it cannot resolve, and everything when it is the fallback proxy', async () => {
    const resolve = new ResolveMap(web.resolveArgs());
    const proxy = await new GuardProxy({
      resolve, trust: new OriginTrust({ allowPrivate: false, resolve }),
      dnsLookup: ((_h: string, _o: unknown, cb: (e: NodeJS.ErrnoException) => void) => cb(Object.assign(new Error('nope'), { code: 'ENOTFOUND' }))) as never,
    }).start();
    const fallback = await new GuardProxy({ resolve, trust: OriginTrust.forSeed(web.url(HOST, '/'), { allowPrivate: true, resolve }), refuseAll: true }).start();
    try {
      const unknown = await socks(proxy.port, 'unknown.example.com', 80);
      unknown.socket.destroy();
      expect(unknown.code).toBe(4);
      const any = await socks(fallback.port, HOST, web.port);
      any.socket.destroy();
      expect(any.code).toBe(2);
    } finally {
      await proxy.close();
      await fallback.close();
    }
  });
});

describe('the browser sink proxy option', () => {
  it('replaces the guard only with a proxy on this machine (a harness sink), never a way out', () => {
    for (const ok of ['http://127.0.0.1:8080', 'socks5://127.0.0.1:1080', 'http://[::1]:3128', 'http://localhost:3128']) {
      expect(resolveCrawlOptions({ browserSinkProxy: ok }).browserSinkProxy).toBe(ok);
    }
    for (const bad of ['http://10.0.0.1:3128', 'http://proxy.gov.cn:8080', 'https://127.0.0.1:1', 'not a url']) {
      expect(() => resolveCrawlOptions({ browserSinkProxy: bad }), bad).toThrow(/browserSinkProxy must be an http:\/\/ or socks5:\/\/ proxy on loopback/);
    }
  });
});
