// Runs the CPU work on pages (page-analysis.ts) in a few worker threads, reused across pages and
// sites, each page under a deadline. A page is data from a stranger: if its parse or its queries
// run long, for any reason the page limits did not foresee, the worker running it is terminated
// (V8 stops even a busy loop), the page fails as `parse-timeout`, and a fresh worker takes the
// next page. The main thread never runs page work, so timers, --site-time and signals always fire.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoPath } from '../util/repo-path.js';
import type { PageAnalysis, PageAnalysisRequest } from './page-analysis.js';
import type { PageLimits } from './page-limits.js';
import type { PageTask, PageTaskResult } from './page-worker.js';

/** How page work ended when it did not return an analysis. */
export type PageWorkFailure = 'timeout' | 'aborted' | 'crashed' | 'failed';

export class PageWorkError extends Error {
  override name = 'PageWorkError';
  constructor(readonly kind: PageWorkFailure, message: string) {
    super(message);
  }
}

export interface PageWorkPoolOptions {
  /** Worker threads at most; started on demand. */
  size: number;
  /** Deadline for one page, counted from when a worker starts it. */
  timeoutMs: number;
  /** Page limits sent with every page (defaults: page-limits.ts). */
  limits?: Partial<PageLimits>;
  /** Heap of one worker: a page that needs more ends its worker, not the process. @default 512 */
  maxHeapMb?: number;
}

interface Job {
  req: PageAnalysisRequest;
  resolve(a: PageAnalysis): void;
  reject(e: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  id?: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** The worker has loaded its modules (start-up is not charged to a page's deadline). */
  ready: boolean;
}

/**
 * The compiled worker script. From dist/ it sits beside this module; under vitest the sources run
 * as TypeScript, which a worker thread cannot load, so the compiled copy in dist/ is used (`npm
 * test` compiles before it runs).
 */
export function pageWorkerScript(): URL {
  const beside = new URL('./page-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = repoPath('dist', 'src', 'crawl', 'page-worker.js');
  if (existsSync(built)) return pathToFileURL(built);
  throw new Error(`govbench: the page worker ${fileURLToPath(beside)} is missing; run npm run build`);
}

export class PageWorkPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  private script?: URL;

  constructor(readonly options: PageWorkPoolOptions) {}

  /** Analyses a page in a worker; rejects with a PageWorkError on its deadline, on signal, or on a crash. */
  analyse(req: Omit<PageAnalysisRequest, 'limits'>, signal?: AbortSignal): Promise<PageAnalysis> {
    if (this.closed) return Promise.reject(new PageWorkError('aborted', 'the page-work pool is closed'));
    if (signal?.aborted) return Promise.reject(new PageWorkError('aborted', stopReason(signal)));
    return new Promise<PageAnalysis>((resolve, reject) => {
      const job: Job = { req: { ...req, limits: this.options.limits }, resolve, reject, signal };
      if (signal) {
        job.onAbort = () => this.abort(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** Workers alive now (for tests and diagnostics). */
  get workers(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new PageWorkError('aborted', 'the page-work pool was closed'));
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    for (const slot of slots) if (slot.job) this.settle(slot.job, new PageWorkError('aborted', 'the page-work pool was closed'));
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.idle.pop();
      if (!slot) {
        if (this.slots.size >= Math.max(1, this.options.size)) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    this.script ??= pageWorkerScript();
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 } });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (msg: PageTaskResult) => this.onMessage(slot, msg));
    worker.on('error', (err: Error) => this.onFailure(slot, `page worker failed: ${err.message}`));
    worker.on('exit', (code: number) => this.onFailure(slot, `page worker exited with code ${code}`));
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    job.id = ++this.nextId;
    slot.job = job;
    if (slot.ready) this.arm(slot, job);
    // A busy worker keeps the process alive; an idle one does not (a pool nobody closed cannot hang an exit).
    slot.worker.ref();
    const task: PageTask = { id: job.id, ...job.req };
    slot.worker.postMessage(task);
  }

  /** The page's deadline, from when its worker can work on it. */
  private arm(slot: Slot, job: Job): void {
    job.timer = setTimeout(() => this.kill(slot, new PageWorkError('timeout', `page work took longer than ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
  }

  private onMessage(slot: Slot, msg: PageTaskResult): void {
    if ('ready' in msg) {
      slot.ready = true;
      if (slot.job && !slot.job.timer) this.arm(slot, slot.job);
      return;
    }
    const job = slot.job;
    if (!job || msg.id !== job.id) return;
    slot.job = undefined;
    slot.worker.unref();
    this.idle.push(slot);
    if (msg.ok) this.settle(job, undefined, msg.analysis);
    else this.settle(job, new PageWorkError('failed', msg.error));
    this.pump();
  }

  /** Ends a running page's worker: the page fails with err, a new worker takes the next page. */
  private kill(slot: Slot, err: PageWorkError): void {
    const job = slot.job;
    this.retire(slot);
    if (job) this.settle(job, err);
    this.pump();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, new PageWorkError('aborted', stopReason(job.signal!)));
      return;
    }
    for (const slot of this.slots) if (slot.job === job) return this.kill(slot, new PageWorkError('aborted', stopReason(job.signal!)));
  }

  private onFailure(slot: Slot, message: string): void {
    if (!this.slots.has(slot)) return; // terminated on purpose
    const job = slot.job;
    this.retire(slot);
    if (job) this.settle(job, new PageWorkError('crashed', message));
    this.pump();
  }

  private retire(slot: Slot): void {
    this.slots.delete(slot);
    const i = this.idle.indexOf(slot);
    if (i >= 0) this.idle.splice(i, 1);
    slot.job = undefined;
    void slot.worker.terminate().catch(() => undefined);
  }

  private settle(job: Job, err: Error | undefined, analysis?: PageAnalysis): void {
    clearTimeout(job.timer);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (err) job.reject(err);
    else job.resolve(analysis!);
  }
}

function stopReason(signal: AbortSignal): string {
  const r = signal.reason as { name?: string; message?: string } | undefined;
  if (r?.name === 'TimeoutError') return 'stopped at the time limit';
  return `stopped: ${r?.message ?? String(r ?? 'aborted')}`;
}
