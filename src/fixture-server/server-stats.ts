/** One request as the server saw it. Times are epoch milliseconds with sub-millisecond precision. */
export interface RequestRecord {
  /** Host header without the port, lowercased ('' when absent). */
  host: string;
  /** Request target as received, query string included. */
  path: string;
  method: string;
  userAgent: string;
  start: number;
  /** Set when the response finished or the connection closed. */
  end?: number;
  /** Status sent, when a response was started (absent for reset/hang). */
  status?: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Per-server request accounting. In-flight counts go up when a request arrives and down once,
 * on response finish or connection close, so tests can assert a crawler's per-host concurrency
 * limit was never exceeded.
 */
export class ServerStats {
  readonly requests: RequestRecord[] = [];
  readonly inFlightByHost = new Map<string, number>();
  readonly maxInFlightByHost = new Map<string, number>();
  private inFlightTotal = 0;
  private maxTotal = 0;

  /** Highest number of requests in flight at once, over all hosts. */
  get maxInFlight(): number {
    return this.maxTotal;
  }

  /** Requests in flight right now, over all hosts. */
  get inFlight(): number {
    return this.inFlightTotal;
  }

  /**
   * Requests seen, optionally for one host and/or path. A `path` with a `?` must match the target
   * exactly; without one it matches the target's path part, whatever the query.
   */
  requestCount(host?: string, path?: string): number {
    const h = host?.toLowerCase();
    let n = 0;
    for (const r of this.requests) {
      if (h !== undefined && r.host !== h) continue;
      if (path !== undefined) {
        const target = path.includes('?') ? r.path : r.path.split('?', 1)[0];
        if (target !== path) continue;
      }
      n++;
    }
    return n;
  }

  /** Forgets history; requests still in flight keep counting toward the new maxima. */
  reset(): void {
    this.requests.length = 0;
    this.maxInFlightByHost.clear();
    for (const [host, n] of this.inFlightByHost) if (n > 0) this.maxInFlightByHost.set(host, n);
    this.maxTotal = this.inFlightTotal;
  }

  /** Records a request's arrival; call the returned function once it is over (idempotent). */
  begin(host: string, path: string, method: string, userAgent: string): { record: RequestRecord; done: () => void } {
    const record: RequestRecord = { host, path, method, userAgent, start: now() };
    this.requests.push(record);
    const n = (this.inFlightByHost.get(host) ?? 0) + 1;
    this.inFlightByHost.set(host, n);
    if (n > (this.maxInFlightByHost.get(host) ?? 0)) this.maxInFlightByHost.set(host, n);
    this.inFlightTotal++;
    if (this.inFlightTotal > this.maxTotal) this.maxTotal = this.inFlightTotal;
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      record.end = now();
      this.inFlightByHost.set(host, (this.inFlightByHost.get(host) ?? 1) - 1);
      this.inFlightTotal--;
    };
    return { record, done };
  }
}
