import { request, type IncomingHttpHeaders } from 'node:http';
import { show } from './behaviour.js';
import { isLoopbackV4 } from './options.js';

/**
 * A minimal HTTP client for talking to a FixtureServer by hostname without DNS: it connects to a
 * loopback address and sends the fixture hostname in the Host header. Refuses any other address,
 * so a test can never reach the real site by mistake.
 */
export interface LoopbackRequest {
  /** Loopback address to connect to. @default '127.0.0.1' */
  address?: string;
  port: number;
  /** Sent as the Host header (with `:port` appended unless `rawHostHeader`). */
  host: string;
  /** Request target. @default '/' */
  path?: string;
  /** @default 'GET' */
  method?: string;
  /** Extra request headers. @default {} */
  headers?: Record<string, string>;
  /** Send `host` as the Host header exactly as given. @default false */
  rawHostHeader?: boolean;
  /** Stop after this many body bytes and drop the connection (`truncated` is then true). @default Infinity */
  maxBytes?: number;
  /** Count body bytes without keeping them (for giant bodies). @default false */
  discardBody?: boolean;
  /** Fail with code ETIMEDOUT when the whole exchange takes longer. @default 5000 */
  timeoutMs?: number;
}

export interface LoopbackResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Body bytes kept (empty with `discardBody`). */
  body: Buffer;
  /** Body bytes received. */
  bytes: number;
  truncated: boolean;
}

export function loopbackRequest(req: LoopbackRequest): Promise<LoopbackResponse> {
  const address = req.address ?? '127.0.0.1';
  if (!isLoopbackV4(address)) throw new RangeError(`loopbackRequest: address must be in 127.0.0.0/8, got ${show(address)}`);
  if (!Number.isInteger(req.port) || req.port < 1 || req.port > 65535) {
    throw new RangeError(`loopbackRequest: port must be an integer in [1, 65535], got ${show(req.port)}`);
  }
  const maxBytes = req.maxBytes ?? Infinity;
  const timeoutMs = req.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    const r = request({
      host: address,
      port: req.port,
      path: req.path ?? '/',
      method: req.method ?? 'GET',
      // A fresh connection per request keeps tests independent of keep-alive reuse.
      agent: false,
      headers: { ...req.headers, host: req.rawHostHeader === true ? req.host : `${req.host}:${req.port}` },
    });
    const timer = setTimeout(() => {
      const err = Object.assign(new Error(`loopbackRequest timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
      r.destroy(err);
    }, timeoutMs);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      reject(err);
    };
    r.on('error', fail);
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const finish = (truncated: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), bytes, truncated });
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = maxBytes - bytes;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        bytes += part.length;
        if (req.discardBody !== true) chunks.push(part);
        if (chunk.length > room) {
          finish(true);
          r.destroy();
        }
      });
      res.on('end', () => finish(false));
      res.on('error', (err) => {
        if (!settled) {
          settled = true;
          fail(err);
        }
      });
      res.on('close', () => {
        if (!settled && !res.complete) {
          settled = true;
          fail(Object.assign(new Error('response ended early'), { code: 'ECONNRESET' }));
        }
      });
    });
    r.end();
  });
}
