import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChecklist } from '../../src/checklist/checklist-bundle.js';
import { repoPath } from '../../src/util/repo-path.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = tempDir();
let n = 0;
function brokenCopy(edit: (dir: string) => void): string {
  const dir = join(root, `c${n++}`);
  cpSync(repoPath('checklists'), dir, { recursive: true });
  edit(dir);
  return dir;
}
function editJson(file: string, f: (d: any) => void): void {
  const d = JSON.parse(readFileSync(file, 'utf8'));
  f(d);
  writeFileSync(file, JSON.stringify(d));
}

describe('checklist loading', () => {
  it('loads the bundled checklists and the mission ids', () => {
    const b = loadChecklist();
    for (const id of ['disclosure-portal', 'disclosure-guide', 'disclosure-catalog', 'disclosure-annual-report', 'disclosure-on-request', 'organization-info',
      'leadership-info', 'policy-documents', 'policy-interpretation', 'plans-reports', 'budget-disclosure', 'personnel-info', 'statistics-data', 'news-updates',
      'service-portal', 'service-guide', 'online-application', 'form-download', 'service-status-query', 'leader-mailbox', 'online-consultation',
      'opinion-collection', 'online-interview', 'social-media', 'viewport-meta', 'mobile-version']) expect(b.indicators.has(id), id).toBe(true);
    expect([...b.scorecards.keys()].sort()).toEqual(['cn-central-organ', 'us-federal']);
    expect(b.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('names the file and the field of each mistake', () => {
    const cases: [string, (dir: string) => void, RegExp][] = [
      ['unknown detector', (d) => editJson(join(d, 'indicators', 'mobile.json'), (x) => { x.indicators[0].detector = 'magic'; }), /mobile\.json: indicators\[0\] \(viewport-meta\)\.detector: unknown detector "magic"/],
      ['duplicate id', (d) => editJson(join(d, 'indicators', 'mobile.json'), (x) => { x.indicators[1].id = 'viewport-meta'; }), /"viewport-meta" is already defined/],
      ['bad option', (d) => editJson(join(d, 'indicators', 'services.json'), (x) => { x.indicators[0].options.lables = {}; }), /services\.json: indicators\[0\] \(service-portal\)\.options\.lables: unknown option/],
      ['unresolved ref', (d) => editJson(join(d, 'scorecards', 'us-federal.json'), (x) => { x.categories[0].refs[0].id = 'nope'; }), /us-federal\.json: categories\[0\] \(required-links\)\.refs\[0\]\.id: no indicator "nope"/],
      ['negative weight', (d) => editJson(join(d, 'scorecards', 'cn-central-organ.json'), (x) => { x.categories[1].weight = -5; }), /cn-central-organ\.json: categories\[1\] \(services\)\.weight: must be a number ≥ 0/],
      ['bad JSON', (d) => writeFileSync(join(d, 'indicators', 'federal.json'), '{ nope'), /federal\.json: not valid JSON/],
      ['missing title', (d) => editJson(join(d, 'indicators', 'interaction.json'), (x) => { delete x.indicators[2].failureTitle; }), /interaction\.json: indicators\[2\] \(opinion-collection\)\.failureTitle: required text/],
    ];
    for (const [what, edit, message] of cases) expect(() => loadChecklist(brokenCopy(edit)), what).toThrow(message);
  });
});
