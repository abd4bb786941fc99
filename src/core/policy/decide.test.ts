import { describe, expect, it } from 'vitest';
import { createPolicy } from './create-policy.js';
import { type CorsRequest, createDecider, refusalOf } from './decide.js';
import type { PolicyInput } from './types.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.invalid';

function req(partial: Partial<CorsRequest>): CorsRequest {
  return {
    method: 'GET',
    origin: null,
    requestMethod: null,
    requestHeaders: null,
    requestPrivateNetwork: null,
    ...partial,
  };
}
function preflight(
  origin: string,
  method: string,
  headers: string | null = null,
  pna: string | null = null,
): CorsRequest {
  return req({
    method: 'OPTIONS',
    origin,
    requestMethod: method,
    requestHeaders: headers,
    requestPrivateNetwork: pna,
  });
}
function decider(input: PolicyInput) {
  return createDecider(createPolicy(input));
}

const credentialed = decider({
  origins: [APP, 'https://*.example.com'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['Authorization', 'X-Api-Key'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
  privateNetwork: true,
});

describe('actual requests', () => {
  it('allows a listed origin with its own value, credentials and exposed headers, and varies on Origin', () => {
    expect(credentialed(req({ origin: APP }))).toEqual({
      kind: 'actual',
      allowed: true,
      headers: [
        ['Access-Control-Allow-Origin', APP],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Expose-Headers', 'X-Request-Id'],
      ],
      vary: 'Origin',
      reason: null,
      cause: null,
      check: null,
    });
  });

  it('does not reflect an arbitrary Origin when credentials are on', () => {
    const d = credentialed(req({ origin: EVIL }));
    expect(d).toMatchObject({ kind: 'actual', allowed: false, headers: [], vary: 'Origin' });
    expect(d.reason).toContain(EVIL);
    // No Access-Control-Allow-Origin: the browser's CORS check fails at step 2 (Fetch §4.9).
    expect(refusalOf(d)).toEqual({
      cause: 'acao-missing',
      stage: 'response',
      check: 'acao-missing',
      reason: d.reason,
    });
  });

  it.each([
    ['Origin: null', 'null'],
    ['two Origin headers', `${APP}, ${APP}`],
    ['a non-canonical Origin', APP.toUpperCase()],
  ])('refuses %s as a browser sees it: no Access-Control-Allow-Origin', (_, origin) => {
    expect(credentialed(req({ origin }))).toMatchObject({ cause: 'acao-missing', check: 'acao-missing' });
  });

  it('refuses nothing, and reports nothing, without Origin or when allowed', () => {
    expect(refusalOf(credentialed(req({})))).toBeNull();
    expect(refusalOf(credentialed(req({ origin: APP })))).toBeNull();
    expect(refusalOf(credentialed(preflight(APP, 'PUT')))).toBeNull();
  });

  it('never allows two Origin headers joined by a comma, even if the first is allowed', () => {
    expect(credentialed(req({ origin: `${APP}, ${EVIL}` })).allowed).toBe(false);
  });

  it("adds Vary: Origin to requests without Origin, so a cache never serves one origin's answer to another", () => {
    expect(credentialed(req({}))).toEqual({
      kind: 'not-cors',
      allowed: false,
      headers: [],
      vary: 'Origin',
      reason: null,
      cause: null,
      check: null,
    });
  });

  it('treats a plain OPTIONS (no Access-Control-Request-Method) as an ordinary request for the app', () => {
    expect(credentialed(req({ method: 'OPTIONS', origin: APP })).kind).toBe('actual');
  });

  it('answers "*" without Vary for a public API, with or without Origin', () => {
    const pub = decider({ origins: '*', exposeHeaders: ['*'] });
    const expected = [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Expose-Headers', '*'],
    ];
    expect(pub(req({ origin: EVIL }))).toMatchObject({ allowed: true, headers: expected, vary: null });
    expect(pub(req({}))).toMatchObject({ kind: 'not-cors', headers: expected, vary: null });
  });
});

describe('preflights', () => {
  const VARY =
    'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network';

  it('answers an allowed preflight with exactly the headers it needs', () => {
    expect(credentialed(preflight(APP, 'PUT', 'x-api-key,authorization'))).toEqual({
      kind: 'preflight',
      allowed: true,
      headers: [
        ['Access-Control-Allow-Origin', APP],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Allow-Headers', 'x-api-key, authorization'],
        ['Access-Control-Max-Age', '600'],
      ],
      vary: VARY,
      reason: null,
      cause: null,
      check: null,
    });
  });

  it('sends no Access-Control-Allow-Methods for a safelisted method', () => {
    const d = credentialed(preflight(APP, 'GET', 'authorization'));
    expect(d.allowed).toBe(true);
    expect(d.headers.map(([n]) => n)).not.toContain('Access-Control-Allow-Methods');
  });

  const REFUSED = [
    [
      'an origin not in the list',
      preflight(EVIL, 'PUT'),
      /Origin "https:\/\/evil.invalid" is not allowed/,
      'acao-missing',
    ],
    [
      'a method not in the list',
      preflight(APP, 'PATCH'),
      /method "PATCH" is not allowed/,
      'preflight-method',
    ],
    [
      'a method in the wrong case (Fetch compares case-sensitively)',
      preflight(APP, 'delete'),
      /method "delete"/,
      'preflight-method',
    ],
    [
      'a request header not in the list',
      preflight(APP, 'PUT', 'authorization,x-admin'),
      /"x-admin" is not allowed/,
      'preflight-header',
    ],
    [
      'a malformed Access-Control-Request-Headers',
      preflight(APP, 'PUT', 'a b'),
      /malformed/,
      'preflight-header',
    ],
    [
      'a 100 KB Access-Control-Request-Headers',
      preflight(APP, 'PUT', 'x-api-key,'.repeat(10_000)),
      /too long/,
      'preflight-header',
    ],
    [
      'Private Network Access for a pattern-matched origin',
      preflight('https://a.example.com', 'GET', null, 'true'),
      /explicitly listed/,
      'local-network',
    ],
  ] as const;

  it.each(REFUSED)('refuses %s with no CORS header at all', (_, request, reason, check) => {
    const d = credentialed(request);
    expect(d).toMatchObject({ kind: 'preflight', allowed: false, headers: [], vary: VARY });
    expect(d.reason).toMatch(reason);
    // Answered 403 without CORS headers: Chromium runs the CORS check of Fetch §4.7 step 7 before the
    // status check, so it reports the missing Access-Control-Allow-Origin.
    expect(d).toMatchObject({ cause: 'acao-missing', check });
    expect(refusalOf(d)).toEqual({ cause: 'acao-missing', stage: 'preflight', check, reason: d.reason });
  });

  it.each([
    [200, 'acao-missing'],
    [204, 'acao-missing'],
    [302, 'preflight-redirect'],
    [400, 'acao-missing'],
    [503, 'acao-missing'],
  ] as const)('reports the cause a browser gives a refused preflight answered %i: %s', (status, cause) => {
    const decide = createDecider(createPolicy({ origins: [APP], methods: ['PUT'] }), {
      preflightFailureStatus: status,
    });
    expect(decide(preflight(APP, 'DELETE'))).toMatchObject({ cause, check: 'preflight-method' });
    expect(decide(preflight(EVIL, 'PUT'))).toMatchObject({ cause, check: 'acao-missing' });
    // The status of a refused preflight changes nothing for actual requests.
    expect(decide(req({ origin: EVIL }))).toMatchObject({ cause: 'acao-missing', check: 'acao-missing' });
  });

  it('grants Private Network Access to an explicitly listed origin', () => {
    const d = credentialed(preflight(APP, 'GET', null, 'true'));
    expect(d.allowed).toBe(true);
    expect(d.headers).toContainEqual(['Access-Control-Allow-Private-Network', 'true']);
  });

  it('refuses Private Network Access when the policy does not enable it', () => {
    const d = decider({ origins: [APP] })(preflight(APP, 'GET', null, 'true'));
    expect(d.allowed).toBe(false);
  });

  it('echoes only the requested names for requestHeaders: ["*"] (anonymous policies)', () => {
    const d = decider({ origins: '*', requestHeaders: ['*'], methods: ['*'] })(
      preflight(EVIL, 'PATCH', 'X-Bar,X-Foo'),
    );
    expect(d.headers).toEqual([
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Methods', 'PATCH'],
      ['Access-Control-Allow-Headers', 'x-bar, x-foo'],
    ]);
    expect(d.vary).toBe('Access-Control-Request-Method, Access-Control-Request-Headers');
  });

  it('never allows a forbidden method even with methods: ["*"]', () => {
    expect(decider({ origins: '*', methods: ['*'] })(preflight(EVIL, 'TRACE')).allowed).toBe(false);
  });
});

describe('unsafeDynamicOrigin escape hatch', () => {
  it('allows what the callback allows, and checks its answer', () => {
    const tenants = new Set(['https://tenant-a.example.net', 'http://tenant-b.example.net', 'null']);
    const decide = decider({
      origins: [APP],
      credentials: true,
      unsafeDynamicOrigin: (origin) => (tenants.has(origin) ? origin : null),
    });
    expect(decide(req({ origin: 'https://tenant-a.example.net' })).allowed).toBe(true);
    // http: with credentials and null are refused whatever the callback says.
    expect(decide(req({ origin: 'http://tenant-b.example.net' })).allowed).toBe(false);
    expect(decide(req({ origin: 'null' })).allowed).toBe(false);
    expect(decide(req({ origin: EVIL })).allowed).toBe(false);
  });

  it('refuses when the callback answers something other than the request Origin, or throws', () => {
    expect(decider({ origins: [], unsafeDynamicOrigin: () => '*' })(req({ origin: EVIL })).allowed).toBe(
      false,
    );
    expect(decider({ origins: [], unsafeDynamicOrigin: () => APP })(req({ origin: EVIL })).allowed).toBe(
      false,
    );
    const throwing = decider({
      origins: [],
      unsafeDynamicOrigin: () => {
        throw new Error('db down');
      },
    });
    expect(throwing(req({ origin: EVIL })).allowed).toBe(false);
  });

  it('never grants Private Network Access to a dynamically allowed origin', () => {
    const decide = decider({ origins: [], privateNetwork: true, unsafeDynamicOrigin: (o) => o });
    expect(decide(preflight('https://tenant.example.net', 'GET', null, 'true')).allowed).toBe(false);
  });
});
