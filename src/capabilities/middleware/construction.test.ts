import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../core/policy/index.js';
import { type CorsOptions, createCorsCore } from './core.js';
import { corsguard as fastifyCors } from './fastify/index.js';
import { createCors, withCors as fetchWithCors } from './fetch/index.js';
import { cors as honoCors } from './hono/index.js';
import { corsMiddleware, withCors as nextWithCors } from './next/index.js';
import { cors as nodeCors } from './node/index.js';

// Unsafe or malformed options are refused when the middleware is built, all problems at once, through
// every adapter; and `credentials: true` with `origins: '*'` does not even compile.

const BAD = {
  origins: ['null', 'http://app.example.com', 'https://*.com'],
  credentials: true,
  methods: ['TRACE'],
  preflightFailureStatus: 99,
  debug: 'yes',
} as unknown as CorsOptions;
const BAD_CODES = [
  'origin-null',
  'origin-insecure-credentials',
  'origin-pattern-public-suffix',
  'method-forbidden',
  'preflight-failure-status-range',
  'type',
];

const ok = () => new Response('ok');
const builders: [string, (o: CorsOptions) => unknown][] = [
  ['corsguard/node cors()', (o) => nodeCors(o)],
  ['corsguard/hono cors()', (o) => honoCors(o)],
  ['corsguard/next withCors()', (o) => nextWithCors(ok, o)],
  ['corsguard/next corsMiddleware()', (o) => corsMiddleware(o)],
  ['corsguard/fetch withCors()', (o) => fetchWithCors(ok, o)],
  ['corsguard/fetch createCors()', (o) => createCors(o)],
];

function caught(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PolicyError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('refused at construction', () => {
  it.each(builders)('%s lists every problem of an unsafe policy at once', (context, build) => {
    const err = caught(() => build(BAD));
    expect(err.code).toBe('POLICY_INVALID');
    expect(err.issues.map((i) => i.code).sort()).toEqual([...BAD_CODES].sort());
    expect(err.message).toContain(`6 problems in ${context}`);
    expect(err.message).toContain('preflightFailureStatus: 99 is not an HTTP status');
    for (const issue of err.issues) expect(err.message).toContain(issue.fix);
  });

  it('the Fastify plugin rejects at registration with the same PolicyError', async () => {
    const app = Fastify();
    const err = await app.register(fastifyCors, BAD).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as PolicyError).issues.map((i) => i.code).sort()).toEqual([...BAD_CODES].sort());
    await app.close().catch(() => {});
  });

  it('names the middleware options in the fix for an unknown (misspelt) option', () => {
    const err = caught(() =>
      createCorsCore({ origins: '*', preflightFailStatus: 400 } as unknown as CorsOptions, 'x'),
    );
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.code).toBe('unknown-option');
    expect(err.issues[0]?.fix).toContain('preflightFailureStatus');
  });

  it('refuses a non-function onRefuse and a non-object options value', () => {
    expect(
      caught(() => createCorsCore({ origins: '*', onRefuse: 'log' } as unknown as CorsOptions, 'x')).issues,
    ).toMatchObject([{ code: 'type', path: ['onRefuse'] }]);
    expect(caught(() => createCorsCore(null as unknown as CorsOptions, 'x')).issues[0]?.code).toBe('type');
  });

  it('accepts preflightFailureStatus 200…599 and defaults to 403', () => {
    expect(createCorsCore({ origins: '*' }, 'x').failureStatus).toBe(403);
    expect(createCorsCore({ origins: '*', preflightFailureStatus: 400 }, 'x').failureStatus).toBe(400);
    expect(() => createCorsCore({ origins: '*', preflightFailureStatus: 403.5 }, 'x')).toThrow(PolicyError);
  });
});

describe('credentials with origins "*" does not type-check through any adapter', () => {
  // Each line is a compile error (checked by `npm run typecheck`); at run time it is refused as well.
  it('node, hono, next, fetch, fastify', async () => {
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => nodeCors({ origins: '*', credentials: true })).toThrow(PolicyError);
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => honoCors({ origins: '*', credentials: true })).toThrow(PolicyError);
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => nextWithCors(ok, { origins: '*', credentials: true })).toThrow(PolicyError);
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => corsMiddleware({ origins: '*', credentials: true })).toThrow(PolicyError);
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => fetchWithCors(ok, { origins: '*', credentials: true })).toThrow(PolicyError);
    // @ts-expect-error credentials: true needs an explicit allowlist
    expect(() => createCors({ origins: '*', credentials: true, debug: true })).toThrow(PolicyError);
    const app = Fastify();
    // @ts-expect-error credentials: true needs an explicit allowlist
    await expect(app.register(fastifyCors, { origins: '*', credentials: true })).rejects.toThrow(PolicyError);
    await app.close().catch(() => {});
  });

  it('while the same options with an allowlist compile and build', () => {
    const options = { origins: ['https://app.example.com'], credentials: true } as const;
    expect(typeof nodeCors(options)).toBe('function');
    expect(typeof honoCors(options)).toBe('function');
    expect(typeof fetchWithCors(ok, options)).toBe('function');
  });
});
