// A polite fetch of one URL: each redirect hop takes its own host slot, retryable failures are
// retried with exponential backoff (honouring Retry-After), and every end is a named status.
import type { Agent } from 'undici';
import { fetchOnce, type HopResult } from './fetch-once.js';
import { classifyError, statusForHttp } from './fetch-errors.js';
import type { HostLimiter } from './host-limiter.js';
import type { CrawlOptions } from './crawl-options.js';
import { RETRYABLE_STATUSES, type FetchOutcome, type PageStatus, type RedirectHop } from './types.js';
import { isPrivateHostname } from './address-guard.js';
import type { OriginTrust } from './origin-trust.js';

export interface FetchRequest {
  url: string;
  /** robots.txt and other non-page resources keep non-HTML bodies. */
  wantAnyBody?: boolean;
  signal?: AbortSignal;
  /** Decides whether a redirect target may be followed; returns a reason to refuse. */
  redirectGuard?: (target: URL) => string | undefined;
  /** Overrides the crawl's byte cap (robots.txt is read up to 500 KiB whatever the page cap). */
  maxBytes?: number;
  /** Overrides the crawl's redirect limit (robots.txt: 5, as RFC 9309 suggests). */
  maxRedirects?: number;
}

/** One site's fetcher: its agent and its trust are the site's own (see origin-trust.ts). */
export class Fetcher {
  constructor(
    private readonly agent: Agent,
    private readonly limiter: HostLimiter,
    private readonly opts: CrawlOptions,
    readonly trust: OriginTrust,
  ) {}

  /**
   * A literal private IP (or localhost, localhost., foo.localhost) in a URL is refused here,
   * before any request; names are checked again, resolved, when the agent connects.
   */
  privateTargetReason(url: URL): string | undefined {
    if (this.trust.trustsUrl(url)) return undefined;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return isPrivateHostname(host) ? `private address ${host}` : undefined;
  }

  async fetch(req: FetchRequest): Promise<FetchOutcome> {
    const started = Date.now();
    let attempts = 0;
    for (;;) {
      attempts++;
      const out = await this.fetchFollowing(req);
      out.attempts = attempts;
      const retryable = RETRYABLE_STATUSES.has(out.status) || (out.status === 'blocked' && out.httpStatus === 429);
      if (!retryable || attempts > this.opts.retries || req.signal?.aborted) {
        out.fetchMs = Date.now() - started;
        return out;
      }
      let waitMs = this.opts.retryBaseMs * 2 ** (attempts - 1);
      if (out.retryAfterSec !== undefined) {
        const asked = out.retryAfterSec * 1000;
        if (asked > this.opts.maxRetryAfterMs) {
          out.reason = `${out.reason ?? out.status}; Retry-After ${out.retryAfterSec}s exceeds the ${this.opts.maxRetryAfterMs} ms limit`;
          out.fetchMs = Date.now() - started;
          return out;
        }
        waitMs = Math.max(waitMs, asked);
      }
      await sleep(waitMs, req.signal);
    }
  }

  private async fetchFollowing(req: FetchRequest): Promise<FetchOutcome> {
    const redirects: RedirectHop[] = [];
    const seen = new Set<string>();
    const maxBytes = req.maxBytes ?? this.opts.maxBytes;
    const maxRedirects = req.maxRedirects ?? this.opts.maxRedirects;
    let current = req.url;
    for (;;) {
      const url = new URL(current);
      const privateReason = this.privateTargetReason(url);
      if (privateReason) return this.outcome(req.url, current, 'out-of-scope', privateReason, redirects);
      let hop: HopResult;
      try {
        hop = await this.limiter.run(url.host, () =>
          fetchOnce(current, {
            dispatcher: this.agent,
            userAgent: this.opts.userAgent,
            responseTimeoutMs: this.opts.responseTimeoutMs,
            totalTimeoutMs: this.opts.totalTimeoutMs,
            maxBytes,
            signal: req.signal,
            htmlOnly: !req.wantAnyBody,
          }),
        );
      } catch (err) {
        const { status, reason } = classifyError(err);
        return this.outcome(req.url, current, status, reason, redirects);
      }
      if (hop.httpStatus >= 300 && hop.httpStatus < 400 && hop.httpStatus !== 304) {
        if (!hop.location) return this.fromHop(req.url, current, hop, redirects, 'http-4xx', 'redirect without Location');
        redirects.push({ url: current, status: hop.httpStatus });
        let next: URL;
        try {
          next = new URL(hop.location, current);
        } catch {
          return this.fromHop(req.url, current, hop, redirects, 'error', `bad Location ${hop.location}`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return this.fromHop(req.url, current, hop, redirects, 'out-of-scope', `redirect to ${next.protocol} URL`);
        }
        next.hash = '';
        if (redirects.length > maxRedirects || seen.has(next.toString())) {
          return this.fromHop(req.url, next.toString(), hop, redirects, 'too-many-redirects',
            seen.has(next.toString()) ? 'redirect loop' : `more than ${maxRedirects} redirects`);
        }
        seen.add(current);
        const refused = req.redirectGuard?.(next);
        if (refused) return this.fromHop(req.url, next.toString(), hop, redirects, 'out-of-scope', refused);
        current = next.toString();
        continue;
      }
      let status: PageStatus = statusForHttp(hop.httpStatus);
      let reason: string | undefined = status === 'ok' ? undefined : `HTTP ${hop.httpStatus}`;
      if (status === 'ok' && !hop.isHtml && !req.wantAnyBody) {
        status = 'not-html';
        reason = hop.contentType ?? 'no content type';
      }
      if (hop.truncated) {
        status = 'too-large';
        reason = `body cut at ${maxBytes} bytes`;
      }
      return this.fromHop(req.url, current, hop, redirects, status, reason);
    }
  }

  private outcome(url: string, finalUrl: string, status: PageStatus, reason: string, redirects: RedirectHop[]): FetchOutcome {
    return { url, finalUrl, status, reason, headers: {}, redirects, bytes: 0, fetchMs: 0, attempts: 1 };
  }

  private fromHop(url: string, finalUrl: string, hop: HopResult, redirects: RedirectHop[], status: PageStatus, reason?: string): FetchOutcome {
    return {
      url, finalUrl, status, reason, httpStatus: hop.httpStatus, headers: hop.headers, redirects,
      contentType: hop.contentType, body: hop.body, bytes: hop.bytes, fetchMs: 0, attempts: 1,
      retryAfterSec: parseRetryAfter(hop.headers['retry-after']),
    };
  }
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
