// Speed benchmark: govbench's crawler against Crawlee's CheerioCrawler on the same generated
// farm of loopback government portals.
//
//   npm run bench                      # 300 sites x (30 articles + lists/about pages), 50 ms latency
//   npm run bench -- --quick           # 30 sites, a smoke run
//   node dist/scripts/bench.js --sites 100 --latency 20 --pages 30 --concurrency 64 [--profile]
//
// Layout: this process only hosts the farm (one FixtureServer per site, each on its own
// 127.0.x.y address) and orchestrates. BOTH crawlers run in child processes, one after the
// other, each measured by the same code (scripts/bench/measure.ts): the crawl's wall time, its
// process CPU, and its peak RSS sampled every 100 ms; each child reports one JSON line on stdout.
// Running govbench in a child too (rather than in this process) is the fairer choice: the farm's
// serving (its latency timers, its cached pages, ~0.05 core at the defaults) then never shares
// govbench's event loop, heap or RSS, exactly as it does not share Crawlee's.
//
// Before the crawls every page is requested once (warm-up), so the fixture server's per-page
// port-rewrite cache is hot for both crawlers and neither pays for the other's cold start.
// During each crawl this process samples the farm's in-flight requests and its own CPU: a farm
// near 100% of a core would mean the bench measured the farm, not the crawler.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSite, loopbackRequest, startFarm, type Farm } from '../src/fixture-server/index.js';
import { repoPath } from '../src/util/repo-path.js';
import type { BenchJob } from './bench/job.js';
import type { ChildReport } from './bench/measure.js';
import { newestProfile, summariseProfile, type ProfileSummary } from './bench/profile-summary.js';

const USAGE = `usage: node dist/scripts/bench.js [--sites N] [--latency MS] [--pages P] [--concurrency C]
       [--quick] [--only govbench|crawlee] [--site-concurrency S] [--per-host H] [--no-robots]
       [--profile] [--profile-crawlee] [--no-warmup] [--keep-db] [--crawlee-pinned] [--timeout SEC]

  --profile          run the govbench child under node --cpu-prof and print its top self-time functions
  --profile-crawlee  the same for the Crawlee child
  --crawlee-pinned   forbid Crawlee's autoscaling to go below --concurrency (a fairness check)
  --keep-db          keep govbench's SQLite file (about 110 MB at the defaults) in output/bench/<stamp>/`;

interface Args {
  sites: number;
  latency: number;
  pages: number;
  concurrency: number;
  siteConcurrency: number;
  perHost: number;
  only: 'govbench' | 'crawlee' | undefined;
  robots: boolean;
  profile: boolean;
  profileCrawlee: boolean;
  warmup: boolean;
  keepDb: boolean;
  crawleePinned: boolean;
  timeoutSec: number;
}

function parse(): Args {
  const { values } = parseArgs({
    options: {
      sites: { type: 'string' },
      latency: { type: 'string' },
      pages: { type: 'string' },
      concurrency: { type: 'string' },
      'site-concurrency': { type: 'string' },
      'per-host': { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-robots': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'profile-crawlee': { type: 'boolean', default: false },
      'no-warmup': { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      'crawlee-pinned': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, dflt: number, min: number): number => {
    if (raw === undefined) return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${JSON.stringify(raw)}\n${USAGE}`);
    return n;
  };
  const only = values.only;
  if (only !== undefined && only !== 'govbench' && only !== 'crawlee') throw new Error(`--only must be govbench or crawlee, got ${JSON.stringify(only)}`);
  const concurrency = int('concurrency', values.concurrency, 64, 1);
  return {
    sites: int('sites', values.sites, values.quick ? 30 : 300, 1),
    latency: int('latency', values.latency, 50, 0),
    pages: int('pages', values.pages, 30, 0),
    concurrency,
    // crawlSites' own default (options.concurrency): a site mostly waits on its 2 per-host slots
    // and on its homepage-first start, so more sites than global slots keeps the slots busy.
    siteConcurrency: int('site-concurrency', values['site-concurrency'], concurrency, 1),
    perHost: int('per-host', values['per-host'], 2, 1),
    only,
    robots: !values['no-robots'],
    profile: values.profile,
    profileCrawlee: values['profile-crawlee'],
    warmup: !values['no-warmup'],
    keepDb: values['keep-db'],
    crawleePinned: values['crawlee-pinned'],
    timeoutSec: int('timeout', values.timeout, 600, 1),
  };
}

/** HTML pages of a generated site: everything but robots.txt, CSS and JS (which are not <a> links). */
function htmlPaths(index: number, pagesPerSite: number): string[] {
  return Object.keys(generateSite(index, { pagesPerSite })).filter((p) => p.endsWith('/') || p.endsWith('.html'));
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Requests every page once so the fixture servers' rewrite caches are hot; returns non-200 count. */
async function warmUp(farm: Farm, pagesPerSite: number): Promise<{ requests: number; bad: number; ms: number }> {
  const t0 = performance.now();
  const jobs = farm.sites.flatMap((site, i) => ['/robots.txt', ...htmlPaths(i + 1, pagesPerSite)].map((path) => ({ site, path })));
  let bad = 0;
  await pool(jobs, 256, async ({ site, path }) => {
    const res = await loopbackRequest({ address: site.address, port: site.port, host: site.host, path, discardBody: true, timeoutMs: 30_000 });
    if (res.status !== 200) bad++;
  });
  return { requests: jobs.length, bad, ms: performance.now() - t0 };
}

interface FarmPhase {
  requests: number;
  pageRequests: number;
  robotsRequests: number;
  byStatus: Record<string, number>;
  /** Highest in-flight count one site saw. */
  maxPerSiteInFlight: number;
  meanInFlight: number;
  maxInFlight: number;
  /** This process's CPU over the phase: the farm serving. */
  farmCpuMs: number;
  wallMs: number;
}

interface ChildRun {
  report: ChildReport;
  farm: FarmPhase;
  /** Child process lifetime, startup and module loading included. */
  processMs: number;
  profile?: ProfileSummary;
}

let current: ReturnType<typeof spawn> | undefined;

async function runChild(name: 'govbench' | 'crawlee', farm: Farm, jobFile: string, job: BenchJob, args: Args): Promise<ChildRun> {
  const script = new URL(`./bench/${name}-run.js`, import.meta.url).pathname;
  const profDir = join(job.outDir, `prof-${name}`);
  const profiled = name === 'govbench' ? args.profile : args.profileCrawlee;
  const nodeArgs = profiled ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  for (const s of farm.servers) s.stats.reset();
  let sampled = 0;
  let inFlightSum = 0;
  let inFlightMax = 0;
  const sampler = setInterval(() => {
    let n = 0;
    for (const s of farm.servers) n += s.stats.inFlight;
    sampled++;
    inFlightSum += n;
    if (n > inFlightMax) inFlightMax = n;
  }, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, script, jobFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  current = child;
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  const killer = setTimeout(() => {
    console.error(`bench: ${name} child ran over ${args.timeoutSec} s; killing pid ${child.pid}`);
    child.kill('SIGKILL');
  }, args.timeoutSec * 1000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c, signal) => resolve(c ?? (signal ? -1 : null)));
  });
  clearTimeout(killer);
  clearInterval(sampler);
  current = undefined;
  const processMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);

  let report: ChildReport | undefined;
  for (const line of out.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    try {
      const parsed = JSON.parse(t) as Partial<ChildReport>;
      if (parsed.bench === name) {
        report = parsed as ChildReport;
        continue;
      }
    } catch {
      // not the report line
    }
    console.error(`[${name}] ${t}`);
  }
  if (code !== 0 || report === undefined) throw new Error(`${name} child exited with ${code} without a report`);

  const byStatus: Record<string, number> = {};
  let requests = 0;
  let robotsRequests = 0;
  let maxPerSite = 0;
  for (const s of farm.servers) {
    for (const r of s.stats.requests) {
      requests++;
      if (r.path === '/robots.txt') robotsRequests++;
      const k = String(r.status ?? 'none');
      byStatus[k] = (byStatus[k] ?? 0) + 1;
    }
    for (const n of s.stats.maxInFlightByHost.values()) maxPerSite = Math.max(maxPerSite, n);
  }
  let profile: ProfileSummary | undefined;
  if (nodeArgs.length > 0) {
    const file = newestProfile(profDir);
    if (file) profile = summariseProfile(file, repoPath());
  }
  return {
    report,
    processMs,
    profile,
    farm: {
      requests,
      pageRequests: requests - robotsRequests,
      robotsRequests,
      byStatus,
      maxPerSiteInFlight: maxPerSite,
      meanInFlight: sampled > 0 ? inFlightSum / sampled : 0,
      maxInFlight: inFlightMax,
      farmCpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: processMs,
    },
  };
}

interface Figures {
  pages: number;
  failed: number;
  wallS: number;
  pagesPerSec: number;
  cpuMsPerPage: number;
  cores: number;
  peakRssMB: number;
}

function figures(r: ChildReport): Figures {
  const m = r.measured;
  const wallS = m.wallMs / 1000;
  return {
    pages: r.pagesOk,
    failed: r.pagesFailed,
    wallS,
    pagesPerSec: r.pagesOk / wallS,
    cpuMsPerPage: r.pagesOk > 0 ? m.cpuMs / r.pagesOk : NaN,
    cores: m.cpuMs / m.wallMs,
    peakRssMB: m.peakRssBytes / 2 ** 20,
  };
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

function printTable(runs: Partial<Record<'govbench' | 'crawlee', ChildRun>>): void {
  const cols = (['govbench', 'crawlee'] as const).filter((k) => runs[k] !== undefined);
  const rows: [string, (r: ChildRun) => string][] = [
    ['pages ok', (r) => String(r.report.pagesOk)],
    ['pages failed', (r) => String(r.report.pagesFailed)],
    ['wall time (s)', (r) => (r.report.measured.wallMs / 1000).toFixed(2)],
    ['pages/s', (r) => figures(r.report).pagesPerSec.toFixed(1)],
    ['CPU ms/page', (r) => figures(r.report).cpuMsPerPage.toFixed(3)],
    ['  user / sys (s)', (r) => `${(r.report.measured.cpuUserMs / 1000).toFixed(1)} / ${(r.report.measured.cpuSystemMs / 1000).toFixed(1)}`],
    ['  spawned processes CPU (s)', (r) => (r.report.measured.childCpuMs === null ? 'n/a' : (r.report.measured.childCpuMs / 1000).toFixed(2))],
    ['CPU cores used', (r) => figures(r.report).cores.toFixed(2)],
    ['main thread busy (ELU)', (r) => `${(r.report.measured.eventLoopUtilization * 100).toFixed(0)}%`],
    ['peak RSS (MB, 100 ms samples)', (r) => figures(r.report).peakRssMB.toFixed(0)],
    ['  kernel max RSS (MB)', (r) => (r.report.measured.maxRssBytes / 2 ** 20).toFixed(0)],
    ['  peak heap used / external (MB)', (r) => `${(r.report.measured.peakHeapUsedBytes / 2 ** 20).toFixed(0)} / ${(r.report.measured.peakExternalBytes / 2 ** 20).toFixed(0)}`],
    ['child process lifetime (s)', (r) => (r.processMs / 1000).toFixed(2)],
    ['farm: requests seen', (r) => `${r.farm.pageRequests} + ${r.farm.robotsRequests} robots`],
    ['farm: statuses', (r) => Object.entries(r.farm.byStatus).map(([k, v]) => `${k}:${v}`).join(' ')],
    ['farm: in flight mean / max', (r) => `${r.farm.meanInFlight.toFixed(1)} / ${r.farm.maxInFlight}`],
    ['farm: max in flight per site', (r) => String(r.farm.maxPerSiteInFlight)],
    ['farm: serving CPU (cores)', (r) => (r.farm.farmCpuMs / r.farm.wallMs).toFixed(2)],
  ];
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  const cw = 24;
  console.log(`\n${''.padEnd(width)}${cols.map((c) => (c === 'crawlee' ? 'Crawlee CheerioCrawler' : 'govbench').padStart(cw)).join('')}`);
  for (const [label, get] of rows) console.log(`${label.padEnd(width)}${cols.map((c) => get(runs[c]!).padStart(cw)).join('')}`);
}

async function main(): Promise<void> {
  const args = parse();
  const require = createRequire(import.meta.url);
  const crawleeVersion = (require('@crawlee/cheerio/package.json') as { version: string }).version;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = repoPath('output', 'bench', stamp);
  mkdirSync(outDir, { recursive: true });
  const htmlPagesPerSite = htmlPaths(1, args.pages).length;
  const maxPagesPerSite = htmlPagesPerSite + 5;

  console.error(`bench: starting a farm of ${args.sites} sites (${htmlPagesPerSite} HTML pages each, ${args.latency} ms latency)...`);
  const tFarm = performance.now();
  const farm = await startFarm(args.sites, { latencyMs: args.latency, pagesPerSite: args.pages });
  const onSignal = (sig: NodeJS.Signals): void => {
    console.error(`bench: ${sig}, stopping`);
    if (current?.pid !== undefined) current.kill('SIGKILL');
    void farm.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.error(`bench: farm up in ${((performance.now() - tFarm) / 1000).toFixed(1)} s on ${farm.sites[0]!.address}..${farm.sites.at(-1)!.address} port ${farm.sites[0]!.port}`);
    if (args.warmup) {
      const w = await warmUp(farm, args.pages);
      console.error(`bench: warm-up fetched ${w.requests} pages in ${(w.ms / 1000).toFixed(1)} s (${w.bad} not 200)`);
      if (w.bad > 0) throw new Error(`warm-up: ${w.bad} pages did not answer 200; the farm is broken`);
    }
    const job: BenchJob = {
      sites: farm.sites.map((s) => ({ host: s.host, address: s.address, port: s.port, seed: s.seed })),
      concurrency: args.concurrency,
      perHost: args.perHost,
      siteConcurrency: args.siteConcurrency,
      pagesPerSite: args.pages,
      htmlPagesPerSite,
      maxPagesPerSite,
      totalBudget: args.sites * maxPagesPerSite,
      // Lists reach every article at depth 2; paginated lists (over 20 articles a column) chain
      // one level per page, so allow for that too.
      maxDepth: 4 + Math.ceil(args.pages / 4 / 20),
      respectRobots: args.robots,
      crawleeMinConcurrency: args.crawleePinned ? args.concurrency : 1,
      outDir,
    };
    const jobFile = join(outDir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));

    const runs: Partial<Record<'govbench' | 'crawlee', ChildRun>> = {};
    for (const name of ['govbench', 'crawlee'] as const) {
      if (args.only !== undefined && args.only !== name) continue;
      console.error(`bench: crawling ${args.sites * htmlPagesPerSite} pages with ${name} (concurrency ${args.concurrency})...`);
      runs[name] = await runChild(name, farm, jobFile, job, args);
      const f = figures(runs[name]!.report);
      console.error(`bench: ${name}: ${f.pages} pages in ${f.wallS.toFixed(1)} s = ${f.pagesPerSec.toFixed(1)} pages/s`);
    }

    console.log(`\ngovbench speed bench: ${args.sites} sites x ${htmlPagesPerSite} HTML pages (${args.pages} articles), ${args.latency} ms latency, concurrency ${args.concurrency}`);
    console.log(`govbench perHost ${args.perHost}, ${args.siteConcurrency} sites at once, robots.txt ${args.robots ? 'fetched' : 'skipped'}; Crawlee @crawlee/cheerio ${crawleeVersion}, autoscaling from ${args.concurrency}${args.crawleePinned ? ', pinned' : ' (may scale down)'}`);
    console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'})${args.profile || args.profileCrawlee ? '; profiled children ran under --cpu-prof (their figures include profiler overhead)' : ''}`);
    printTable(runs);
    const g = runs.govbench ? figures(runs.govbench.report) : undefined;
    const c = runs.crawlee ? figures(runs.crawlee.report) : undefined;
    const ratio = g && c ? g.pagesPerSec / c.pagesPerSec : undefined;
    if (ratio !== undefined && g && c) {
      console.log(`\ngovbench pages/s / Crawlee pages/s = ${ratio.toFixed(2)}   (CPU per page: govbench ${(g.cpuMsPerPage / c.cpuMsPerPage).toFixed(2)}x Crawlee's)`);
    }
    for (const [name, r] of Object.entries(runs)) {
      const f = figures(r.report);
      if (r.farm.farmCpuMs / r.farm.wallMs > 0.85) console.log(`warning: the farm used ${(r.farm.farmCpuMs / r.farm.wallMs).toFixed(2)} cores during ${name}: it may have been the bottleneck`);
      if (f.failed > 0 || f.pages < job.sites.length * htmlPagesPerSite) {
        console.log(`note: ${name} handled ${f.pages} of ${job.sites.length * htmlPagesPerSite} pages (${f.failed} failed)`);
      }
    }
    for (const [name, r] of Object.entries(runs)) {
      const p = r.profile;
      if (!p) continue;
      console.log(`\n${name} CPU profile (${p.file}), ${(p.totalMs / 1000).toFixed(1)} s of samples; top self time:`);
      for (const t of p.top) console.log(`  ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.ms.toFixed(0).padStart(6)} ms  ${t.name}  ${t.where}`);
      console.log('self time by area:');
      for (const t of p.byArea) console.log(`  ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.ms.toFixed(0).padStart(6)} ms  ${t.name}`);
    }
    if (!runs.govbench?.profile && ratio !== undefined && ratio < 2) {
      console.log('hint: rerun with --profile to see where govbench spends its CPU');
    }

    const pick = (f: Figures | undefined, r: ChildRun | undefined) =>
      f && r
        ? { pages: f.pages, failed: f.failed, wallS: round(f.wallS), pagesPerSec: round(f.pagesPerSec, 1), cpuMsPerPage: round(f.cpuMsPerPage, 3), cores: round(f.cores), peakRssMB: round(f.peakRssMB, 0) }
        : null;
    const summary = {
      bench: 'govbench-vs-crawlee',
      date: new Date().toISOString(),
      sites: args.sites,
      htmlPagesPerSite,
      latencyMs: args.latency,
      concurrency: args.concurrency,
      perHost: args.perHost,
      robots: args.robots,
      node: process.version,
      cpus: cpus().length,
      crawlee: `@crawlee/cheerio@${crawleeVersion}`,
      govbench: pick(g, runs.govbench),
      crawleeCheerio: pick(c, runs.crawlee),
      ratioPagesPerSec: ratio === undefined ? null : round(ratio),
    };
    writeFileSync(join(outDir, 'summary.json'), JSON.stringify({ ...summary, runs }, null, 2));
    if (!args.keepDb) for (const suffix of ['', '-wal', '-shm']) rmSync(join(outDir, `govbench.sqlite${suffix}`), { force: true });
    console.log(`\nfull results: ${join(outDir, 'summary.json')}`);
    console.log(JSON.stringify(summary));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await farm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});

