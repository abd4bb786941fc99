import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsRefusal } from '../../core/policy/index.js';
import {
  type BrowserRequest,
  diagnoseExchange,
  type ExchangeInput,
  preflightFor,
} from '../diagnose/index.js';
import type { CorsOptions } from './core.js';
import { ADAPTERS, type Running, type WireAnswer } from './test-support/adapters.js';
import { CONFIGS } from './test-support/app.js';
import {
  CONFORMANCE_CASES,
  type ConformanceCase,
  caseRequest,
  expectedRefusal,
} from './test-support/conformance-cases.js';

// The cause the middleware reports for a refusal is the cause `corsguard explain` (diagnoseExchange, the
// browser model run on the answer) finds in the middleware's real answer: one vocabulary at the server
// and in the browser. Checked for every refused conformance case on every adapter, and on Node http with
// an ok failure status (200: the CORS check decides) and a 3xx one (a preflight never follows redirects).

const refused = CONFORMANCE_CASES.filter((c) => c.refused !== undefined);

/** The exchange a browser would have had, from a conformance case and the middleware's answer. */
function exchangeOf(c: ConformanceCase, answer: WireAnswer): ExchangeInput {
  const values = (name: string) => c.request.filter(([n]) => n === name).map(([, v]) => v);
  const one = (name: string) => (values(name).length === 0 ? null : values(name).join(', '));
  // Several Origin headers reach the middleware joined by ", ": judge the page as that value.
  const origin = one('Origin') ?? 'null';
  const privateNetwork = one('Access-Control-Request-Private-Network') !== null;
  // A Private Network Access preflight is sent only for a more private target (PNA §preflight).
  const host = privateNetwork ? 'https://10.0.0.7' : 'https://api.example.test';
  const url = `${host}/${c.config}${c.route}`;
  const credentials = (CONFIGS[c.config] as CorsOptions).credentials === true ? 'include' : 'omit';
  const observed = { status: answer.status, headers: [...answer.headers] };
  const requestMethod = one('Access-Control-Request-Method');
  if (c.method !== 'OPTIONS' || requestMethod === null) {
    return { request: { url, origin, method: c.method, credentials }, response: observed };
  }
  const names = (one('Access-Control-Request-Headers') ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const request: BrowserRequest = { url, origin, method: requestMethod, headers: names, credentials };
  // A browser preflights a safelisted request only when told to (Fetch's use-CORS-preflight flag: XHR
  // upload listeners, or the older Private Network Access preflight, which Chromium 142+ replaced by a
  // permission); the model has no flag, so force it the WPT way, with an unsafe header. A refused
  // preflight fails before any header is judged, so the extra header changes nothing.
  const forced =
    preflightFor(request) === null ? { ...request, headers: [...names, 'X-Force-Preflight'] } : request;
  return { request: forced, preflight: observed };
}

function agreement(name: string, status: number | null, adapters: typeof ADAPTERS) {
  describe.each(adapters)(`${name}: $name`, (adapter) => {
    const seen: CorsRefusal[] = [];
    let running: Running;
    beforeAll(async () => {
      const configs = Object.fromEntries(
        Object.entries(CONFIGS).map(([config, options]) => [
          config,
          {
            ...options,
            ...(status === null ? {} : { preflightFailureStatus: status }),
            onRefuse: (_r, _q, refusal) => seen.push(refusal),
          } as CorsOptions,
        ]),
      );
      running = await adapter.start(configs);
    });
    afterAll(async () => {
      await running?.close();
    });
    const cases = refused.filter((c) => adapter.seesAppResponse || !c.appHeaders);
    it.each(cases)('$name', async (c) => {
      seen.length = 0;
      const answer = await running.send(caseRequest(c));
      expect(seen).toHaveLength(1);
      const reported = seen[0] as CorsRefusal;
      const diagnosis = diagnoseExchange(exchangeOf(c, answer));
      expect({ cause: reported.cause, stage: reported.stage }).toEqual({
        cause: diagnosis.cause,
        stage: diagnosis.stage,
      });
      expect(reported.check).toBe(c.refused);
      if (status === null) expect(reported.cause).toBe(expectedRefusal(c)?.cause);
      else if (reported.stage === 'preflight') {
        expect(reported.cause).toBe(status === 200 ? 'acao-missing' : 'preflight-redirect');
      }
    });
  });
}

const node = ADAPTERS.filter((a) => a.name === 'node http (loopback)');
agreement('configured failure status', null, ADAPTERS);
agreement('preflightFailureStatus 200', 200, node);
agreement('preflightFailureStatus 302', 302, node);

describe('the conformance table', () => {
  it('names the refusing check of every refused preflight, and of no allowed one', () => {
    const preflights = CONFORMANCE_CASES.filter((c) => c.method === 'OPTIONS' && !c.app);
    for (const c of preflights) expect(c.refused !== undefined, c.name).toBe(c.status !== 204);
  });

  it('covers every check the policy can refuse with', () => {
    expect(new Set(refused.map((c) => c.refused))).toEqual(
      new Set(['acao-missing', 'preflight-method', 'preflight-header', 'local-network']),
    );
  });
});
