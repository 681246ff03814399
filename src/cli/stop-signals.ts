// Ctrl-C (SIGINT) and SIGTERM stop a command the same way: the first one aborts the command's
// signal, so work in flight is wound down and recorded (a run's sites in flight go back to
// pending); a second one quits at once. The exit status names the signal, as a shell would:
// 128 + its number, 130 for SIGINT and 143 for SIGTERM (what systemd, Docker and Kubernetes send).
import type { Logger } from '../util/logger.js';

export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignalName = keyof typeof STOP_SIGNALS;

/** The abort reason of a command stopped by a signal. */
export class StopRequest extends Error {
  override name = 'StopRequest';
  constructor(readonly signalName: StopSignalName) {
    super(`stopped by ${signalName}`);
  }
}

/** The exit status of a command whose signal was aborted: by the signal that stopped it, else 130. */
export function stopExitCode(signal: AbortSignal): number {
  const r = signal.reason as unknown;
  return r instanceof StopRequest ? STOP_SIGNALS[r.signalName] : STOP_SIGNALS.SIGINT;
}

/** Wires SIGINT and SIGTERM to ctl: the first aborts it, the next one exits at once. */
export function stopOnSignals(ctl: AbortController, log: Logger): void {
  let received = 0;
  const onSignal = (sig: StopSignalName): void => {
    received++;
    if (received > 1) process.exit(STOP_SIGNALS[sig]);
    log.warn({ signal: sig }, 'stopping: finishing what is in flight (press Ctrl-C again to quit at once)');
    ctl.abort(new StopRequest(sig));
  };
  for (const sig of Object.keys(STOP_SIGNALS) as StopSignalName[]) process.on(sig, () => onSignal(sig));
}
