import { describe, expect, it } from 'vitest';
import { farmAddress, farmHost, generateFarm, loopbackRequest, startFarm } from '../../src/fixture-server/index.js';

describe('generateFarm', () => {
  const farm = generateFarm(3, { pagesPerSite: 45 });
  const site = farm['www.site0001.gov.cn']!;

  it('is deterministic and per-site independent of the farm size', () => {
    expect(generateFarm(3, { pagesPerSite: 45 })).toEqual(farm);
    expect(generateFarm(1, { pagesPerSite: 45 })['www.site0001.gov.cn']).toEqual(site);
    expect(generateFarm(1, { pagesPerSite: 45, seed: 2 })['www.site0001.gov.cn']).not.toEqual(site);
    expect(Object.keys(farm)).toEqual(['www.site0001.gov.cn', 'www.site0002.gov.cn', 'www.site0003.gov.cn']);
    expect(farmHost(12)).toBe('www.site0012.gov.cn');
  });

  it('builds a portal: nav, columns, dated articles, footer, realistic sizes', () => {
    const articles = Object.keys(site).filter((p) => /\/t\d{8}_\d+\.html$/.test(p));
    expect(articles).toHaveLength(45);
    expect(site['/xwdt/']).toBeDefined();
    expect(site['/robots.txt']).toContain('User-agent');
    for (const word of ['信息公开', '办事服务', '互动交流', '新闻动态', '网站标识码', 'ICP备']) expect(site['/']).toContain(word);
    expect(site['/']).toMatch(/<span>20\d\d-\d\d-\d\d<\/span>/);
    for (const [path, body] of Object.entries(site)) {
      if (!path.endsWith('/') && !path.endsWith('.html')) continue;
      const size = Buffer.byteLength(body);
      expect(size, path).toBeGreaterThanOrEqual(8 * 1024);
      expect(size, path).toBeLessThanOrEqual(40 * 1024);
    }
  });

  it('links only to pages that exist on the same host', () => {
    for (const [path, body] of Object.entries(site)) {
      if (!path.endsWith('/') && !path.endsWith('.html')) continue;
      for (const m of body.matchAll(/href="([^"]+)"/g)) {
        const href = m[1]!;
        if (href.startsWith('javascript:')) continue;
        const url = new URL(href, `http://www.site0001.gov.cn${path}`);
        expect(url.hostname, href).toBe('www.site0001.gov.cn');
        expect(site[url.pathname], `${path} -> ${href}`).toBeDefined();
      }
    }
  });

  it('rejects bad arguments by value', () => {
    expect(() => generateFarm(-1)).toThrow(/-1/);
    expect(() => generateFarm(1, { pagesPerSite: 2.5 })).toThrow(/2\.5/);
    expect(() => generateFarm(1, { pages: 3 } as never)).toThrow(/"pages"/);
  });
});

describe('startFarm', () => {
  it('counts addresses up from 127.0.1.1, skipping .0 and .255', () => {
    expect([0, 1, 253, 254, 508].map((i) => farmAddress('127.0.1.', i))).toEqual(['127.0.1.1', '127.0.1.2', '127.0.1.254', '127.0.2.1', '127.0.3.1']);
    expect(() => farmAddress('10.0.0.', 0)).toThrow(/10\.0\.0\./);
  });

  it('serves each site on its own loopback address, all on one port', async () => {
    const farm = await startFarm(4, { addressBase: '127.0.9.', pagesPerSite: 8 });
    try {
      expect(farm.sites.map((s) => s.address)).toEqual(['127.0.9.1', '127.0.9.2', '127.0.9.3', '127.0.9.4']);
      const port = farm.sites[0]!.port;
      expect(farm.sites.every((s) => s.port === port)).toBe(true);
      expect(farm.sites[2]).toEqual({ host: 'www.site0003.gov.cn', address: '127.0.9.3', port, seed: `http://www.site0003.gov.cn:${port}/` });
      for (const s of farm.sites) {
        const res = await loopbackRequest({ address: s.address, port, host: s.host });
        expect(res.status).toBe(200);
        expect(res.body.toString()).toContain(`http://${s.host}:${port}/xwdt/`);
        // Each address serves only its own site.
        const other = farm.sites.find((o) => o !== s)!;
        expect((await loopbackRequest({ address: s.address, port, host: other.host })).status).toBe(404);
      }
      expect(farm.servers[1]!.stats.requestCount('www.site0002.gov.cn')).toBe(1);
    } finally {
      await farm.close();
    }
  });
});
