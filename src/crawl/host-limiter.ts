// Politeness: at most `perHost` requests in flight to one host, a minimum gap between request
// starts (the --delay option or robots Crawl-delay), and a global p-queue for total concurrency.
// A task takes its host slot first and only then a global slot, so a slow host's backlog waits
// in its own line and never holds global slots that other sites could use.
import PQueue from 'p-queue';

interface HostState {
  active: number;
  waiting: (() => void)[];
  gapMs: number;
  lastStart: number;
  timer?: NodeJS.Timeout;
}

export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();
  readonly global: PQueue;

  constructor(private readonly perHost: number, private readonly defaultGapMs: number, concurrency: number) {
    this.global = new PQueue({ concurrency });
  }

  /** Raise the minimum gap for a host (never lowers below the configured delay). */
  setGap(host: string, gapMs: number): void {
    const s = this.state(host);
    s.gapMs = Math.max(this.defaultGapMs, gapMs);
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const s = this.state(host);
    await this.acquire(s);
    try {
      return (await this.global.add(task)) as T;
    } finally {
      s.active--;
      this.pump(s);
      // Idle hosts without a gap carry no state worth keeping; with a gap, lastStart must survive.
      if (s.active === 0 && s.waiting.length === 0 && s.gapMs === 0 && !s.timer) this.hosts.delete(host);
    }
  }

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, waiting: [], gapMs: this.defaultGapMs, lastStart: 0 };
      this.hosts.set(host, s);
    }
    return s;
  }

  private acquire(s: HostState): Promise<void> {
    return new Promise((resolve) => {
      s.waiting.push(resolve);
      this.pump(s);
    });
  }

  private pump(s: HostState): void {
    if (s.timer) return;
    while (s.active < this.perHost && s.waiting.length > 0) {
      const wait = s.lastStart + s.gapMs - Date.now();
      if (wait > 0) {
        s.timer = setTimeout(() => {
          s.timer = undefined;
          this.pump(s);
        }, wait);
        return;
      }
      s.active++;
      s.lastStart = Date.now();
      s.waiting.shift()!();
    }
  }
}
