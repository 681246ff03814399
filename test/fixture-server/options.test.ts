import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSitesDir, findRepoRoot, FixtureServer } from '../../src/fixture-server/index.js';

const SITES = fileURLToPath(new URL('./sites/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'fixture-server-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let made = 0;
function siteDir(slug: string, manifest: unknown, hosts: string[] = ['www.t.gov.cn']): string {
  const root = join(scratch, String(made++));
  mkdirSync(join(root, slug), { recursive: true });
  writeFileSync(join(root, slug, 'site.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const h of hosts) mkdirSync(join(root, slug, h), { recursive: true });
  return root;
}
const good = { slug: 'x', name: 'X', seed: 'http://www.t.gov.cn/', lang: 'zh', kind: 'county' };

describe('FixtureServer options', () => {
  it('finds the repo root and default sites folder by walking up to package.json', () => {
    expect(existsSync(join(findRepoRoot(), 'package.json'))).toBe(true);
    expect(defaultSitesDir()).toBe(join(findRepoRoot(), 'fixtures', 'sites'));
  });

  it('accepts any 127.0.0.0/8 address and refuses others by name', async () => {
    const srv = await new FixtureServer({ sitesDir: SITES, address: '127.0.0.2' }).start();
    expect(srv.address).toBe('127.0.0.2');
    expect(srv.resolveArgs()[0]).toMatch(/=127\.0\.0\.2$/);
    await srv.close();
    for (const address of ['0.0.0.0', '192.168.1.1', 'localhost', '::1', '128.0.0.1', '127.0.0.256', '127.0.0']) {
      expect(() => new FixtureServer({ sitesDir: SITES, address }), address).toThrow(address);
    }
  });

  it('rejects bad values and unknown keys, naming them', () => {
    expect(() => new FixtureServer({ port: 70000 })).toThrow(/70000/);
    expect(() => new FixtureServer({ port: 1.5 })).toThrow(/1\.5/);
    expect(() => new FixtureServer({ latencyMs: -3 })).toThrow(/-3/);
    expect(() => new FixtureServer({ latency: 3 } as never)).toThrow(/"latency"/);
    expect(() => new FixtureServer({ sitesDir: SITES, sites: ['nope'] })).toThrow(/"nope"/);
    expect(() => new FixtureServer({ sitesDir: join(scratch, 'missing') })).toThrow(/missing/);
    expect(() => new FixtureServer({ sites: [], extraHosts: { 'Bad Host': {} } })).toThrow(/Bad Host/);
    expect(() => new FixtureServer({ sites: [], extraHosts: { 'www.a.gov.cn': { 'x.html': '' } } })).toThrow(/x\.html/);
    expect(() => new FixtureServer({ sitesDir: SITES, extraHosts: { 'www.alpha.gov.cn': { '/': '' } } })).toThrow(/www\.alpha\.gov\.cn/);
  });

  it('serves only the chosen sites, or none with sites: []', () => {
    expect(new FixtureServer({ sitesDir: SITES, sites: ['gbk'] }).hosts()).toEqual(['www.gbk.gov.cn']);
    expect(new FixtureServer({ sitesDir: '/nonexistent', sites: [], extraHosts: { 'www.e.gov.cn': {} } }).hosts()).toEqual(['www.e.gov.cn']);
  });

  it('reports a broken site.json with its path and field', () => {
    expect(() => new FixtureServer({ sitesDir: siteDir('x', '{nope') })).toThrow(/site\.json: not valid JSON/);
    expect(() => new FixtureServer({ sitesDir: siteDir('x', { ...good, lang: 'fr' }) })).toThrow(/"lang".*"fr"/);
    expect(() => new FixtureServer({ sitesDir: siteDir('x', { ...good, slug: 'y' }) })).toThrow(/"y"/);
    expect(() => new FixtureServer({ sitesDir: siteDir('x', { ...good, seed: 'http://www.other.gov.cn/' }) })).toThrow(/www\.other\.gov\.cn/);
    expect(() => new FixtureServer({ sitesDir: siteDir('x', { ...good, routes: { 'www.t.gov.cn/a': { kind: 'nap' } } }) })).toThrow(/nap/);
    expect(() => new FixtureServer({ sitesDir: siteDir('x', good, ['www.t.gov.cn', 'Assets']) })).toThrow(/Assets/);
    expect(new FixtureServer({ sitesDir: siteDir('x', good, ['www.t.gov.cn', '_drafts']) }).hosts()).toEqual(['www.t.gov.cn']);
  });

  it('refuses port before start and a second start', async () => {
    const srv = new FixtureServer({ sitesDir: SITES });
    expect(() => srv.port).toThrow(/before start/);
    await srv.start();
    await expect(srv.start()).rejects.toThrow(/twice/);
    await srv.close();
    await srv.close();
  });

  it('reports a busy port with its code kept', async () => {
    const a = await new FixtureServer({ sitesDir: SITES }).start();
    const b = new FixtureServer({ sitesDir: SITES, port: a.port });
    await expect(b.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await a.close();
  });
});

describe('the real fixture sites', () => {
  it('load and serve their seed pages (whatever sites exist so far)', async () => {
    const srv = await new FixtureServer().start();
    try {
      for (const site of srv.sites()) {
        const seed = new URL(site.seed);
        expect(srv.hosts()).toContain(seed.hostname);
      }
    } finally {
      await srv.close();
    }
  });
});
