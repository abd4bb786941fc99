import type { Cause } from '../../../core/browser/index.js';
import { parseTupleOrigin } from '../../../core/origin/index.js';
import type { RefusalCheck } from '../../../core/policy/index.js';
import { bypassProbes, generalHostileProbes } from '../../../core/probes/index.js';
import { APP, CONFIGS, type ConfigName, EVIL, WWW } from './app.js';

/**
 * One row of the conformance table: a request and the exact answer every adapter must give.
 * `headers` lists expected response headers (lower-case names; null = must be absent). Any
 * `access-control-*` header not listed must be absent, and `x-cors-debug` must be absent unless listed.
 */
export interface ConformanceCase {
  readonly name: string;
  readonly config: ConfigName;
  readonly method: string;
  /** The app route, e.g. `/plain`. */
  readonly route: string;
  readonly request: readonly (readonly [string, string])[];
  readonly status: number;
  readonly app: boolean;
  readonly headers: Readonly<Record<string, string | null>>;
  /** The app sets headers the case checks (Vary, CORS): needs an adapter that sees the app's response. */
  readonly appHeaders?: boolean;
  /**
   * A refused CORS request: the policy check that refuses it (what `onRefuse` and debug mode report as
   * `check`). Absent when the request is allowed or has no Origin (nothing is refused, nothing reported).
   */
  readonly refused?: RefusalCheck;
}

const PREFLIGHT_VARY =
  'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network';
const CREDS_ALLOWED = {
  'access-control-allow-origin': APP,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'X-Request-Id',
  vary: 'Origin',
};
const REFUSED_ACTUAL = { vary: 'Origin' };

function get(
  name: string,
  config: ConfigName,
  request: [string, string][],
  headers: Record<string, string | null>,
  route = '/plain',
): ConformanceCase {
  // An actual request is refused by its origin only: one with an Origin that gets no ACAO.
  const refused = request.some(([n]) => n === 'Origin') && !headers['access-control-allow-origin'];
  return {
    name,
    config,
    method: 'GET',
    route,
    request,
    status: 200,
    app: true,
    headers,
    ...(refused ? { refused: 'acao-missing' as const } : {}),
  };
}

function preflight(
  name: string,
  config: ConfigName,
  request: [string, string][],
  status: number,
  headers: Record<string, string | null>,
  refused?: RefusalCheck,
): ConformanceCase {
  return {
    name,
    config,
    method: 'OPTIONS',
    route: '/plain',
    request,
    status,
    app: false,
    headers,
    ...(refused === undefined ? {} : { refused }),
  };
}

const o = (origin: string): [string, string] => ['Origin', origin];
const acrm = (method: string): [string, string] => ['Access-Control-Request-Method', method];
const acrh = (names: string): [string, string] => ['Access-Control-Request-Headers', names];
const pna: [string, string] = ['Access-Control-Request-Private-Network', 'true'];

const HUGE_ORIGIN = `https://${'a'.repeat(200 * 1024)}.example.com`;
const HUGE_ACRH = 'x-api-key,'.repeat(10 * 1024);

const handWritten: ConformanceCase[] = [
  // Actual requests.
  get('no Origin: no CORS header, but Vary: Origin for caches', 'creds', [], REFUSED_ACTUAL),
  get('allows a listed origin with credentials and exposed headers', 'creds', [o(APP)], CREDS_ALLOWED),
  get('allows a subdomain matched by https://*.example.com', 'creds', [o('https://a.b.example.com')], {
    ...CREDS_ALLOWED,
    'access-control-allow-origin': 'https://a.b.example.com',
  }),
  get('does not allow the apex of a subdomain pattern', 'creds', [o('https://example.com')], REFUSED_ACTUAL),
  get('does not reflect an arbitrary Origin when credentials are on', 'creds', [o(EVIL)], REFUSED_ACTUAL),
  get('does not allow Origin: null', 'creds', [o('null')], REFUSED_ACTUAL),
  get('does not allow a non-canonical (upper-case) Origin', 'creds', [o(APP.toUpperCase())], REFUSED_ACTUAL),
  get('does not allow an Origin with a trailing slash', 'creds', [o(`${APP}/`)], REFUSED_ACTUAL),
  get(
    'does not allow an Origin with the default port spelled out',
    'creds',
    [o(`${APP}:443`)],
    REFUSED_ACTUAL,
  ),
  get(
    'does not allow an http twin of an https origin',
    'creds',
    [o('http://app.example.com')],
    REFUSED_ACTUAL,
  ),
  get('refuses two Origin headers even when both are allowed', 'creds', [o(APP), o(APP)], REFUSED_ACTUAL),
  get('refuses two Origin headers where the first is allowed', 'creds', [o(APP), o(EVIL)], REFUSED_ACTUAL),
  get('refuses a 200 KB Origin', 'creds', [o(HUGE_ORIGIN)], REFUSED_ACTUAL),
  {
    ...get(
      'passes a plain OPTIONS (no Access-Control-Request-Method) to the app',
      'creds',
      [o(APP)],
      CREDS_ALLOWED,
    ),
    method: 'OPTIONS',
  },
  {
    ...get(
      'passes an OPTIONS with Access-Control-Request-Method but no Origin to the app',
      'creds',
      [acrm('PUT')],
      REFUSED_ACTUAL,
    ),
    method: 'OPTIONS',
  },
  // Vary merging and app-set CORS headers.
  {
    ...get(
      'merges Vary: Origin into the app Vary',
      'creds',
      [o(APP)],
      { ...CREDS_ALLOWED, vary: 'Accept-Encoding, Origin' },
      '/vary',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'merges Vary into the app Vary on a refused origin',
      'creds',
      [o(EVIL)],
      { vary: 'Accept-Encoding, Origin' },
      '/vary',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'merges Vary into the app Vary without Origin',
      'creds',
      [],
      { vary: 'Accept-Encoding, Origin' },
      '/vary',
    ),
    appHeaders: true,
  },
  {
    ...get('keeps Vary: * as *', 'creds', [o(APP)], { ...CREDS_ALLOWED, vary: '*' }, '/vary-star'),
    appHeaders: true,
  },
  {
    ...get(
      'does not duplicate a Vary name the app set in another case',
      'creds',
      [o(APP)],
      { ...CREDS_ALLOWED, vary: 'origin, Accept' },
      '/vary-origin',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'public policy adds nothing to the app Vary',
      'public',
      [o(EVIL)],
      {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'X-Request-Id',
        vary: 'Accept-Encoding',
      },
      '/vary',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'removes an app-set ACAO/ACAC/ACEH for a refused origin',
      'creds',
      [o(EVIL)],
      REFUSED_ACTUAL,
      '/app-cors',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'replaces app-set CORS headers with the policy ones for an allowed origin',
      'creds',
      [o(APP)],
      CREDS_ALLOWED,
      '/app-cors',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'removes app-set CORS headers from a response without Origin',
      'creds',
      [],
      REFUSED_ACTUAL,
      '/app-cors',
    ),
    appHeaders: true,
  },
  {
    ...get(
      'public policy: app-set credentials are removed, * is kept',
      'public',
      [o(EVIL)],
      {
        'access-control-allow-origin': '*',
        'access-control-expose-headers': 'X-Request-Id',
        vary: null,
      },
      '/app-cors',
    ),
    appHeaders: true,
  },
  // Preflights.
  preflight(
    'answers an allowed preflight with exactly the headers it needs',
    'creds',
    [o(APP), acrm('PUT'), acrh('authorization,x-api-key')],
    204,
    {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'authorization, x-api-key',
      'access-control-max-age': '600',
      vary: PREFLIGHT_VARY,
    },
  ),
  preflight(
    'sends no Allow-Methods for a safelisted method',
    'creds',
    [o(WWW), acrm('GET'), acrh('content-type')],
    204,
    {
      'access-control-allow-origin': WWW,
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: PREFLIGHT_VARY,
    },
  ),
  preflight(
    'grants Private Network Access to an explicitly listed origin',
    'creds',
    [o(APP), acrm('GET'), pna],
    204,
    {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-private-network': 'true',
      'access-control-max-age': '600',
      vary: PREFLIGHT_VARY,
    },
  ),
  preflight(
    'refuses a preflight from an unlisted origin',
    'creds',
    [o(EVIL), acrm('PUT')],
    403,
    {
      vary: PREFLIGHT_VARY,
    },
    'acao-missing',
  ),
  preflight(
    'refuses a method not in the list',
    'creds',
    [o(APP), acrm('PATCH')],
    403,
    {
      vary: PREFLIGHT_VARY,
    },
    'preflight-method',
  ),
  preflight(
    'refuses a lower-case method (Fetch compares case-sensitively)',
    'creds',
    [o(APP), acrm('put')],
    403,
    { vary: PREFLIGHT_VARY },
    'preflight-method',
  ),
  preflight(
    'refuses a request header not in the list',
    'creds',
    [o(APP), acrm('PUT'), acrh('authorization,x-admin')],
    403,
    { vary: PREFLIGHT_VARY },
    'preflight-header',
  ),
  preflight(
    'refuses a malformed Access-Control-Request-Headers',
    'creds',
    [o(APP), acrm('PUT'), acrh('a b')],
    403,
    { vary: PREFLIGHT_VARY },
    'preflight-header',
  ),
  preflight(
    'refuses a 100 KB Access-Control-Request-Headers',
    'creds',
    [o(APP), acrm('PUT'), acrh(HUGE_ACRH)],
    403,
    { vary: PREFLIGHT_VARY },
    'preflight-header',
  ),
  preflight(
    'refuses Private Network Access to a pattern-matched origin',
    'creds',
    [o('https://a.example.com'), acrm('GET'), pna],
    403,
    { vary: PREFLIGHT_VARY },
    'local-network',
  ),
  preflight(
    'refuses a preflight with two Origin headers',
    'creds',
    [o(APP), o(APP), acrm('PUT')],
    403,
    {
      vary: PREFLIGHT_VARY,
    },
    'acao-missing',
  ),
  preflight(
    'refuses a preflight with two Access-Control-Request-Method headers',
    'creds',
    [o(APP), acrm('PUT'), acrm('PUT')],
    403,
    { vary: PREFLIGHT_VARY },
    'preflight-method',
  ),
  preflight(
    'refuses a preflight with a 200 KB Origin',
    'creds',
    [o(HUGE_ORIGIN), acrm('PUT')],
    403,
    {
      vary: PREFLIGHT_VARY,
    },
    'acao-missing',
  ),
  preflight(
    'refuses a preflight from Origin: null',
    'creds',
    [o('null'), acrm('GET')],
    403,
    {
      vary: PREFLIGHT_VARY,
    },
    'acao-missing',
  ),
  // Public API.
  get('public: * for a request without Origin, no Vary', 'public', [], {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'X-Request-Id',
    vary: null,
  }),
  get('public: * for any origin, never with credentials', 'public', [o(EVIL)], {
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'X-Request-Id',
    'access-control-allow-credentials': null,
    vary: null,
  }),
  preflight(
    'public: echoes only the requested header names for requestHeaders: ["*"]',
    'public',
    [o(EVIL), acrm('PUT'), acrh('X-Bar, X-Foo')],
    204,
    {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'x-bar, x-foo',
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  ),
  preflight(
    'public: requestHeaders ["*"] never lets Authorization through (Fetch: * never covers it)',
    'public',
    [o(EVIL), acrm('PUT'), acrh('Authorization, X-Foo')],
    403,
    { vary: 'Access-Control-Request-Method, Access-Control-Request-Headers' },
    'preflight-header',
  ),
  preflight(
    'public: refuses a method not in the list',
    'public',
    [o(EVIL), acrm('DELETE')],
    403,
    {
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
    },
    'preflight-method',
  ),
  preflight(
    'public: never grants Private Network Access to any origin',
    'public',
    [o(EVIL), acrm('GET'), pna],
    403,
    {
      vary: 'Access-Control-Request-Method, Access-Control-Request-Headers',
    },
    'local-network',
  ),
  // Development config: localhost on any port, debug header, custom failure status.
  get('dev: allows localhost on any port', 'dev', [o('http://localhost:5173')], {
    'access-control-allow-origin': 'http://localhost:5173',
    vary: 'Origin',
  }),
  get('dev: allows 127.0.0.1 on any port', 'dev', [o('http://127.0.0.1:8080')], {
    'access-control-allow-origin': 'http://127.0.0.1:8080',
    vary: 'Origin',
  }),
  get(
    'dev: http://localhost:* and http://127.0.0.1:* do not allow [::1], which was not written',
    'dev',
    [o('http://[::1]:5173')],
    {
      vary: 'Origin',
      'x-cors-debug': 'acao-missing; Origin "http://[::1]:5173" is not allowed by the policy',
    },
  ),
  get(
    'dev: refuses a localhost look-alike and explains why in debug mode',
    'dev',
    [o('http://localhost.evil.invalid')],
    {
      vary: 'Origin',
      'x-cors-debug': 'acao-missing; Origin "http://localhost.evil.invalid" is not allowed by the policy',
    },
  ),
  get(
    'dev: refuses https://localhost for an http://localhost:* pattern',
    'dev',
    [o('https://localhost:3000')],
    {
      vary: 'Origin',
      'x-cors-debug': 'acao-missing; Origin "https://localhost:3000" is not allowed by the policy',
    },
  ),
  preflight(
    'dev: a refused preflight gets the configured status and the debug reason',
    'dev',
    [o('http://localhost:3000'), acrm('PUT')],
    400,
    {
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'x-cors-debug':
        'acao-missing; preflight-method; method "PUT" is not allowed (allowed: GET, HEAD, POST)',
    },
    'preflight-method',
  ),
  // Subdomains on any port: https://*.example.com:*.
  get('ports: allows a subdomain on a non-default port', 'ports', [o('https://a.example.com:8443')], {
    'access-control-allow-origin': 'https://a.example.com:8443',
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  }),
  get('ports: allows a subdomain on the default port', 'ports', [o('https://a.example.com')], {
    'access-control-allow-origin': 'https://a.example.com',
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  }),
  get('ports: does not allow the apex on any port', 'ports', [o('https://example.com:8443')], REFUSED_ACTUAL),
  get(
    'ports: does not allow the http twin of a subdomain',
    'ports',
    [o('http://a.example.com:8443')],
    REFUSED_ACTUAL,
  ),
  get('ports: does not allow port 0', 'ports', [o('https://a.example.com:0')], REFUSED_ACTUAL),
  // Credentialed any method / any header, only through dangerouslyAllowAnyMethodAndHeaderWithCredentials.
  preflight(
    'echo: answers a credentialed any-method preflight by echoing, never with a literal "*"',
    'echo',
    [o(APP), acrm('PATCH'), acrh('x-foo, authorization')],
    204,
    {
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PATCH',
      'access-control-allow-headers': 'x-foo, authorization',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  ),
  preflight(
    'echo: still refuses a forbidden method',
    'echo',
    [o(APP), acrm('TRACE')],
    403,
    {
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
    'preflight-method',
  ),
  preflight(
    'echo: still refuses an origin outside the allowlist',
    'echo',
    [o(EVIL), acrm('PATCH'), acrh('x-foo')],
    403,
    { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' },
    'acao-missing',
  ),
];

// Every bypass shape the scanner knows, for each origin of the exact allowlist, plus the general hostile
// origins: allowed exactly when the origin is in the list.
const exactList = CONFIGS.exact.origins as readonly string[];
const ctx = { label: 'q7x', attacker: 'q7x.invalid' };
const hostile = [
  ...new Set([
    ...exactList.flatMap((origin) => bypassProbes(parseTupleOrigin(origin), ctx).map((p) => p.origin)),
    ...generalHostileProbes(ctx).map((p) => p.origin),
  ]),
];
const generated: ConformanceCase[] = hostile.flatMap((origin) => {
  const allowed = exactList.includes(origin);
  return [
    get(
      `exact list: ${allowed ? 'allows' : 'refuses'} ${origin}`,
      'exact',
      [o(origin)],
      allowed
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-credentials': 'true',
            vary: 'Origin',
          }
        : REFUSED_ACTUAL,
    ),
    preflight(
      `exact list: ${allowed ? 'allows' : 'refuses'} a preflight from ${origin}`,
      'exact',
      [o(origin), acrm('GET')],
      allowed ? 204 : 403,
      allowed
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-credentials': 'true',
            vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
          }
        : { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' },
      allowed ? undefined : 'acao-missing',
    ),
  ];
});

/** The conformance table: every adapter must answer every row identically. */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [...handWritten, ...generated];

/**
 * The refusal a case must report (to `onRefuse`, in debug mode), or null when nothing is refused. The
 * cause is what the browser reads in an answer without CORS headers: on an actual response, Fetch §4.9
 * CORS check step 2 (`acao-missing`); on a preflight too (Fetch §4.7 step 7: Chromium, and the model for
 * it, run the CORS check before the status check), unless the failure status is a redirect.
 */
export function expectedRefusal(
  c: ConformanceCase,
): { cause: Cause; stage: 'preflight' | 'response'; check: RefusalCheck } | null {
  if (c.refused === undefined) return null;
  if (c.app) return { cause: 'acao-missing', stage: 'response', check: c.refused };
  const redirect = c.status >= 300 && c.status <= 399;
  return { cause: redirect ? 'preflight-redirect' : 'acao-missing', stage: 'preflight', check: c.refused };
}

/** The wire request of a case. */
export function caseRequest(c: ConformanceCase): {
  method: string;
  path: string;
  headers: readonly (readonly [string, string])[];
} {
  return { method: c.method, path: `/${c.config}${c.route}`, headers: c.request };
}
