import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureServer, loopbackRequest } from '../../src/fixture-server/index.js';
import { PortRewriter } from '../../src/fixture-server/port-rewrite.js';

const SITES = fileURLToPath(new URL('./sites/', import.meta.url));
let server: FixtureServer;
const get = (host: string, path = '/') => loopbackRequest({ port: server.port, host, path });

beforeAll(async () => {
  server = await new FixtureServer({ sitesDir: SITES }).start();
});
afterAll(() => server.close());

describe('PortRewriter', () => {
  const rw = new PortRewriter(['www.a.gov.cn', 'xxgk.a.gov.cn'], 8123);
  const text = (s: string): string => rw.rewriteBytes(Buffer.from(s, 'latin1')).toString('latin1');

  it('adds the port after fixture hosts followed by / " \' or ?', () => {
    expect(text('href="http://www.a.gov.cn/x"')).toBe('href="http://www.a.gov.cn:8123/x"');
    expect(text('href="http://xxgk.a.gov.cn"')).toBe('href="http://xxgk.a.gov.cn:8123"');
    expect(text("href='https://www.a.gov.cn'")).toBe("href='https://www.a.gov.cn:8123'");
    expect(text('http://www.a.gov.cn?q=1')).toBe('http://www.a.gov.cn:8123?q=1');
  });

  it('leaves ported, lookalike, foreign and bare-text hosts alone', () => {
    for (const s of ['http://www.a.gov.cn:80/', 'http://www.a.gov.cn.evil.com/', 'http://www.b.gov.cn/', 'www.a.gov.cn/', 'http://www.a.gov.cn<']) {
      expect(text(s)).toBe(s);
    }
  });

  it('returns the very same buffer when nothing matches', () => {
    const b = Buffer.from('no links here');
    expect(rw.rewriteBytes(b)).toBe(b);
  });

  it('rewrites header values ending at the host', () => {
    expect(rw.rewriteHeader('http://www.a.gov.cn')).toBe('http://www.a.gov.cn:8123');
    expect(rw.rewriteHeader('/relative')).toBe('/relative');
  });
});

describe('port rewriting while serving', () => {
  it('rewrites every served host in html, css, json and robots.txt', async () => {
    const p = server.port;
    const html = (await get('www.alpha.gov.cn')).body.toString();
    expect(html).toContain(`href="http://www.alpha.gov.cn:${p}/news/"`);
    expect(html).toContain(`href="http://xxgk.alpha.gov.cn:${p}/"`);
    expect(html).toContain(`href="http://xxgk.alpha.gov.cn:${p}"`);
    expect(html).toContain(`href='https://www.alpha.gov.cn:${p}'`);
    expect(html).toContain(`href="http://www.alpha.gov.cn:${p}?from=home"`);
    expect(html).toContain('href="http://www.alpha.gov.cn:8080/x.html"');
    expect(html).toContain('href="http://www.alpha.gov.cn.example.com/"');
    expect(html).toContain('href="http://www.example.com/"');
    expect((await get('www.alpha.gov.cn', '/style.css')).body.toString()).toContain(`url(http://www.alpha.gov.cn:${p}/bg.png)`);
    expect(JSON.parse((await get('www.alpha.gov.cn', '/data.json')).body.toString())).toEqual({ home: `http://www.alpha.gov.cn:${p}/` });
    // Links to another site's host served by the same server are rewritten too.
    expect((await get('xxgk.alpha.gov.cn')).body.toString()).toContain(`http://www.alpha.gov.cn:${p}/`);
  });

  it('keeps binary files byte-exact', async () => {
    const onDisk = readFileSync(new URL('./sites/alpha/www.alpha.gov.cn/doc.pdf', import.meta.url));
    expect((await get('www.alpha.gov.cn', '/doc.pdf')).body.equals(onDisk)).toBe(true);
  });

  it('keeps a GBK file byte-identical apart from the inserted ports', async () => {
    const onDisk = readFileSync(new URL('./sites/gbk/www.gbk.gov.cn/index.html', import.meta.url));
    const served = (await get('www.gbk.gov.cn')).body;
    const port = Buffer.from(`:${server.port}`, 'latin1');
    // Remove exactly the inserted ":port" after each fixture host and compare with the file.
    const marker = Buffer.from('://www.gbk.gov.cn', 'latin1');
    const parts: Buffer[] = [];
    let at = 0;
    let inserted = 0;
    for (let i = served.indexOf(marker); i >= 0; i = served.indexOf(marker, i + 1)) {
      const end = i + marker.length;
      parts.push(served.subarray(at, end));
      expect(served.subarray(end, end + port.length).equals(port)).toBe(true);
      at = end + port.length;
      inserted++;
    }
    parts.push(served.subarray(at));
    expect(inserted).toBe(2);
    expect(Buffer.concat(parts).equals(onDisk)).toBe(true);
    expect(new TextDecoder('gbk').decode(served)).toContain('政府信息公开');
  });

  it('serves rewritten pages from its cache on later requests', async () => {
    const a = (await get('www.alpha.gov.cn')).body;
    const b = (await get('www.alpha.gov.cn')).body;
    expect(a.equals(b)).toBe(true);
  });
});
