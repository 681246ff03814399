// A site list file for the fixture web served on some port: the bundled demo list with the
// server's port, plus extra rows a test needs (an unreachable site, a hostile name).
import { writeFileSync } from 'node:fs';
import type { FixtureServer } from '../../src/fixture-server/index.js';
import { fixtureResolveArgs, fixtureUrl } from '../../src/pipeline/fixture-sites.js';
import { loadSiteList } from '../../src/sites/site-list.js';
import { repoPath } from '../../src/util/repo-path.js';

const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function writeFixtureList(server: FixtureServer, file: string, o: { slugs?: string[]; extra?: { name: string; url: string; level?: string }[] } = {}): void {
  const rows = loadSiteList(repoPath('checklists', 'sites', 'demo.csv'))
    .filter((s) => !o.slugs || s.tags?.some((t) => o.slugs!.includes(t)))
    .map((s) => ({ name: s.name, url: fixtureUrl(server, s.url), level: s.level ?? '' }));
  const all = [...rows, ...(o.extra ?? []).map((e) => ({ level: '', ...e }))];
  writeFileSync(file, ['name,url,level', ...all.map((r) => [r.name, r.url, r.level].map(q).join(','))].join('\n') + '\n');
}

export function resolveFlags(server: FixtureServer): string[] {
  return fixtureResolveArgs(server).flatMap((r) => ['--resolve', r]);
}
