// The site-list loader on the published lists in ../shared/data/site-lists/ (read in place, never
// copied), on the bundled lists, and on malformed input.
import { describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSiteList, parseSiteList, SiteListError } from '../../src/sites/site-list.js';
import { repoPath, repoRoot } from '../../src/util/repo-path.js';
import { tempDir } from '../helpers/temp-dir.js';
import { runCli } from '../helpers/cli.js';

const shared = join(repoRoot(), '..', 'shared', 'data', 'site-lists');
const dir = tempDir();

function problems(file: string): string[] {
  try {
    loadSiteList(file);
  } catch (err) {
    if (err instanceof SiteListError) return err.problems;
    throw err;
  }
  return [];
}

describe('published site lists', () => {
  it('reads the central-organ list (Organ,Url columns)', () => {
    const sites = loadSiteList(join(shared, 'cn-central-organs.csv'));
    expect(sites.length).toBe(82);
    expect(sites[0]).toMatchObject({ name: 'State Council', url: 'https://www.gov.cn/', line: 2 });
    expect(sites.every((s) => /^https?:\/\//.test(s.url))).toBe(true);
  });

  it('reads CISA\'s registry: bare domains become https URLs, the state becomes the region', () => {
    const sites = loadSiteList(join(shared, 'us-federal-dotgov-domains.csv'));
    expect(sites.length).toBe(1321);
    expect(sites[0]).toMatchObject({ name: 'Access Board', url: 'https://access-board.gov/', region: 'DC' });
  });

  it('refuses the provincial list with its known errors, each with its line', () => {
    const p = problems(join(shared, 'cn-provincial-and-city-portals.csv'));
    // SOURCES.md: the Shanxi row points at the Shaanxi portal; the loader sees the duplicate.
    expect(p).toContainEqual(expect.stringMatching(/^line \d+: duplicate of line \d+ \(http:\/\/www\.shaanxi\.gov\.cn\/\)$/));
    expect(p).toContainEqual(expect.stringMatching(/^line 208: bad URL "htttp:\/\/www\.gzxy\.gov\.cn\/"$/));
  });

  it('names the line of whatever it refuses in the prefecture and county list', () => {
    const p = problems(join(shared, 'cn-prefecture-and-county-sites.csv'));
    // Whatever it finds, it names the line; nothing is dropped without a word.
    for (const x of p) expect(x).toMatch(/^line \d+: /);
  });
});

describe('bundled site lists', () => {
  const files = readdirSync(repoPath('checklists', 'sites')).filter((f) => /\.(csv|json)$/.test(f));
  it.each(files)('%s loads without problems and says where its facts come from', (f) => {
    const sites = loadSiteList(repoPath('checklists', 'sites', f));
    expect(sites.length).toBeGreaterThan(5);
    expect(sites.every((s) => s.name && s.level)).toBe(true);
  });

  it('covers all 31 provincial-level governments', () => {
    const provinces = loadSiteList(repoPath('checklists', 'sites', 'cn-provincial-portals.csv')).filter((s) => s.level === 'province');
    expect(provinces).toHaveLength(31);
    const hosts = provinces.map((p) => new URL(p.url).hostname);
    // The published list's error, fixed: Shanxi and Shaanxi are two portals.
    expect(hosts).toContain('www.shanxi.gov.cn');
    expect(hosts).toContain('www.shaanxi.gov.cn');
  });
});

describe('malformed lists', () => {
  it('names the line of every bad row, and refuses the list whole', () => {
    const text = ['# a comment with the sources', 'name,url,level', 'Good,http://www.a.gov.cn/,city', 'No URL,,city', 'Bad,ftp://x.gov.cn/,city',
      'Dup,http://www.a.gov.cn/index.html,city', ',http://www.b.gov.cn/,city', 'Odd,http://www.c.gov.cn/,galaxy'].join('\n');
    expect(() => parseSiteList(text, 'list.csv')).toThrow(SiteListError);
    try {
      parseSiteList(text, 'list.csv');
    } catch (err) {
      expect((err as SiteListError).problems).toEqual([
        'line 4: no URL',
        'line 5: bad URL "ftp://x.gov.cn/"',
        'line 6: duplicate of line 3 (http://www.a.gov.cn/index.html)',
        'line 7: no name for http://www.b.gov.cn/',
        'line 8: level "galaxy" is not one of ministry, province, prefecture, city, county, township, federal, state, local, other',
      ]);
    }
  });

  it('names a row with more fields than the header, as it names the other bad rows', () => {
    // An unquoted comma in a name shifts every later field: the row is refused, not misread.
    const text = ['name,url,level', 'Good,http://www.a.gov.cn/,city', 'Ministry of Roads, Bridges,http://www.b.gov.cn/,ministry',
      'Bad,ftp://x.gov.cn/,city', 'Trailing,http://www.c.gov.cn/,city,', 'Short,http://www.d.gov.cn/'].join('\n');
    let problems: string[] = [];
    try {
      parseSiteList(text, 'list.csv');
    } catch (err) {
      problems = (err as SiteListError).problems;
    }
    expect(problems).toEqual([
      'line 3: 4 fields, but the header has 3 (a comma inside a value needs the value in double quotes)',
      'line 4: bad URL "ftp://x.gov.cn/"',
      'line 5: 4 fields, but the header has 3 (a comma inside a value needs the value in double quotes)',
    ]);
  });

  it('reports a missing column with the header it found', () => {
    expect(() => parseSiteList('title,link\nA,http://a.gov.cn/\n', 'x.csv')).toThrow(/line 1: missing column "url" \(header: title, link\)/);
  });

  it('reads JSON lists, with tags as a list', () => {
    const sites = parseSiteList(JSON.stringify({ sites: [{ name: '示范部', url: 'www.shifan.gov.cn', level: 'ministry', tags: ['a', 'b'] }] }), 'x.json');
    expect(sites[0]).toMatchObject({ name: '示范部', url: 'https://www.shifan.gov.cn/', tags: ['a', 'b'] });
  });

  it('govbench run exits 2 with the problems, and stores nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,url\nA,http://a.gov.cn/\nB,not a url\n');
    const db = join(dir, 'bad.sqlite');
    const r = await runCli(['--db', db, '--log-level', 'silent', 'run', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: 1 problem:\n {2}line 3: bad URL "not a url"/);
    const missing = await runCli(['--db', db, 'run', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });
});
