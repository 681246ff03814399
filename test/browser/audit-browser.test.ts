// The browser stage end to end: `govbench audit` with real Chromium on the fixture web, against
// the same audits without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs } from '../../src/pipeline/fixture-sites.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { AuditDocument } from '../../src/pipeline/audit-document.js';

const dir = tempDir();
const db = join(dir, 'browser.sqlite');
let server: FixtureServer;
let resolve: string[];

beforeAll(async () => {
  server = await new FixtureServer({ sites: ['js-nav', 'legacy-desktop', 'model-ministry'] }).start();
  resolve = fixtureResolveArgs(server).flatMap((r) => ['--resolve', r]);
}, 30_000);
afterAll(() => server?.close());

async function audit(host: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = await runCli(['--db', db, '--log-level', 'silent', ...resolve, ...extra, 'audit', server.url(host), '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  const doc = JSON.parse(r.stdout) as AuditDocument;
  return { doc, outcome: (id: string) => doc.indicators.find((i) => i.id === id)! };
}

describe('audit with the browser stage', () => {
  it('passes the JS-menu portal\'s disclosure, services and interaction indicators only with the browser', async () => {
    const ids = ['disclosure-portal', 'disclosure-guide', 'service-portal', 'leader-mailbox', 'opinion-collection', 'online-interview'];
    const withBrowser = await audit('www.yunhai.gov.cn');
    const without = await audit('www.yunhai.gov.cn', ['--no-browser']);
    for (const id of ids) {
      expect(withBrowser.outcome(id).outcome, id).toBe('pass');
      expect(withBrowser.outcome(id).evidence[0]!.rule, id).toMatch(/rendered page only/);
      expect(without.outcome(id).outcome, id).toBe('fail');
    }
    expect(withBrowser.doc.score.total).toBeGreaterThan(without.doc.score.total + 20);
    // Every page records whether it was rendered and why.
    const d = new Database(db, { readonly: true });
    const renders = d.prepare(`SELECT r.mode, r.reason, r.status, r.new_links FROM renders r JOIN pages p ON p.id = r.page_id JOIN site_crawls c ON c.id = p.crawl_id
      WHERE c.run_id = ? AND p.depth = 0`).all(withBrowser.doc.runId) as { mode: string; reason: string; status: string; new_links: number }[];
    d.close();
    const desktop = renders.find((r) => r.mode === 'desktop')!;
    expect(desktop.reason).toMatch(/^js-suspect: .*empty nav/);
    expect(desktop.new_links).toBeGreaterThan(3);
    expect(renders.find((r) => r.mode === 'mobile')).toMatchObject({ reason: 'homepage', status: 'ok' });
  }, 90_000);

  it('fails the legacy fixed-width site on mobile-layout with its scroll width as evidence', async () => {
    const { outcome } = await audit('www.gucheng.gov.cn');
    const layout = outcome('mobile-layout');
    expect(layout.outcome).toBe('fail');
    expect(String(layout.evidence[0]!.value)).toMatch(/^scrollWidth (\d{4}) at viewport 390$/);
    expect(outcome('viewport-meta').outcome).toBe('fail');
    expect(outcome('mobile-text-size').outcome).toBe('fail');
    expect(outcome('tap-targets').outcome).toBe('fail');
  }, 60_000);

  it('passes every phone check on the responsive model portal and saves its phone screenshot', async () => {
    const { doc, outcome } = await audit('www.shifan.gov.cn');
    for (const id of ['mobile-layout', 'mobile-text-size', 'tap-targets', 'viewport-meta']) expect(outcome(id).outcome, id).toBe('pass');
    expect(outcome('viewport-meta').evidence[0]!.value).toMatch(/confirmed in the rendered page/);
    expect(outcome('mobile-redirect')).toMatchObject({ outcome: 'notApplicable' });
    expect(doc.score.total).toBeGreaterThanOrEqual(90);
    const d = new Database(db, { readonly: true });
    const row = d.prepare(`SELECT r.screenshot_path AS path FROM renders r JOIN pages p ON p.id = r.page_id JOIN site_crawls c ON c.id = p.crawl_id
      WHERE c.run_id = ? AND r.mode = 'mobile' AND p.depth = 0`).get(doc.runId) as { path: string };
    d.close();
    expect(row.path.startsWith(join(dir, 'screenshots', `run-${doc.runId}`))).toBe(true);
    expect(existsSync(row.path)).toBe(true);
    expect(readFileSync(row.path).subarray(1, 4).toString()).toBe('PNG');
  }, 60_000);

  it('without a browser: phone checks are not applicable ("no browser"), and the scorecard says so', async () => {
    const env = { GOVBENCH_CHROMIUM: join(dir, 'no-such-chromium') };
    const { outcome } = await audit('www.shifan.gov.cn', [], env);
    for (const id of ['mobile-layout', 'mobile-text-size', 'tap-targets', 'mobile-redirect']) {
      expect(outcome(id)).toMatchObject({ outcome: 'notApplicable', reason: 'no browser' });
    }
    const text = await runCli(['--db', db, '--log-level', 'silent', ...resolve, 'audit', server.url('www.shifan.gov.cn')], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/not applicable \(left out of the score\): .*mobile-layout \(no browser\)/);
  }, 60_000);
});
