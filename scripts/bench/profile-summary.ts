// Top self-time functions of a V8 .cpuprofile (written by `node --cpu-prof`), plus self time by
// package / source folder, so a slow crawl can be read without opening DevTools.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  top: SelfTime[];
  byArea: SelfTime[];
}

function area(url: string, root: string): string {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:internal.*/, 'node:internal');
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const path = url.replace(/^file:\/\//, '');
  const rel = relative(root, path);
  return rel.split('/').slice(0, 3).join('/');
}

export function summariseProfile(file: string, root: string, topN = 15): ProfileSummary {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    // (idle) is the event loop waiting; (program) and (garbage collector) are real CPU, kept.
    if (functionName === '(idle)') continue;
    total += us;
    const shortUrl = url.replace(/^file:\/\//, '').replace(root + '/', '');
    const where = url === '' ? '' : `${shortUrl}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const e = fn.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    e.us += us;
    fn.set(key, e);
    const a = area(url, root);
    areas.set(a, (areas.get(a) ?? 0) + us);
  }
  const toRow = (name: string, where: string, us: number): SelfTime => ({ name, where, ms: us / 1000, share: total > 0 ? us / total : 0 });
  return {
    file,
    totalMs: total / 1000,
    top: [...fn.values()].sort((a, b) => b.us - a.us).slice(0, topN).map((e) => toRow(e.name, e.where, e.us)),
    byArea: [...areas].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([a, us]) => toRow(a, '', us)),
  };
}

/** The newest .cpuprofile in a folder. */
export function newestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const last = files.at(-1);
  return last === undefined ? undefined : join(dir, last);
}
