import type { CaseInput } from './types.js';

const APP = 'https://app.victim.test';
const ALLOWLIST = ['https://app.victim.test', 'https://www.victim.test'];
// cors, @fastify/cors and Hono echo Access-Control-Request-Headers unless allowed headers are configured.
const HEADERS = ['Content-Type', 'Authorization'];

export const nodeFrameworkCases: readonly CaseInput[] = [
  // --- Express + cors -------------------------------------------------------------------------------
  {
    server: 'express',
    name: 'express-reflect-credentials',
    scheme: 'http',
    // `cors({ origin: true, credentials: true })`: reflects any Origin (with Vary: Origin) and echoes requested headers.
    config: { origin: true, credentials: true },
    legit: APP,
    expect: ['origin-reflected', 'preflight-permissive'],
  },
  {
    server: 'express',
    name: 'express-defaults',
    scheme: 'http',
    config: undefined,
    legit: '*',
    expect: ['wildcard-origin', 'preflight-permissive'],
  },
  {
    server: 'express',
    name: 'express-regex-suffix',
    scheme: 'http',
    // The cors README's `origin: /example\.com$/`: no dot boundary before the domain.
    config: { origin: /victim\.test$/, credentials: true, allowedHeaders: HEADERS },
    legit: APP,
    expect: ['suffix-match-bypass'],
  },
  {
    server: 'express',
    name: 'express-regex-subdomains-unanchored',
    scheme: 'http',
    // Every subdomain, but no `$`: also grants https://app.victim.test.attacker.example. It passes the
    // substring probe too, yet it is a prefix bypass, not substring matching (the substring-only probe
    // https://<r>xvictim.test.<attacker> is refused).
    config: { origin: /^https:\/\/([a-z0-9-]+\.)*victim\.test/, credentials: true, allowedHeaders: HEADERS },
    legit: APP,
    expect: ['prefix-match-bypass', 'subdomain-trusted'],
  },
  {
    server: 'express',
    name: 'express-wildcard-credentials',
    scheme: 'http',
    // cors sends `*` and `true` as configured; browsers refuse credentialed reads, but it is still a misconfiguration.
    config: { origin: '*', credentials: true },
    legit: '*',
    expect: ['wildcard-with-credentials', 'preflight-permissive'],
  },
  {
    server: 'express',
    name: 'express-vercel-previews',
    scheme: 'http',
    // Preview deployments allowed by suffix: anyone can deploy to *.vercel.app.
    config: {
      origin: ['https://app.victim.test', /\.vercel\.app$/],
      credentials: true,
      allowedHeaders: HEADERS,
    },
    legit: APP,
    expect: ['third-party-origin-trusted'],
  },
  {
    server: 'express',
    name: 'express-readme-callback',
    scheme: 'http',
    // The README's dynamic allowlist: refused origins get a 500 (the Error goes to Express's error handler),
    // but allowedHeaders is not set, so preflights from the allowed origins echo whatever headers are asked.
    config: {
      origin(origin, callback) {
        if (origin !== undefined && ALLOWLIST.indexOf(origin) !== -1) callback(null, true);
        else callback(new Error('Not allowed by CORS'));
      },
      credentials: true,
    },
    legit: APP,
    expect: ['preflight-permissive'],
    probes: [
      { origin: 'https://evil.example', status: 500, headers: { 'access-control-allow-origin': null } },
      {
        origin: APP,
        preflight: { method: 'POST', headers: 'x-evil' },
        status: 204,
        headers: { 'access-control-allow-headers': 'x-evil', vary: 'Origin, Access-Control-Request-Headers' },
      },
    ],
  },
  {
    server: 'express',
    name: 'express-localhost-left-in',
    scheme: 'http',
    config: { origin: [...ALLOWLIST, 'http://localhost:3000'], credentials: true, allowedHeaders: HEADERS },
    legit: APP,
    expect: ['localhost-trusted'],
  },
  {
    server: 'express',
    name: 'express-exact-allowlist',
    scheme: 'http',
    config: { origin: ALLOWLIST, credentials: true, allowedHeaders: HEADERS, maxAge: 600 },
    legit: APP,
    expect: [],
    probes: [
      { origin: 'https://evil.example', headers: { 'access-control-allow-origin': null, vary: 'Origin' } },
    ],
  },
  // --- Fastify + @fastify/cors ----------------------------------------------------------------------
  {
    server: 'fastify',
    name: 'fastify-reflect-credentials',
    scheme: 'http',
    config: { origin: true, credentials: true },
    legit: APP,
    expect: ['origin-reflected', 'preflight-permissive'],
  },
  {
    server: 'fastify',
    name: 'fastify-regex-unanchored',
    scheme: 'http',
    config: { origin: /victim\.test/, credentials: true, allowedHeaders: HEADERS },
    legit: APP,
    expect: ['substring-match-bypass'],
  },
  {
    server: 'fastify',
    name: 'fastify-fixed-string',
    scheme: 'http',
    // A string origin is sent verbatim to every request (no Vary, since it never varies): safe.
    config: { origin: APP, credentials: true, allowedHeaders: HEADERS },
    legit: APP,
    expect: [],
    probes: [{ origin: 'https://evil.example', headers: { 'access-control-allow-origin': APP, vary: null } }],
  },
  {
    server: 'fastify',
    name: 'fastify-endswith-dot',
    scheme: 'http',
    config: {
      origin: (origin, callback) => callback(null, origin?.endsWith('.victim.test') === true),
      credentials: true,
      allowedHeaders: HEADERS,
    },
    legit: APP,
    expect: ['subdomain-trusted'],
  },
  {
    server: 'fastify',
    name: 'fastify-exact-allowlist',
    scheme: 'http',
    config: { origin: ALLOWLIST, credentials: true, allowedHeaders: HEADERS, maxAge: 600 },
    legit: APP,
    expect: [],
  },
  // --- Hono -----------------------------------------------------------------------------------------
  {
    server: 'hono',
    name: 'hono-defaults',
    scheme: 'http',
    config: undefined,
    legit: '*',
    expect: ['wildcard-origin', 'preflight-permissive'],
  },
  {
    server: 'hono',
    name: 'hono-reflect-function',
    scheme: 'http',
    config: { origin: (origin) => origin, credentials: true },
    legit: APP,
    expect: ['origin-reflected', 'preflight-permissive'],
  },
  {
    server: 'hono',
    name: 'hono-docs-endswith',
    scheme: 'http',
    // The Hono docs' `origin.endsWith('.example.com') ? origin : 'http://example.com'` shape: refused origins
    // get a fixed fallback ACAO (with Vary: Origin), which a browser simply rejects.
    config: {
      origin: (origin) => (origin.endsWith('.victim.test') ? origin : APP),
      credentials: true,
      allowHeaders: HEADERS,
    },
    legit: APP,
    expect: ['subdomain-trusted'],
    probes: [
      { origin: 'https://evil.example', headers: { 'access-control-allow-origin': APP, vary: 'Origin' } },
    ],
  },
  {
    server: 'hono',
    name: 'hono-https-http-allowed',
    scheme: 'https',
    config: { origin: [APP, 'http://app.victim.test'], credentials: true, allowHeaders: HEADERS },
    legit: APP,
    expect: ['insecure-scheme-trusted'],
  },
  {
    server: 'hono',
    name: 'hono-exact-allowlist',
    scheme: 'http',
    config: {
      origin: ALLOWLIST,
      credentials: true,
      allowHeaders: HEADERS,
      allowMethods: ['GET', 'POST'],
      maxAge: 600,
    },
    legit: APP,
    expect: [],
  },
];
