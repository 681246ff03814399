// Table-driven: every indicator against its passing and failing fixture pages
// (fixtures/pages/<id>/pass-*.html, fail-*.html), each page judged alone as a site's homepage.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../src/util/repo-path.js';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import { extractPage, loadHtml } from '../../src/crawl/link-extract.js';
import { makePageInput } from '../../src/checklist/page-input.js';
import { judgeIndicator } from '../../src/checklist/judge-site.js';
import { SiteScope } from '../../src/crawl/scope.js';
import { DEFAULT_SERVICE_PLATFORMS } from '../../src/crawl/crawl-options.js';

const bundle = loadChecklist();
const pagesDir = repoPath('fixtures', 'pages');
const ids = readdirSync(pagesDir).filter((d) => existsSync(join(pagesDir, d)) && !d.includes('.'));

export function judgeFixturePage(id: string, file: string) {
  const html = readFileSync(file, 'utf8');
  const $ = loadHtml(html);
  const lang = ($('html').attr('lang') ?? '').toLowerCase();
  // The convention of fixtures/pages/README.md: each page is the homepage of one of these sites.
  const url = lang.startsWith('en') ? 'http://www.agency.gov/' : 'http://www.shili.gov.cn/';
  const page = extractPage($, url);
  const input = makePageInput({ url, finalUrl: url, lang, title: page.title, html, links: page.links }, true);
  const scope = new SiteScope(new URL(url), DEFAULT_SERVICE_PLATFORMS);
  return judgeIndicator(bundle.indicators.get(id)!, {
    pages: { static: [input] },
    missing: {},
    facts: { classify: (u) => scope.classify(u), statusOf: () => undefined },
  });
}

describe('indicator fixture pages', () => {
  it('cover every indicator in the checklists, with passing and failing pages', () => {
    for (const id of bundle.indicators.keys()) {
      const files = existsSync(join(pagesDir, id)) ? readdirSync(join(pagesDir, id)) : [];
      expect(files.filter((f) => f.startsWith('pass-')).length, `${id}: pass pages`).toBeGreaterThanOrEqual(2);
      expect(files.filter((f) => f.startsWith('fail-')).length, `${id}: fail pages`).toBeGreaterThanOrEqual(2);
    }
    for (const id of ids) expect(bundle.indicators.has(id), `fixtures/pages/${id} names no indicator`).toBe(true);
  });

  // Phone checks need a browser: test/browser/mobile-pages.test.ts renders their pages.
  const cases = ids.filter((id) => bundle.indicators.get(id)?.input === 'static').flatMap((id) =>
    readdirSync(join(pagesDir, id))
      .filter((f) => /^(pass|fail)-.*\.html$/.test(f))
      .map((f) => ({ id, file: f, want: f.startsWith('pass-') ? 'pass' : 'fail' })),
  );

  it.each(cases)('$id / $file → $want', ({ id, file, want }) => {
    const result = judgeFixturePage(id, join(pagesDir, id, file));
    expect(result.outcome, JSON.stringify(result)).toBe(want);
    if (want === 'pass') expect(result.evidence[0]?.rule).toBeTruthy();
  });
});
