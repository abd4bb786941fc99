import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse, site: ShopSite) => void;

/** One host of the loopback site: its server, its URL and the requests it received. */
export interface ShopHost {
  readonly name: string;
  readonly port: number;
  readonly origin: string;
  readonly requests: string[];
}

/** The loopback shop: hosts by name, `--resolve` entries for all, and close(). */
export interface ShopSite {
  readonly hosts: Readonly<Record<HostName, ShopHost>>;
  readonly resolve: readonly string[];
  /** The endpoints discovery must find, exactly. */
  readonly expected: readonly string[];
  close(): Promise<void>;
}

type HostName = 'www' | 'api' | 'auth' | 'cdnOther' | 'apiOther' | 'docsOther';

const NAMES: Readonly<Record<HostName, string>> = {
  www: 'www.shop.test',
  api: 'api.shop.test',
  auth: 'auth.shop.test',
  cdnOther: 'cdn.other.test',
  apiOther: 'api.other.test',
  docsOther: 'docs.other.test',
};

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const page = (s: ShopSite) => `<!doctype html>
<html><head>
  <title>Shop</title>
  <script src="/static/app.js"></script>
  <script src="${s.hosts.cdnOther.origin}/lib/analytics.js"></script>
  <script type="application/ld+json">{"url": "/api/not-a-script"}</script>
</head><body>
  <script>
    window.boot = () => fetch('/api/session', { credentials: 'include' });
  </script>
</body></html>`;

const bundle = (s: ShopSite) => `"use strict";
const AUTH = "${s.hosts.auth.origin}";
export async function load() {
  const cart = await fetch("/api/cart");
  const products = await fetch("${s.hosts.api.origin}/v1/products", { credentials: "include" });
  const me = await axios.get(\`\${AUTH}/me\`);
  const ads = new XMLHttpRequest();
  ads.open("GET", "${s.hosts.apiOther.origin}/v1/ads");
  const logo = await fetch("/static/logo.png");
  return [cart, products, me, ads, logo];
}
`;

const openapi = (s: ShopSite) => ({
  openapi: '3.0.3',
  info: { title: 'shop', version: '2' },
  servers: [{ url: `${s.hosts.api.origin}/v2` }],
  paths: {
    '/orders': { get: {} },
    '/orders/{id}': { get: {} },
    '/login': { post: {} },
  },
});

const HANDLERS: Readonly<Partial<Record<HostName, Handler>>> = {
  www(req, res, s) {
    const path = req.url ?? '/';
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page(s));
    } else if (path === '/static/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle(s));
    } else if (path === '/openapi.json') json(res, 200, openapi(s));
    else if (path === '/swagger.json') {
      res.writeHead(302, { location: `${s.hosts.docsOther.origin}/swagger.json` });
      res.end();
    } else if (path === '/api/cart' || path === '/api/session') json(res, 200, { ok: true });
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  },
  api(req, res) {
    const path = req.url ?? '/';
    const origin = req.headers.origin;
    // Deliberately broken: reflects any Origin, with credentials.
    if (path === '/v1/products' && origin) {
      json(res, 200, [], {
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        vary: 'Origin',
      });
    } else if (path.startsWith('/v1/') || path.startsWith('/v2/')) json(res, 200, []);
    else json(res, 404, { error: 'not found' });
  },
  auth(req, res) {
    if (req.url === '/me') json(res, 401, { error: 'login' });
    else json(res, 404, { error: 'not found' });
  },
};

/**
 * Starts the loopback shop: `www.shop.test` (page, bundle, OpenAPI file, a redirect off-site),
 * `api.shop.test` (one endpoint reflects any Origin with credentials), `auth.shop.test`, and three
 * third-party hosts (`cdn.other.test`, `api.other.test`, `docs.other.test`) that count every request they
 * get. Each host is its own server on 127.0.0.1; reach them with `site.resolve` (`--resolve`).
 *
 * @example
 * ```ts
 * const site = await startShopSite();
 * await run(['scan', '--discover', `${site.hosts.www.origin}/`, ...site.resolve.flatMap((r) => ['--resolve', r])], io);
 * expect(site.hosts.cdnOther.requests).toEqual([]);
 * await site.close();
 * ```
 */
export async function startShopSite(): Promise<ShopSite> {
  const servers: Server[] = [];
  const hosts = {} as Record<HostName, ShopHost>;
  const site: ShopSite = {
    hosts,
    get resolve() {
      return Object.values(hosts).map((h) => `${h.name}:${h.port}:127.0.0.1`);
    },
    get expected() {
      return [
        `${hosts.www.origin}/api/session`,
        `${hosts.www.origin}/api/cart`,
        `${hosts.api.origin}/v1/products`,
        `${hosts.auth.origin}/me`,
        `${hosts.api.origin}/v2/orders`,
        `${hosts.api.origin}/v2/orders/1`,
      ];
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
  for (const key of Object.keys(NAMES) as HostName[]) {
    const requests: string[] = [];
    const handler = HANDLERS[key];
    const server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (handler) handler(req, res, site);
      else json(res, 200, { thirdParty: true });
    });
    server.keepAliveTimeout = 100;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const port = (server.address() as AddressInfo).port;
    hosts[key] = { name: NAMES[key], port, origin: `http://${NAMES[key]}:${port}`, requests };
  }
  return site;
}
