// Table-driven, in real Chromium: each phone check against its fixture pages
// (fixtures/pages/<id>/pass-*, fail-*, na-*), rendered in phone emulation and judged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { Renderer } from '../../src/browser/renderer.js';
import { ResolveMap } from '../../src/crawl/resolve-map.js';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import { makePageInput } from '../../src/checklist/page-input.js';
import { judgeIndicator } from '../../src/checklist/judge-site.js';
import { extractPage, loadHtml } from '../../src/crawl/link-extract.js';
import { repoPath } from '../../src/util/repo-path.js';

const bundle = loadChecklist();
const pagesDir = repoPath('fixtures', 'pages');
const mobileIds = [...bundle.indicators.values()].filter((i) => i.input === 'mobile').map((i) => i.id);
let server: FixtureServer;
let renderer: Renderer;

beforeAll(async () => {
  const www: Record<string, string> = { '/': '<!doctype html><title>x</title>' };
  const m: Record<string, string> = {};
  for (const id of mobileIds) {
    for (const f of readdirSync(join(pagesDir, id))) {
      const body = readFileSync(join(pagesDir, id, f), 'utf8');
      (f.startsWith('m-') ? m : www)[`/${id}/${f}`] = body;
    }
  }
  server = await new FixtureServer({ sites: [], extraHosts: { 'www.shili.gov.cn': www, 'm.shili.gov.cn': m } }).start();
  renderer = await Renderer.create({ resolve: new ResolveMap(server.resolveArgs()), allowPrivate: false, userAgent: 'govbench-test' });
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await server?.close();
});

describe('phone checks on rendered fixture pages', () => {
  it('every phone check has passing and failing pages', () => {
    for (const id of mobileIds) {
      const files = readdirSync(join(pagesDir, id));
      expect(files.filter((f) => f.startsWith('pass-')).length, id).toBeGreaterThanOrEqual(2);
      expect(files.filter((f) => f.startsWith('fail-')).length, id).toBeGreaterThanOrEqual(2);
    }
  });

  const cases = mobileIds.flatMap((id) => readdirSync(join(pagesDir, id)).filter((f) => /^(pass|fail|na)-.*\.html$/.test(f))
    .map((file) => ({ id, file, want: file.startsWith('pass-') ? 'pass' : file.startsWith('fail-') ? 'fail' : 'notApplicable' })));

  it.each(cases)('$id / $file → $want', async ({ id, file, want }) => {
    const url = server.url('www.shili.gov.cn', `/${id}/${file}`);
    const r = await renderer.render(`${id}/${file}`, url, 'mobile');
    await renderer.closeSite(`${id}/${file}`);
    expect(r.status, r.error).toBe('ok');
    const page = extractPage(loadHtml(r.html!), r.finalUrl!);
    const input = makePageInput({ url, finalUrl: r.finalUrl!, lang: 'zh-cn', title: page.title, html: r.html!, links: page.links }, true);
    input.metrics = r.metrics as unknown as Record<string, unknown>;
    input.staticUrl = url;
    const result = judgeIndicator(bundle.indicators.get(id)!, { pages: { mobile: [input] }, missing: {}, facts: { classify: () => 'site', statusOf: () => undefined } });
    expect(result.outcome, JSON.stringify({ result, metrics: r.metrics })).toBe(want);
    if (want !== 'notApplicable') expect(result.evidence[0]?.value).toBeDefined();
  });
});
