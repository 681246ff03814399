import { STATUS_CODES } from 'node:http';
import type { Behaviour } from './behaviour.js';
import { calendarPage } from './calendar.js';
import { isTextType } from './content-type.js';
import { send, simplePage, type Exchange } from './exchange.js';
import { fillerBytes, streamFiller } from './filler.js';

/**
 * Plays one Behaviour on an exchange. `attempt` is the 1-based count of requests this rule has
 * seen for this host+path on this server (used by 'reset-times').
 */
export async function runBehaviour(ex: Exchange, b: Behaviour, attempt: number): Promise<void> {
  const { req, res } = ex;
  switch (b.kind) {
    case 'status': {
      const reason = STATUS_CODES[b.status] ?? 'Status';
      send(ex, b.status, b.body ?? simplePage(`${b.status} ${reason}`, reason), b.headers ?? {});
      return;
    }
    case 'delay':
      if (await ex.wait(b.ms)) await ex.serveNormally();
      return;
    case 'reset':
      reset(ex);
      return;
    case 'reset-times':
      if (attempt <= b.times) reset(ex);
      else await ex.serveNormally();
      return;
    case 'hang':
      // Nothing: the socket stays open until the client gives up or close() destroys it.
      return;
    case 'slow': {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(b.totalBytes) });
      res.flushHeaders();
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      let sent = 0;
      while (sent < b.totalBytes) {
        if (ex.gone()) return;
        const n = Math.min(b.chunkBytes, b.totalBytes - sent);
        res.write(fillerBytes(sent, n));
        sent += n;
        if (sent < b.totalBytes && !(await ex.wait(b.intervalMs))) return;
      }
      res.end();
      return;
    }
    case 'endless':
      res.writeHead(200, { 'Content-Type': 'text/html' });
      if (req.method === 'HEAD') res.end();
      else streamFiller(res, Infinity, () => ex.gone(), 16 * 1024);
      return;
    case 'giant':
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(b.bytes) });
      if (req.method === 'HEAD') res.end();
      else streamFiller(res, b.bytes, () => ex.gone());
      return;
    case 'redirect': {
      const location = ex.rewriter.rewriteHeader(b.to);
      send(ex, b.status ?? 302, simplePage('页面已移动', location), { Location: location });
      return;
    }
    case 'redirect-loop': {
      const n = Number.parseInt(new URLSearchParams(ex.target.query).get('n') ?? '0', 10);
      const location = `${ex.target.rawPath}?n=${(Number.isFinite(n) && n >= 0 ? n : 0) + 1}`;
      send(ex, 302, simplePage('页面已移动', location), { Location: location });
      return;
    }
    case 'calendar':
      send(ex, 200, calendarPage(ex.target.rawPath, ex.target.query), { 'Content-Type': 'text/html' });
      return;
    case 'html': {
      const contentType = b.contentType ?? 'text/html';
      const bytes = typeof b.body === 'string' ? Buffer.from(b.body, 'utf8') : b.body;
      const body = isTextType(contentType) ? ex.rewriter.rewriteBytes(bytes) : bytes;
      send(ex, b.status ?? 200, body, { 'Content-Type': contentType });
      return;
    }
  }
}

/** A TCP RST rather than a FIN, so the client sees ECONNRESET instead of a clean close. */
function reset(ex: Exchange): void {
  const socket = ex.req.socket;
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}
