import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortRewriter } from './port-rewrite.js';
import type { RequestTarget } from './request-target.js';

/** One request/response pair as the behaviours and the static responder see it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Host header without port, lowercased. */
  readonly host: string;
  readonly target: RequestTarget;
  readonly rewriter: PortRewriter;
  /** True once the client went away or the server is closing: stop writing. */
  gone(): boolean;
  /** Sleeps; resolves false early if the exchange is gone meanwhile. */
  wait(ms: number): Promise<boolean>;
  /** Answers the request the normal way (static file or in-memory page). */
  serveNormally(): Promise<void>;
}

/** Sends a complete small response; a vanished client is not an error worth surfacing. */
export function send(
  ex: Pick<Exchange, 'res' | 'gone'>,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const { res } = ex;
  if (ex.gone() || res.headersSent) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.statusCode = status;
  if (!hasHeader(headers, 'content-type')) res.setHeader('Content-Type', 'text/html; charset=utf-8');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // 204 and 304 may carry no body; Node would drop it anyway, but the length header would lie.
  if (status === 204 || status === 304) {
    res.end();
    return;
  }
  res.setHeader('Content-Length', String(bytes.length));
  res.end(bytes);
}

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The small generic page used for errors and redirects, shaped like a portal's error page. */
export function simplePage(title: string, message: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><div class="error"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div></body></html>\n`
  );
}

export const notFoundPage = (): string => simplePage('页面不存在', '您访问的页面不存在或已被删除。');
