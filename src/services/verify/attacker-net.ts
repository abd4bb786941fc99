import { createHash, X509Certificate } from 'node:crypto';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { selfSignedCertificate } from './self-signed.js';

/**
 * Where Chromium's traffic may go: the attacker pages (served here) and the scanned targets, nothing else.
 *
 * @example
 * ```ts
 * const net: AttackerNet = await startAttackerNet();
 * net.host('http://localhost:3000', '/poc.html', html); // http://localhost:3000/poc.html, on loopback
 * ```
 */
export interface AttackerNet {
  /** `--proxy-server` value for Chromium. */
  readonly proxy: string;
  /** `--ignore-certificate-errors-spki-list` value: the attacker servers' certificate only. */
  readonly spki: string;
  /** Lets Chromium reach `host:port` of a target, at `address` (its pinned or `--resolve` address) or by DNS. */
  allowTarget(host: string, port: string, address: string | undefined): void;
  /** Serves `html` at `<origin><path>` (the attacker origin, mapped to this loopback server); returns its removal. */
  host(origin: string, path: string, html: string): () => void;
  close(): Promise<void>;
}

const defaultPort = (scheme: string): string => (scheme === 'https:' || scheme === 'wss:' ? '443' : '80');

/**
 * `host:port` of a URL or origin, the port spelled out; brackets kept on IPv6 literals.
 *
 * @example
 * ```ts
 * hostPort(new URL('wss://api.example.com/socket')); // 'api.example.com:443'
 * ```
 */
export function hostPort(url: URL): string {
  return `${url.hostname}:${url.port || defaultPort(url.protocol)}`;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    });
  });
}

const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/**
 * Starts the attacker side of `--verify` on loopback: an HTTPS and an HTTP server holding the PoC pages,
 * and the HTTP proxy Chromium must use for everything. The proxy sends a registered attacker origin to
 * those servers, an allowed target to its own address (the pinned one when given), and refuses any other
 * host, so a page (or a redirect) can reach nothing but the targets being verified.
 *
 * @example
 * ```ts
 * const net = await startAttackerNet();
 * net.allowTarget('api.example.com', '443', '203.0.113.7');
 * net.host('https://evil.invalid', '/poc.html', html);
 * // chromium --proxy-server=${net.proxy} --ignore-certificate-errors-spki-list=${net.spki}
 * await net.close();
 * ```
 */
export async function startAttackerNet(): Promise<AttackerNet> {
  const pages = new Map<string, string>();
  const attackers = new Map<string, 'http:' | 'https:'>();
  const targets = new Map<string, string | undefined>();
  const serve = (scheme: 'http:' | 'https:') => (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const html = pages.get(`${scheme}//${req.headers.host ?? ''}${req.url ?? '/'}`);
    res
      .writeHead(html ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(html ?? 'not found');
  };
  // A key made for this run: Chromium trusts it by its SPKI alone, so no key anyone else holds can pass.
  const tls = selfSignedCertificate('corsguard verify attacker pages');
  const https = createHttpsServer(tls, serve('https:'));
  const http = createHttpServer(serve('http:'));
  const [httpsPort, httpPort] = [await listen(https), await listen(http)];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  /** Where a connection to `host:port` goes: a target's address, the attacker's server, or nowhere. */
  const route = (key: string, tunnel: boolean): { host: string; port: number } | undefined => {
    const port = Number(key.slice(key.lastIndexOf(':') + 1));
    const name = key.slice(0, key.lastIndexOf(':'));
    if (targets.has(key)) return { host: unbracket(targets.get(key) ?? name), port };
    const scheme = attackers.get(key);
    if (scheme === 'https:' && tunnel) return { host: '127.0.0.1', port: httpsPort };
    if (scheme === 'http:' && !tunnel) return { host: '127.0.0.1', port: httpPort };
    return undefined;
  };
  const proxy = createHttpServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const to = url.protocol === 'http:' ? route(hostPort(url), false) : undefined;
    if (!to) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('corsguard --verify: host not allowed');
      return;
    }
    const upstream = request(
      { ...to, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    const to = route((req.url ?? '').toLowerCase(), true);
    if (!to) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
  });
  const proxyPort = await listen(proxy);
  const der = new X509Certificate(tls.cert).publicKey.export({ type: 'spki', format: 'der' });
  const servers = [https, http, proxy];
  return {
    proxy: `http://127.0.0.1:${proxyPort}`,
    spki: createHash('sha256').update(der).digest('base64'),
    allowTarget: (host, port, address) => void targets.set(`${host.toLowerCase()}:${port}`, address),
    host: (origin, path, html) => {
      const url = new URL(origin);
      const scheme = url.protocol === 'https:' ? 'https:' : 'http:';
      attackers.set(hostPort(url), scheme);
      const key = `${scheme}//${url.host}${path}`;
      pages.set(key, html);
      return () => void pages.delete(key);
    },
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
