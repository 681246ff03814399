// One HTTP request, one hop, no redirects followed: timeouts, a byte cap and content-type
// sniffing. Redirects, retries and politeness are the caller's (fetch-page.ts).
import { request, type Dispatcher } from 'undici';
import { inflate } from './decompress.js';

export interface FetchOnceOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  responseTimeoutMs: number;
  totalTimeoutMs: number;
  maxBytes: number;
  /** Aborts the request (site time limit). */
  signal?: AbortSignal;
  /** Read the body only when the response is HTML (or unlabelled). */
  htmlOnly: boolean;
}

export interface HopResult {
  httpStatus: number;
  headers: Record<string, string>;
  contentType?: string;
  location?: string;
  body?: Buffer;
  bytes: number;
  truncated: boolean;
  isHtml: boolean;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)/i;
/** Bytes of an unwanted body read and thrown away before the connection is cut instead. */
const DRAIN_LIMIT = 256 * 1024;

/** Resolves once a body stream has closed, so its connection is gone before the slot is freed. */
function closed(body: { closed?: boolean; destroyed?: boolean; once(ev: 'close', fn: () => void): unknown }): Promise<void> {
  if (body.closed) return Promise.resolve();
  return new Promise((resolve) => {
    body.once('close', () => setImmediate(resolve));
    setTimeout(resolve, 1_000).unref();
  });
}

export function looksLikeHtml(contentType: string | undefined, head?: Buffer): boolean {
  if (contentType) return HTML_TYPES.test(contentType.trim());
  if (!head) return true;
  const start = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html') || start.includes('<head') || start.includes('<body');
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function fetchOnce(url: string, opts: FetchOnceOptions): Promise<HopResult> {
  // One controller per request, its listener removed at the end: AbortSignal.any on the long-lived
  // site signal would leave a listener behind for every page.
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new DOMException('total timeout', 'TimeoutError')), opts.totalTimeoutMs);
  const onOuterAbort = (): void => ctl.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    return await fetchWithSignal(url, opts, ctl.signal);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function fetchWithSignal(url: string, opts: FetchOnceOptions, signal: AbortSignal): Promise<HopResult> {
  const res = await request(url, {
    method: 'GET',
    dispatcher: opts.dispatcher,
    signal,
    headersTimeout: opts.responseTimeoutMs,
    bodyTimeout: opts.responseTimeoutMs,
    headers: {
      'user-agent': opts.userAgent,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    },
  });
  // Destroying an unread body emits 'error'; we destroy on purpose, so that event is expected.
  res.body.on('error', () => undefined);
  const headers = flatHeaders(res.headers as Record<string, string | string[] | undefined>);
  const contentType = headers['content-type'];
  const base: HopResult = {
    httpStatus: res.statusCode,
    headers,
    contentType,
    location: headers['location'],
    bytes: Number(headers['content-length'] ?? 0) || 0,
    truncated: false,
    isHtml: looksLikeHtml(contentType),
  };
  const wantBody = res.statusCode >= 200 && res.statusCode < 300 && (!opts.htmlOnly || base.isHtml);
  if (!wantBody) {
    // An error page or a PDF is recorded, not parsed. Its body is drained (up to a limit) rather
    // than cut, so the exchange ends before the host slot is given back: the server never sees the
    // next request while this one is still open, and the connection can be reused.
    await res.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined);
    await closed(res.body);
    return base;
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  let truncated = false;
  // Leaving the loop early destroys the stream, so an endless or giant body stops here.
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    const room = opts.maxBytes - bytes;
    if (chunk.length > room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      bytes += room;
      truncated = true;
      break;
    }
    chunks.push(chunk);
    bytes += chunk.length;
  }
  if (truncated) await closed(res.body);
  const inflated = await inflate(Buffer.concat(chunks, bytes), headers['content-encoding'], opts.maxBytes);
  const body = inflated.body;
  truncated ||= inflated.truncated;
  bytes = body.length;
  const isHtml = contentType ? base.isHtml : looksLikeHtml(undefined, body);
  return { ...base, body, bytes, truncated, isHtml };
}
