// Browser memory over many sites: renders the homepage of N generated portals (default 200) in
// phone emulation through the real crawl pipeline, sampling the RSS of every Chromium process
// (the whole process tree, from /proc) as sites finish. Prints the figures and a JSON line.
//   node dist/scripts/browser-memory.js [--sites 200] [--recycle 100]
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFarm } from '../src/fixture-server/index.js';
import { crawlSites } from '../src/pipeline/crawl-sites.js';
import { openDatabase } from '../src/store/database.js';
import { createRun } from '../src/store/runs.js';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const sites = arg('--sites', 200);
const recycle = arg('--recycle', 100);

/** RSS in MB of every descendant of this process whose name says Chromium. */
function browserRssMb(): { mb: number; processes: number } {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  const name = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      parent.set(Number(d), Number(fields[1]));
      name.set(Number(d), stat.slice(stat.indexOf('(') + 1, close));
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      rss.set(Number(d), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process ended while we looked
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let mb = 0;
  let processes = 0;
  for (const [pid, n] of name) {
    if (/chrom/i.test(n) && isOurs(pid)) {
      mb += rss.get(pid) ?? 0;
      processes++;
    }
  }
  return { mb: Math.round(mb), processes };
}

const farm = await startFarm(sites, { latencyMs: 0, pagesPerSite: 5 });
const dir = mkdtempSync(join(tmpdir(), 'govbench-browser-memory-'));
const db = openDatabase(join(dir, 'memory.sqlite'));
const options = {
  resolve: farm.sites.map((s) => `${s.host}=${s.address}`),
  maxPages: 1,
  mobilePages: 1,
  renderSample: 0,
  browserRecycle: recycle,
  concurrency: 4,
  screenshotDir: join(dir, 'shots'),
};
const runId = createRun(db, { kind: 'bench', name: 'browser-memory', options });
const samples: { sites: number; browserMb: number; processes: number; nodeMb: number }[] = [];
let done = 0;
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, browserRssMb().mb); }, 250);
const started = Date.now();
const results = await crawlSites({
  db, runId, sites: farm.sites.map((s) => ({ url: s.seed })), options, siteConcurrency: 4,
  onSite: () => {
    done++;
    if (done % 20 === 0 || done === 10) {
      const b = browserRssMb();
      samples.push({ sites: done, browserMb: b.mb, processes: b.processes, nodeMb: Math.round(process.memoryUsage().rss / 1048576) });
    }
  },
});
clearInterval(timer);
const rendered = results.filter((r) => r.summary.renders.mobile > 0 && r.summary.renders.failed === 0).length;
db.close();
await farm.close();
rmSync(dir, { recursive: true, force: true });

process.stdout.write(`browser memory over ${sites} sites (homepage rendered on a phone, browser recycled every ${recycle} pages)\n`);
process.stdout.write('sites done   chromium RSS (MB)   chromium processes   node RSS (MB)\n');
for (const s of samples) process.stdout.write(`${String(s.sites).padStart(10)}   ${String(s.browserMb).padStart(17)}   ${String(s.processes).padStart(18)}   ${String(s.nodeMb).padStart(13)}\n`);
const mid = samples.filter((s) => s.sites >= sites / 2).map((s) => s.browserMb);
const early = samples.filter((s) => s.sites <= sites / 4).map((s) => s.browserMb);
const summary = {
  bench: 'browser-memory', sites, rendered, recycleAfter: recycle, seconds: Math.round((Date.now() - started) / 100) / 10, peakBrowserMb: peak,
  firstQuarterMaxMb: Math.max(...early), secondHalfMaxMb: Math.max(...mid), samples,
};
process.stdout.write(`rendered ${rendered}/${sites} homepages in ${summary.seconds} s; peak Chromium RSS ${peak} MB\n${JSON.stringify(summary)}\n`);
