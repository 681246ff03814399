// The one measurement code both crawler children use: wall time, CPU time (process.cpuUsage,
// which covers every thread of the process: libuv's pool gzipping, V8's GC threads), peak RSS
// sampled every 100 ms, and the CPU of child processes the crawler spawned itself (Crawlee runs
// `ps` for its memory snapshots), read from /proc/self/stat on Linux.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measured {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** cpuUserMs + cpuSystemMs */
  cpuMs: number;
  /** CPU of reaped child processes during the window (Linux only, else null). */
  childCpuMs: number | null;
  /** Highest RSS seen by the 100 ms sampler, bytes. */
  peakRssBytes: number;
  /** Highest V8 heapUsed and external (Buffers, zlib, SQLite) seen by the sampler, bytes. */
  peakHeapUsedBytes: number;
  peakExternalBytes: number;
  /** The kernel's lifetime peak (getrusage ru_maxrss), bytes: catches spikes between samples. */
  maxRssBytes: number;
  rssSamples: number;
  /** Share of the window the main thread was busy (1 = the event loop never waited: CPU-bound). */
  eventLoopUtilization: number;
}

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every mainstream Linux build. */
const CLK_TCK = 100;

function childCpuMs(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cutime = Number(rest[13]);
    const cstime = Number(rest[14]);
    return Number.isFinite(cutime + cstime) ? ((cutime + cstime) * 1000) / CLK_TCK : null;
  } catch {
    return null;
  }
}

export function startMeasure(intervalMs = 100): { stop(): Measured } {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const child0 = childCpuMs();
  const elu0 = performance.eventLoopUtilization();
  let peak = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  let samples = 0;
  const sample = (): void => {
    const mem = process.memoryUsage();
    samples++;
    if (mem.rss > peak) peak = mem.rss;
    if (mem.heapUsed > peakHeap) peakHeap = mem.heapUsed;
    if (mem.external > peakExternal) peakExternal = mem.external;
  };
  sample();
  // A busy event loop fires this late, so rssSamples can fall short of wall/100 ms; maxRssBytes
  // (the kernel's own peak) is the check that no spike was missed between samples.
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): Measured {
      clearInterval(timer);
      sample();
      const cpu = process.cpuUsage(cpu0);
      const child1 = childCpuMs();
      return {
        wallMs: performance.now() - t0,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        cpuMs: (cpu.user + cpu.system) / 1000,
        childCpuMs: child0 === null || child1 === null ? null : child1 - child0,
        peakRssBytes: peak,
        peakHeapUsedBytes: peakHeap,
        peakExternalBytes: peakExternal,
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
        rssSamples: samples,
        eventLoopUtilization: performance.eventLoopUtilization(elu0).utilization,
      };
    },
  };
}

/** What a child prints as its one JSON line on stdout. */
export interface ChildReport {
  bench: 'govbench' | 'crawlee';
  /** Pages fetched and handled successfully (HTTP 2xx HTML, parsed, links enqueued). */
  pagesOk: number;
  /** Page fetches that ended in failure (after retries). */
  pagesFailed: number;
  /** Extra non-page requests the crawler made (robots.txt). */
  extraRequests: number;
  measured: Measured;
  /** Crawler-specific details for the record. */
  details: Record<string, unknown>;
}

export function report(r: ChildReport): void {
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
