import { AssertionError } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import cors from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, type PolicyInput } from '../../core/policy/index.js';
import { policyListener } from '../check/test-support/policy-server.js';
import { assertCorsPolicy, CorsPolicyAssertionError, checkCorsPolicy } from './index.js';
import { fetchAppFor } from './test-support/fetch-app.js';

const POLICY: PolicyInput = {
  origins: ['https://app.example.com', 'https://admin.example.com'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['Authorization', 'Content-Type'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
};

/** Express + cors configured the way the policy says. */
function expressApp(options: cors.CorsOptions = {}) {
  const app = express();
  app.use(
    cors({
      origin: ['https://app.example.com', 'https://admin.example.com'],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
      ...options,
    }),
  );
  app.get('/v1/me', (_req, res) => {
    res.json({ me: 1 });
  });
  return app;
}

describe('assertCorsPolicy on a Fetch handler', () => {
  it('passes when the handler answers as the policy says', async () => {
    await assertCorsPolicy(fetchAppFor(POLICY), POLICY);
    const result = await checkCorsPolicy(fetchAppFor(POLICY), createPolicy(POLICY));
    expect(result.violations).toEqual([]);
    expect(result.probes).toBeGreaterThan(40);
  });

  it('throws an AssertionError whose message shows each violation as a diff', async () => {
    const drifted = fetchAppFor(POLICY, (h) => h.filter(([n]) => n !== 'Vary'));
    const error = await assertCorsPolicy(drifted, POLICY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssertionError);
    expect(error).toBeInstanceOf(CorsPolicyAssertionError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^\d+ CORS policy violations? at http:\/\/localhost\/ \(\d+ probes; - expected by the policy, \+ observed\):/,
    );
    expect(message).toContain(
      'vary-missing  allowed https://app.example.com GET\n  the answer depends on Origin but the response has no Vary: Origin',
    );
    expect(message).toContain(
      '\n    Access-Control-Allow-Origin: https://app.example.com\n    Access-Control-Allow-Credentials: true\n    Access-Control-Expose-Headers: X-Request-Id\n  - Vary: Origin',
    );
    expect((error as CorsPolicyAssertionError).result.violations.length).toBeGreaterThan(0);
  });

  it('tests a Hono app (an object with fetch)', async () => {
    const app = new Hono();
    app.use(
      '*',
      honoCors({
        origin: ['https://app.example.com', 'https://admin.example.com'],
        credentials: true,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        maxAge: 600,
      }),
    );
    app.get('/', (c) => c.json({ ok: true }));
    const result = await checkCorsPolicy(app, POLICY);
    expect(result.errors).toEqual([]);
    // Hono answers refused origins' preflights with its method list but no ACAO: browsers refuse them.
    expect(result.violations.map((v) => v.code)).toEqual([]);
  });

  it('counts a handler that throws as failed probes, never as passing', async () => {
    const error = await assertCorsPolicy(() => {
      throw new Error('boom');
    }, POLICY).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /probes failed \(the app threw or did not answer\); first: .*boom/,
    );
  });
});

describe('assertCorsPolicy on Node apps (no network)', () => {
  it('passes for Express + cors configured as the policy says', async () => {
    await assertCorsPolicy(expressApp(), POLICY, { url: 'http://localhost/v1/me' });
  });

  it("catches Express + cors's default method list (PATCH allowed, not in the policy)", async () => {
    const result = await checkCorsPolicy(expressApp({ methods: 'GET,HEAD,PUT,PATCH,POST,DELETE' }), POLICY, {
      url: 'http://localhost/v1/me',
    });
    expect(result.violations.map((v) => `${v.code} ${v.probe}`)).toEqual([
      // The answer to the policy's own preflight lists the extra methods: caught there too.
      'methods-extra allowed https://app.example.com preflight PUT [authorization,content-type]',
      // Every policy method is preflighted now (DELETE too), and its answer lists PATCH as well.
      'methods-extra allowed https://app.example.com preflight DELETE [authorization,content-type]',
      'preflight-allowed allowed https://app.example.com preflight PATCH',
      'methods-extra allowed https://admin.example.com preflight PUT [authorization,content-type]',
      'methods-extra allowed https://admin.example.com preflight DELETE [authorization,content-type]',
      'preflight-allowed allowed https://admin.example.com preflight PATCH',
    ]);
    expect(result.violations[0]?.message).toBe(
      'the preflight answer allows PATCH, which the policy does not list: a browser may send it',
    );
  });

  it('catches Express + cors reflecting any origin (origin: true)', async () => {
    const error = await assertCorsPolicy(expressApp({ origin: true }), POLICY, {
      url: 'http://localhost/v1/me',
    }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('origin-allowed  hostile null GET');
    expect((error as Error).message).toContain('\n  + Access-Control-Allow-Origin: null\n');
  });

  it('tests a request listener and an http.Server that is not listening', async () => {
    const policy = createPolicy(POLICY);
    const listener = policyListener(() => policy);
    await assertCorsPolicy(listener, POLICY);
    await assertCorsPolicy(createServer(listener), POLICY);
    await expect(assertCorsPolicy(createServer(), POLICY)).rejects.toThrow('has no request listener');
  });

  it('tests a Fastify instance through inject', async () => {
    const app = Fastify();
    await app.register(fastifyCors, {
      origin: ['https://app.example.com', 'https://admin.example.com'],
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
    app.get('/v1/me', async () => ({ ok: true }));
    try {
      const result = await checkCorsPolicy(app, POLICY, { url: 'http://localhost/v1/me' });
      expect(result.errors).toEqual([]);
      expect(result.violations).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

describe('assertCorsPolicy with a policy file', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corsguard-testing-'));
    file = join(dir, 'cors.policy.yaml');
    await writeFile(
      file,
      `version: 1
environments:
  production:
    urls: [https://api.example.com/v1/me]
    origins: [https://app.example.com, https://admin.example.com]
    credentials: true
    methods: [PUT, DELETE]
    requestHeaders: [Authorization, Content-Type]
    exposeHeaders: [X-Request-Id]
    maxAge: 600
    paths:
      - path: /public/
        origins: '*'
        credentials: false
`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("uses the environment's first URL by default, and the path override for the URL given", async () => {
    await assertCorsPolicy(expressApp(), { file, env: 'production' });
    const result = await checkCorsPolicy(
      expressApp(),
      { file, env: 'production' },
      { url: 'http://localhost/public/x' },
    );
    expect(result.violations.map((v) => v.code)).toContain('origin-refused');
    await assertCorsPolicy(
      fetchAppFor({ ...POLICY, origins: '*', credentials: false }),
      { file, env: 'production' },
      {
        url: 'https://api.example.com/public/status',
      },
    );
  });

  it('throws the policy file problems, or the available environments', async () => {
    await expect(assertCorsPolicy(expressApp(), { file, env: 'staging' })).rejects.toThrow(
      'it has: production',
    );
    await expect(assertCorsPolicy(expressApp(), { file: join(dir, 'nope.yaml'), env: 'x' })).rejects.toThrow(
      'file-unreadable',
    );
  });
});

describe('corsguard/testing from node:test', () => {
  it('runs under node --test', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=tap',
        join(here, 'test-support', 'node-test-example.ts'),
      ],
      { encoding: 'utf8', cwd: join(here, '..', '..', '..'), timeout: 60_000 },
    );
    expect(run.stderr + run.stdout).toMatch(/# pass 2/);
    expect(run.status).toBe(0);
  });
});
