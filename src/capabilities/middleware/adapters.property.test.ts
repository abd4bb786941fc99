import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { CredentialsMode, HeaderList } from '../../core/browser/index.js';
import {
  corsCheck,
  corsUnsafeRequestHeaderNames,
  isSafelistedMethod,
  preflightCheck,
} from '../../core/browser/index.js';
import { parseTupleOrigin } from '../../core/origin/index.js';
import { policyAllows, policyInputArbitrary } from '../../core/policy/test-support/reference-policy.js';
import { bypassProbes, generalHostileProbes } from '../../core/probes/index.js';
import type { CorsOptions } from './core.js';
import { withCors } from './fetch/index.js';
import { cors as honoCors } from './hono/index.js';
import { cors as nodeCors } from './node/index.js';

// Property tests at the adapter level: for random policies, requests and app behaviour (including an app
// that sets its own, wider CORS headers), what a browser reads from the middleware's real response never
// exceeds the policy, and agrees with the browser model (Fetch §CORS check, §CORS-preflight fetch).

const POOL = ['https://app.example.com', 'https://www.example.co.uk', 'http://localhost:3000'];
const ctx = { label: 'p4z', attacker: 'p4z.invalid' };
const HOSTILE = [
  ...POOL.flatMap((o) => bypassProbes(parseTupleOrigin(o), ctx).map((p) => p.origin)),
  ...generalHostileProbes(ctx).map((p) => p.origin),
  'https://a.b.example.com',
  'https://example.com',
  'http://127.0.0.1:8080',
  `${POOL[0]}, ${POOL[1]}`,
];
const HEADERS = ['Authorization', 'X-Api-Key', 'Content-Type', 'X-Other'];

const optionsArb = policyInputArbitrary(POOL, true);

/** What the app itself does with CORS headers on its response. */
type AppCors = 'none' | 'reflect-with-credentials' | 'star';
const requestArb = fc.record({
  origin: fc.oneof(
    fc.constantFrom(...POOL, ...HOSTILE),
    fc.webUrl().map((u) => new URL(u).origin),
  ),
  method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'patch'),
  headers: fc
    .subarray(HEADERS)
    .map((names): HeaderList => names.map((n) => [n, n === 'Content-Type' ? 'application/json' : 'v'])),
  privateNetwork: fc.boolean(),
  credentials: fc.constantFrom<CredentialsMode>('include', 'omit'),
  app: fc.constantFrom<AppCors>('none', 'reflect-with-credentials', 'star'),
});
type Req = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function appHeaders(r: Req): [string, string][] {
  if (r.app === 'reflect-with-credentials')
    return [
      ['Access-Control-Allow-Origin', r.origin],
      ['Access-Control-Allow-Credentials', 'true'],
    ];
  return r.app === 'star' ? [['Access-Control-Allow-Origin', '*']] : [];
}

interface Answer {
  status: number;
  headers: HeaderList;
}

/** The three ways in: a fetch handler, a Hono app, a Node middleware with a mock response. */
const ADAPTERS: [
  string,
  (o: CorsOptions, r: Req, preflightHeaders: [string, string][]) => Promise<Answer>,
][] = [
  [
    'fetch',
    async (o, r, pre) => {
      const handler = withCors(() => new Response('ok', { headers: appHeaders(r) }), o);
      const res = await handler(
        new Request('https://api.example.com/', {
          method: pre.length > 0 ? 'OPTIONS' : 'GET',
          headers: [['Origin', r.origin], ...pre],
        }),
      );
      return { status: res.status, headers: [...res.headers] };
    },
  ],
  [
    'hono',
    async (o, r, pre) => {
      const app = new Hono();
      app.use('*', honoCors(o));
      app.all('*', () => new Response('ok', { headers: appHeaders(r) }));
      const res = await app.request('/', {
        method: pre.length > 0 ? 'OPTIONS' : 'GET',
        headers: [['Origin', r.origin], ...pre],
      });
      return { status: res.status, headers: [...res.headers] };
    },
  ],
  [
    'node',
    async (o, r, pre) => {
      const headers = new Map<string, string>();
      const res = {
        statusCode: 200,
        setHeader: (n: string, v: string) => headers.set(n.toLowerCase(), v),
        getHeader: (n: string) => headers.get(n.toLowerCase()),
        removeHeader: (n: string) => headers.delete(n.toLowerCase()),
        writeHead: (status: number) => {
          res.statusCode = status;
        },
        end: () => res.writeHead(res.statusCode),
      };
      const reqHeaders: Record<string, string> = { origin: r.origin };
      for (const [n, v] of pre) reqHeaders[n.toLowerCase()] = v;
      nodeCors(o)({ method: pre.length > 0 ? 'OPTIONS' : 'GET', headers: reqHeaders }, res, () => {
        for (const [n, v] of appHeaders(r)) res.setHeader(n, v);
        res.end();
      });
      return { status: res.statusCode, headers: [...headers] };
    },
  ],
];

describe.each(ADAPTERS)('%s adapter vs the policy and the browser model (property-based)', (_, send) => {
  it('a browser reads an actual response only if the policy allows the origin, and always when it does, whatever the app sets', async () => {
    await fc.assert(
      fc.asyncProperty(optionsArb, requestArb, async (options, r) => {
        const answer = await send(options, r, []);
        const read = corsCheck({ origin: r.origin, credentials: r.credentials, headers: answer.headers }).ok;
        const allowed = policyAllows(options, r.origin);
        if (read) expect(allowed).toBe(true);
        const policyMode: CredentialsMode = options.credentials === true ? 'include' : 'omit';
        if (r.credentials === policyMode) expect(read).toBe(allowed);
        // A credentialed read never happens unless the policy has credentials on.
        if (read && r.credentials === 'include') expect(options.credentials).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('a browser accepts a preflight exactly when the policy allows origin, method, headers and PNA', async () => {
    await fc.assert(
      fc.asyncProperty(optionsArb, requestArb, async (options, r) => {
        const unsafe = corsUnsafeRequestHeaderNames(r.headers);
        const pre: [string, string][] = [['Access-Control-Request-Method', r.method]];
        if (unsafe.length > 0) pre.push(['Access-Control-Request-Headers', unsafe.join(',')]);
        if (r.privateNetwork) pre.push(['Access-Control-Request-Private-Network', 'true']);
        const answer = await send(options, r, pre);
        const credentials: CredentialsMode = options.credentials === true ? 'include' : 'omit';
        const browser = preflightCheck(
          {
            origin: r.origin,
            method: r.method,
            headers: r.headers,
            credentials,
            privateNetwork: r.privateNetwork,
          },
          answer,
          'chromium',
        );
        const methods = options.methods ?? [];
        const requestHeaders = options.requestHeaders ?? [];
        const expected =
          policyAllows(options, r.origin) &&
          (isSafelistedMethod(r.method) || methods.includes(r.method) || methods.includes('*')) &&
          // "*" covers every name but Authorization, which must be listed (Fetch §CORS-preflight fetch 7.6).
          unsafe.every(
            (n) => requestHeaders.includes(n) || (requestHeaders.includes('*') && n !== 'authorization'),
          ) &&
          (!r.privateNetwork ||
            (options.privateNetwork === true &&
              options.origins !== '*' &&
              options.origins.includes(r.origin)));
        expect(browser.result.ok).toBe(expected);
        expect(answer.status).toBe(expected ? 204 : 403);
        if (!expected) expect(answer.headers.filter(([n]) => n.startsWith('access-control-'))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
