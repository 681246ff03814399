// A loopback "secret" service for the network-guard tests: HTTP with WebSocket upgrades on
// 127.0.0.1 (and on ::1 with the same port when the machine has IPv6 loopback), and a UDP
// socket on the same port for STUN. It logs every TCP connection and every datagram, before any
// byte is read, so "zero connections" means nothing reached it, not merely that nothing was
// answered. It answers generously (CORS, WebSocket handshakes) so that a leak would succeed.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import type { Socket } from 'node:net';

export interface SecretServer {
  port: number;
  /** Whether ::1 is served too. */
  ipv6: boolean;
  /** Every TCP connection accepted, by local and remote address. */
  connections: { local: string; remote: string }[];
  /** Every request line seen (`GET /path`), upgrades included. */
  requests: string[];
  datagrams: number;
  close(): Promise<void>;
}

export interface SecretServerOptions {
  /** Pages served by path (an intranet portal's own pages, for a site that may reach it). */
  pages?: Record<string, string>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function serve(s: SecretServer, o: SecretServerOptions, sockets: Set<Socket>): Server {
  const server = createServer((req, res) => {
    s.requests.push(`${req.method} ${req.url}`);
    const page = o.pages?.[req.url ?? '/'];
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'access-control-allow-origin': '*',
    });
    res.end(page ?? '<!doctype html><title>secret</title><p>the secret</p>');
  });
  server.on('connection', (c: Socket) => {
    s.connections.push({ local: c.localAddress ?? '?', remote: c.remoteAddress ?? '?' });
    sockets.add(c);
    c.on('close', () => sockets.delete(c));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    s.requests.push(`UPGRADE ${req.url}`);
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.on('error', () => undefined);
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  });
  return server;
}

function listen(server: Server, port: number, host: string, ipv6Only = false): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ port, host, ipv6Only }, () => resolve(true));
  });
}

export async function startSecretServer(o: SecretServerOptions = {}): Promise<SecretServer> {
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  let udp: UdpSocket | undefined;
  const s: SecretServer = {
    port: 0,
    ipv6: false,
    connections: [],
    requests: [],
    datagrams: 0,
    close: async () => {
      udp?.close();
      for (const c of sockets) c.destroy(); // upgraded (WebSocket) sockets included
      await Promise.all(servers.map((x) => new Promise<void>((r) => x.close(() => r()))));
    },
  };
  const v4 = serve(s, o, sockets);
  if (!(await listen(v4, 0, '127.0.0.1'))) throw new Error('secret server: cannot listen on 127.0.0.1');
  servers.push(v4);
  s.port = (v4.address() as { port: number }).port;
  const v6 = serve(s, o, sockets);
  if (await listen(v6, s.port, '::1', true)) {
    servers.push(v6);
    s.ipv6 = true;
  }
  udp = createSocket('udp4');
  udp.on('message', () => { s.datagrams++; });
  await new Promise<void>((resolve) => {
    udp!.once('error', () => resolve());
    udp!.bind(s.port, '127.0.0.1', () => resolve());
  });
  return s;
}
