#!/usr/bin/env node
// The fleet's servers for bench/fleet.mjs, in their own process so the scanner's memory is measured alone.
// One loopback HTTP server; the path picks the behaviour. Prints its port on stdout, then serves until
// its stdin closes (so it never outlives the benchmark).
import { createServer } from 'node:http';

const TRUSTED = 'https://app.fleet.test';
const bigHeader = 'x'.repeat(60_000);
const behaviours = {
  // Normal endpoints, the kinds a real inventory is made of.
  none: (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
  allowlist: (req, res) => {
    const ok = req.headers.origin === TRUSTED;
    res.writeHead(ok && req.method === 'OPTIONS' ? 204 : 200, {
      vary: 'Origin',
      ...(ok
        ? {
            'access-control-allow-origin': TRUSTED,
            'access-control-allow-credentials': 'true',
            ...(req.method === 'OPTIONS' ? { 'access-control-allow-methods': 'GET, PUT' } : {}),
          }
        : {}),
    });
    res.end(req.method === 'OPTIONS' ? undefined : '{"user":"ada"}');
  },
  public: (_req, res) => res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{"public":1}'),
  reflect: (req, res) =>
    res
      .writeHead(200, {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
      })
      .end('{"secret":1}'),
  suffix: (req, res) => {
    const o = req.headers.origin ?? '';
    res.writeHead(200, o.endsWith('fleet.test') ? { 'access-control-allow-origin': o, vary: 'Origin' } : {});
    res.end('{}');
  },
  // Hostile endpoints.
  'huge-headers': (_req, res) => res.writeHead(200, { 'x-pad': bigHeader }).end(),
  'many-cookies': (req, res) => {
    res.setHeader(
      'set-cookie',
      Array.from({ length: 200 }, (_, i) => `c${i}=${'v'.repeat(200)}; SameSite=None; Secure`),
    );
    res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '*' }).end();
  },
  slow: (_req, res) => setTimeout(() => res.writeHead(200).end(), 1500),
  redirect: (_req, res) => res.writeHead(302, { location: '/none' }).end(),
  'rate-limited': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
  'endless-body': (_req, res) => {
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
    };
    res.on('drain', pump);
    pump();
    setTimeout(() => res.destroy(), 3000);
  },
};

const server = createServer((req, res) => {
  const kind = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
  (behaviours[kind] ?? behaviours.none)(req, res);
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
