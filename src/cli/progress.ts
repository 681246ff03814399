// Progress of a benchmark run: a bar on a terminal (sites done and failed, pages per second, ETA),
// a log line every 10 seconds otherwise (CI logs, cron mail).
import cliProgress from 'cli-progress';
import type { Progress } from '../pipeline/benchmark-run.js';
import type { Logger } from '../util/logger.js';

export interface ProgressView {
  update(p: Progress): void;
  stop(): void;
}

function rates(p: Progress): { pps: string; eta: string } {
  const secs = (Date.now() - p.startedAt) / 1000;
  const pps = secs > 0 ? (p.pages / secs).toFixed(1) : '0.0';
  const left = p.total - p.done;
  const perSite = p.done > 0 ? secs / p.done : 0;
  const eta = p.done > 0 && left > 0 ? `${Math.round(left * perSite)}s` : left === 0 ? 'done' : '…';
  return { pps, eta };
}

export function progressView(log: Logger, tty = process.stderr.isTTY === true): ProgressView {
  if (tty) {
    const bar = new cliProgress.SingleBar({
      format: ' {bar} {value}/{total} sites | {failed} failed | {pps} pages/s | ETA {eta}',
      hideCursor: true,
      stream: process.stderr,
      clearOnComplete: false,
    }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(p) {
        const r = rates(p);
        if (!started) {
          bar.start(p.total, p.done, { failed: p.failed, ...r });
          started = true;
        } else bar.update(p.done, { failed: p.failed, ...r });
      },
      stop: () => bar.stop(),
    };
  }
  let last: Progress | undefined;
  let lastLog = 0;
  const line = (p: Progress): void => {
    const r = rates(p);
    log.info({ done: p.done, total: p.total, failed: p.failed, pagesPerSec: Number(r.pps), eta: r.eta, pass: p.pass }, `${p.done}/${p.total} sites, ${p.failed} failed, ${r.pps} pages/s, ETA ${r.eta}`);
  };
  const timer = setInterval(() => { if (last) line(last); }, 10_000);
  timer.unref();
  return {
    update(p) {
      last = p;
      if (Date.now() - lastLog > 10_000 || p.done === p.total) {
        lastLog = Date.now();
        line(p);
      }
    },
    stop: () => clearInterval(timer),
  };
}
