// Maps network and HTTP failures to the named statuses of the taxonomy. Fetches never throw past
// the fetcher: an error becomes a status here, and whether it is retried follows from the status.
import type { PageStatus } from './types.js';

const TLS_CODES = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH)/;

/** The status and a short reason for a thrown fetch error. */
export function classifyError(err: unknown): { status: PageStatus; reason: string } {
  const chain: { code?: string; name?: string; message?: string }[] = [];
  let e: unknown = err;
  for (let i = 0; e && i < 5; i++) {
    chain.push(e as { code?: string; name?: string; message?: string });
    e = (e as { cause?: unknown }).cause;
  }
  for (const c of chain) {
    const code = c.code ?? '';
    const name = c.name ?? '';
    const reason = code || name || c.message || 'unknown error';
    if (code === 'EPRIVATE') return { status: 'out-of-scope', reason: c.message ?? 'private address' };
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' ||
      code === 'ETIMEDOUT' || name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR') {
      return { status: 'timeout', reason };
    }
    if (code === 'ECONNREFUSED') return { status: 'refused', reason };
    if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED') {
      return { status: 'reset', reason };
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NODATA') return { status: 'dns', reason };
    if (TLS_CODES.test(code)) return { status: 'tls', reason };
  }
  const first = chain[0];
  return { status: 'error', reason: first?.code ?? first?.message ?? String(err) };
}

export function statusForHttp(code: number): PageStatus {
  // 412 Precondition Failed is what anti-bot WAFs answer a client that has not run their script
  // challenge; no GET we send carries a precondition, so it is never a genuine 412.
  if (code === 412) return 'challenge';
  if (code === 401 || code === 403 || code === 429) return 'blocked';
  if (code >= 500) return 'http-5xx';
  if (code >= 400) return 'http-4xx';
  return 'ok';
}
