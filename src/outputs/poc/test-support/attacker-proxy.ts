import {
  createServer as createHttpServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { labTlsCredentials } from '../../../capabilities/lab/index.js';

/** The attacker's web servers plus an HTTP proxy that sends every other host to them, the lab host to the lab. */
export interface AttackerNet {
  /** `--proxy-server` value for Chromium. */
  readonly proxy: string;
  /** Serves `html` at `/<name>` on every attacker host (http and https). */
  host(name: string, html: string): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

/**
 * Starts the attacker side on loopback: one HTTPS server (the lab's self-signed certificate: Chromium runs
 * with --ignore-certificate-errors) and one HTTP server serving registered pages on any Host, and a proxy:
 * CONNECT to `labHost:port` tunnels to the lab's port on 127.0.0.1, CONNECT to any other host reaches the
 * attacker's HTTPS server; plain-http requests are forwarded the same way. So `https://anything.invalid`
 * (any origin a finding names, any port) is served by the attacker, and `api.victim.test` by the lab.
 */
export async function startAttackerNet(labHost: string): Promise<AttackerNet> {
  const pages = new Map<string, string>();
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const html = pages.get((req.url ?? '/').slice(1));
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(html ?? 'not found');
  };
  const https = createHttpsServer(labTlsCredentials(), serve);
  const http = createHttpServer(serve);
  const [httpsPort, httpPort] = [await listen(https), await listen(http)];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const proxy = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/');
    const port = url.hostname === labHost ? Number(url.port || 80) : httpPort;
    const upstream = request(
      { host: '127.0.0.1', port, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const [host = '', portText = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
    const port = host === labHost ? Number(portText) : httpsPort;
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
  });
  const proxyPort = await listen(proxy);
  const servers = [https, http, proxy];
  return {
    proxy: `http://127.0.0.1:${proxyPort}`,
    host: (name, html) => void pages.set(name, html),
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
