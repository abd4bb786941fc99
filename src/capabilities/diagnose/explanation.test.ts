import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { HeaderList } from '../../core/browser/index.js';
import { createDecider, createPolicy } from '../../core/policy/index.js';
import type { ExchangeInput } from './diagnose-exchange.js';
import { diagnoseExchange } from './diagnose-exchange.js';
import { buildExplanation, type Explanation, type Intent } from './explanation.js';
import { type BrowserRequest, preflightFor } from './request.js';

const API = 'https://api.example.com/v1/items';
const APP = 'https://app.example.com';

function explain(
  request: BrowserRequest,
  answers: Omit<ExchangeInput, 'request'>,
  intent?: Intent,
): Explanation {
  const exchange = { request, ...answers };
  return buildExplanation({
    request,
    exchange,
    diagnosis: diagnoseExchange(exchange),
    source: 'observed',
    intent,
  });
}

const allowApp: HeaderList = [['Access-Control-Allow-Origin', APP]];
const allowAppCookies: HeaderList = [...allowApp, ['Access-Control-Allow-Credentials', 'true']];

describe('fix-server: the minimal change, verified by the browser model', () => {
  it('acao-missing on a simple GET: send the exact origin with Vary: Origin', () => {
    const e = explain({ url: API, origin: APP }, { response: { status: 200, headers: [] } });
    expect([e.cause, e.verdict]).toEqual(['acao-missing', 'fix-server']);
    expect(e.fix?.changes.map((c) => [c.kind, c.value])).toEqual([['allow-origin', APP]]);
    expect(e.fix?.delta).toEqual([
      {
        exchange: 'response',
        removed: [],
        added: [
          ['Access-Control-Allow-Origin', APP],
          ['Vary', 'Origin'],
        ],
      },
    ]);
    expect(e.fix?.verified).toBe(true);
    expect(e.fix?.policy.origins).toEqual([APP]);
  });

  it('acao-mismatch keeps the origin the server already grants and adds the page origin', () => {
    const e = explain(
      { url: API, origin: APP },
      { response: { status: 200, headers: [['Access-Control-Allow-Origin', 'https://www.example.com']] } },
    );
    expect(e.cause).toBe('acao-mismatch');
    expect(e.fix?.policy.origins).toEqual([APP, 'https://www.example.com']);
    expect(e.fix?.delta[0]?.removed).toEqual([['Access-Control-Allow-Origin', 'https://www.example.com']]);
  });

  it('acao-multiple: two layers add the header; the fix sends it once', () => {
    const e = explain(
      { url: API, origin: APP },
      { response: { status: 200, headers: [...allowApp, ...allowApp] } },
    );
    expect(e.cause).toBe('acao-multiple');
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['single-allow-origin']);
    expect(e.fix?.verified).toBe(true);
  });

  it('acao-wildcard-with-credentials: the exact origin instead of *, never * with cookies', () => {
    const e = explain(
      { url: API, origin: APP, credentials: 'include' },
      { response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
    );
    expect(e.cause).toBe('acao-wildcard-with-credentials');
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['exact-origin', 'allow-credentials']);
    expect(e.fix?.policy).toMatchObject({ origins: [APP], credentials: true });
    expect(e.fix?.delta[0]?.added).toEqual([
      ['Access-Control-Allow-Origin', APP],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Vary', 'Origin'],
    ]);
  });

  it('acac-missing and acac-not-true: send Access-Control-Allow-Credentials: true', () => {
    for (const headers of [allowApp, [...allowApp, ['Access-Control-Allow-Credentials', 'TRUE']] as const]) {
      const e = explain(
        { url: API, origin: APP, credentials: 'include' },
        { response: { status: 200, headers } },
      );
      expect(['acac-missing', 'acac-not-true']).toContain(e.cause);
      expect(e.fix?.changes.map((c) => c.kind)).toEqual(['allow-credentials']);
      expect(e.fix?.verified).toBe(true);
    }
  });

  it('preflight-status 401: answer OPTIONS before the authentication middleware', () => {
    const e = explain(
      { url: API, origin: APP, method: 'DELETE' },
      { preflight: { status: 401, headers: [] } },
    );
    // Chromium runs the CORS check before the status check: it reports the missing header.
    expect([e.cause, e.stage]).toEqual(['acao-missing', 'preflight']);
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['preflight-before-auth']);
    expect(e.fix?.policy.methods).toEqual(['DELETE']);
  });

  it('preflight-status 404: answer OPTIONS on the route', () => {
    const e = explain({ url: API, origin: APP, method: 'PUT' }, { preflight: { status: 404, headers: [] } });
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['answer-preflight']);
  });

  it('preflight-redirect: call the final URL or answer without redirecting', () => {
    const e = explain(
      { url: API, origin: APP, method: 'PUT' },
      { preflight: { status: 301, headers: [['Location', `${API}/`]] } },
    );
    expect(e.cause).toBe('preflight-redirect');
    expect(e.fix?.changes.map((c) => [c.kind, c.value])).toEqual([['no-preflight-redirect', `${API}/`]]);
  });

  it('preflight-method: adds PUT and keeps the DELETE the server already allows', () => {
    const e = explain(
      { url: API, origin: APP, method: 'PUT' },
      { preflight: { status: 204, headers: [...allowApp, ['Access-Control-Allow-Methods', 'GET, DELETE']] } },
    );
    expect(e.cause).toBe('preflight-method');
    expect(e.fix?.changes.map((c) => [c.kind, c.value])).toEqual([['allow-method', 'PUT']]);
    expect(e.fix?.policy.methods).toEqual(['DELETE', 'PUT']);
    expect(e.wording.chrome).toBe(
      'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.',
    );
    expect(e.fix?.verified).toBe(true);
  });

  it('preflight-header: lists the header; Authorization by name even when the server says *', () => {
    const e = explain(
      { url: API, origin: APP, headers: ['Authorization', 'X-Request-Id'] },
      { preflight: { status: 204, headers: [...allowApp, ['Access-Control-Allow-Headers', '*']] } },
    );
    expect([e.cause, e.evidence.header]).toEqual(['preflight-header', 'authorization']);
    expect(e.fix?.changes.map((c) => [c.kind, c.value])).toEqual([['allow-header', 'authorization']]);
    expect(e.fix?.policy.requestHeaders).toEqual(['*', 'authorization']);
    expect(e.fix?.verified).toBe(true);
  });

  it('local-network: a permission of the browser, not a server fix', () => {
    const e = explain({ url: 'http://192.168.1.10/api', origin: 'http://app.example.com' }, {});
    expect([e.cause, e.verdict, e.fix]).toEqual(['local-network', 'not-cors', undefined]);
    expect(e.advice.join(' ')).toContain('Serve the page over https');
  });

  it('websocket-rejected: an Origin check on the handshake, not CORS headers', () => {
    const e = explain(
      { url: 'wss://api.example.com/ws', origin: APP },
      { response: { status: 403, headers: [['X-Powered-By', 'Express']] } },
    );
    expect([e.cause, e.verdict]).toEqual(['websocket-rejected', 'fix-server']);
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['allow-websocket-origin']);
    expect(e.fix?.snippet.code).toContain(APP);
    expect(e.fix?.snippet.code).not.toContain('Access-Control-Allow-Origin');
    expect(e.fix?.stackSource).toBe('detected');
  });

  it('cors-on-errors: a 401 answer without CORS headers hides the error from the page', () => {
    const e = explain({ url: API, origin: APP }, { response: { status: 401, headers: [] } });
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['allow-origin', 'cors-on-errors']);
  });

  it('renders the fix for the stack the Server header names, else the policy file', () => {
    const nginx = explain(
      { url: API, origin: APP },
      { response: { status: 200, headers: [['Server', 'nginx/1.25']] } },
    );
    expect([nginx.fix?.snippet.stack, nginx.fix?.snippet.filename]).toEqual(['nginx', 'cors.conf']);
    const none = explain({ url: API, origin: APP }, { response: { status: 200, headers: [] } });
    expect([none.fix?.snippet.stack, none.fix?.stackSource]).toEqual(['policy-file', 'none']);
    const file = parse(none.fix?.snippet.code ?? '') as {
      environments: { production: { origins: string[] } };
    };
    expect(file.environments.production.origins).toEqual([APP]);
  });
});

describe('not-cors and not-blocked', () => {
  it('a refused connection is a network problem, not CORS', () => {
    const e = explain({ url: API, origin: APP }, { response: { networkError: 'CONNECTION_REFUSED' } });
    expect([e.cause, e.verdict, e.fix]).toEqual(['network-error', 'not-cors', undefined]);
    expect(e.summary).toContain('CONNECTION_REFUSED');
  });

  it('mixed content: an https page asking for http is blocked before any CORS check', () => {
    const e = explain({ url: 'http://api.example.com/v1', origin: APP }, {});
    expect([e.cause, e.verdict]).toEqual(['mixed-content', 'not-cors']);
  });

  it('a 502 from a gateway without CORS headers: the 502 is the problem', () => {
    const e = explain({ url: API, origin: APP }, { response: { status: 502, headers: [] } });
    expect([e.cause, e.verdict]).toEqual(['acao-missing', 'not-cors']);
    expect(e.summary).toContain('502');
  });

  it('an answer a browser accepts is not blocked', () => {
    const e = explain({ url: API, origin: APP }, { response: { status: 200, headers: allowApp } });
    expect([e.cause, e.verdict, e.fix]).toEqual(['no-error', 'not-blocked', undefined]);
  });

  it('a server that grants null is not blocked, and the answer warns that it must not', () => {
    const e = explain(
      { url: API, origin: 'null', credentials: 'include' },
      {
        response: {
          status: 200,
          headers: [
            ['Access-Control-Allow-Origin', 'null'],
            ['Access-Control-Allow-Credentials', 'true'],
          ],
        },
      },
    );
    expect(e.verdict).toBe('not-blocked');
    expect(e.advice.join(' ')).toContain('must never be trusted (opaque)');
  });
});

// Origins that must never be trusted: the answer keeps the block and offers no loosening.
const UNTRUSTED: ReadonlyArray<readonly [string, BrowserRequest, string]> = [
  ['a sandboxed iframe (null)', { url: API, origin: 'null', credentials: 'include' }, 'opaque'],
  ['a file opened from disk', { url: API, origin: 'file://', credentials: 'omit' }, 'opaque'],
  [
    'localhost over http with cookies on an https API',
    { url: API, origin: 'http://localhost:5173', credentials: 'include' },
    'insecure-scheme',
  ],
  [
    'an http front end with cookies',
    { url: API, origin: 'http://app.example.com', credentials: 'include' },
    'insecure-scheme',
  ],
  [
    'a shared-hosting origin',
    { url: API, origin: 'https://someone.github.io', credentials: 'include' },
    'shared-hosting',
  ],
  [
    'a herokuapp origin, even anonymous',
    { url: API, origin: 'https://my-app.herokuapp.com' },
    'shared-hosting',
  ],
  [
    '"any origin, with cookies"',
    { url: API, origin: '*', credentials: 'include' },
    'any-origin-with-credentials',
  ],
];

describe('working-as-intended: origins that must never be trusted get no loosening advice', () => {
  for (const [name, request, kind] of UNTRUSTED) {
    it(name, () => {
      // No CORS header, and a grant to another origin: blocked either way.
      for (const headers of [
        [],
        [['Access-Control-Allow-Origin', 'https://www.example.com']] as HeaderList,
      ]) {
        const e = explain(request, { response: { status: 200, headers } });
        expect(e.verdict).toBe('working-as-intended');
        expect(e.untrusted?.kind).toBe(kind);
        expect(e.fix).toBeUndefined();
        expect(e.advice.length).toBeGreaterThan(0);
        const said = [e.summary, ...e.advice].join('\n');
        // Never: allow this origin, reflect the Origin, send * with credentials.
        if (request.origin !== '*')
          expect(said).not.toContain(`Access-Control-Allow-Origin: ${request.origin}`);
        expect(said).not.toMatch(
          /origin: true|copy the origin|echo the origin|Access-Control-Allow-Origin: null/i,
        );
        expect(said).not.toMatch(/credentials: true/);
      }
    });
  }

  it('"any origin with cookies" names the safe architectures', () => {
    const e = explain(
      { url: API, origin: '*', credentials: 'include' },
      { response: { status: 200, headers: [] } },
    );
    const said = e.advice.join(' ');
    expect(said).toContain('Authorization');
    expect(said).toContain('backend-for-frontend');
    expect(said).toContain('credentials: "omit"');
  });

  it('localhost: a dev proxy and a development-only allowlist', () => {
    const e = explain(
      { url: API, origin: 'http://localhost:5173', credentials: 'include' },
      { response: { status: 200, headers: [] } },
    );
    expect(e.advice.join(' ')).toMatch(/server\.proxy.*devServer\.proxy.*rewrites/);
    expect(e.advice.join(' ')).toContain('only in the development environment');
  });
});

// Every fix corsguard proposes, over requests × broken answers: never reflection, never * with
// credentials, never null, Authorization always by name, and another origin is still refused.
describe('a fix is never dangerous', () => {
  const requests: BrowserRequest[] = [];
  for (const credentials of ['include', 'omit', 'same-origin'] as const) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      for (const headers of [[], ['Authorization'], ['X-Request-Id', 'Authorization']]) {
        requests.push({
          url: API,
          origin: APP,
          method,
          headers,
          credentials,
          contentType: 'application/json',
        });
      }
    }
  }
  const answers: HeaderList[] = [
    [],
    [['Access-Control-Allow-Origin', '*']],
    [
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Headers', '*'],
      ['Access-Control-Allow-Methods', '*'],
    ],
    [['Access-Control-Allow-Origin', 'https://www.example.com']],
    [
      ['Access-Control-Allow-Origin', 'null'],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    [
      ['Access-Control-Allow-Origin', 'http://www.example.com'],
      ['Access-Control-Allow-Credentials', 'true'],
    ],
    [...allowApp, ['Access-Control-Allow-Methods', 'GET']],
  ];
  it(`${requests.length * answers.length} requests × answers, with and without a preflight`, () => {
    let fixes = 0;
    for (const request of requests) {
      for (const headers of answers) {
        for (const stageAnswers of [
          { preflight: { status: 204, headers }, response: { status: 200, headers } },
          // Without a preflight answer only for requests that need none.
          ...(preflightFor(request) === null ? [{ response: { status: 200, headers } }] : []),
        ]) {
          const e = explain(request, stageAnswers);
          if (e.fix === undefined) continue;
          fixes++;
          const p = e.fix.policy;
          if (p.credentials) expect(p.origins).not.toBe('*');
          if (p.credentials) expect([...p.methods, ...p.requestHeaders]).not.toContain('*');
          expect(p.origins === '*' ? [] : p.origins).not.toContain('null');
          // Only the page's origin and origins the server already grants (kept, never added); http only without cookies.
          for (const o of p.origins === '*' ? [] : p.origins)
            expect([
              APP,
              'https://www.example.com',
              ...(p.credentials ? [] : ['http://www.example.com']),
            ]).toContain(o);
          if ((request.headers ?? []).includes('Authorization'))
            expect(p.requestHeaders).toContain('authorization');
          const decide = createDecider(createPolicy({ ...p, maxAge: p.maxAge ?? undefined } as never));
          const other = decide({
            method: 'GET',
            origin: 'https://attacker.example',
            requestMethod: null,
            requestHeaders: null,
            requestPrivateNetwork: null,
          });
          const granted = other.headers.find(([n]) => n === 'Access-Control-Allow-Origin')?.[1];
          expect(granted === undefined || (granted === '*' && !p.credentials)).toBe(true);
          expect(e.fix.verified).toBe(true);
        }
      }
    }
    expect(fixes).toBeGreaterThan(200);
  });
});

describe('intent from a policy file', () => {
  const intent = (methods: string[]): Intent => ({
    policy: createPolicy({ origins: [APP], credentials: true, methods }),
    file: 'cors.policy.yaml',
    env: 'production',
  });
  const put = { url: API, origin: APP, method: 'PUT', credentials: 'include' } as const;
  const refused = {
    preflight: {
      status: 204,
      headers: [...allowAppCookies, ['Access-Control-Allow-Methods', 'GET']] as HeaderList,
    },
  };

  it('the policy allows PUT but the server does not: deploy the policy, no policy change', () => {
    const e = explain(put, refused, intent(['PUT']));
    expect(e.verdict).toBe('fix-server');
    expect(e.fix?.policyChanges).toEqual([]);
    expect(e.fix?.snippet.code).toContain('cors.policy.yaml (production)');
  });

  it('the policy lacks PUT: the policy change is named', () => {
    const e = explain(put, refused, intent([]));
    expect(e.fix?.policyChanges).toEqual(['methods: add PUT']);
  });

  it('the policy does not list the origin: the block is correct', () => {
    const e = explain({ ...put, origin: 'https://partner.example' }, refused, intent(['PUT']));
    expect([e.verdict, e.fix]).toEqual(['working-as-intended', undefined]);
    expect(e.summary).toContain('does not allow https://partner.example');
  });

  it('the policy has no credentials and the page sends cookies: the block is correct', () => {
    const anonymous: Intent = { ...intent([]), policy: createPolicy({ origins: [APP] }) };
    const e = explain(
      { url: API, origin: APP, credentials: 'include' },
      { response: { status: 200, headers: allowApp } },
      anonymous,
    );
    expect(e.verdict).toBe('working-as-intended');
    expect(e.advice[0]).toContain('credentials: "omit"');
  });
});

describe('a fix keeps what the server already does right', () => {
  it('credentials the server grants stay granted although this request sends none', () => {
    const e = explain(
      { url: API, origin: APP, method: 'PUT' },
      { preflight: { status: 204, headers: [...allowAppCookies, ['Access-Control-Allow-Methods', 'GET']] } },
    );
    expect(e.fix?.policy.credentials).toBe(true);
    expect(e.fix?.delta[0]?.removed).toEqual([['Access-Control-Allow-Methods', 'GET']]);
  });

  it('unless no safe policy can keep them (an http origin): then they are dropped, not the fix', () => {
    const e = explain(
      { url: 'http://api.example.com/v1', origin: 'http://app.example.com', method: 'PUT' },
      {
        preflight: {
          status: 204,
          headers: [
            ['Access-Control-Allow-Origin', 'http://app.example.com'],
            ['Access-Control-Allow-Credentials', 'true'],
          ],
        },
      },
    );
    expect([e.verdict, e.fix?.policy.credentials]).toEqual(['fix-server', false]);
  });
});
