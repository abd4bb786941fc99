import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CorsRefusal } from '../../core/policy/index.js';
import type { CorsOptions } from './core.js';
import { ADAPTERS, type Running, type WireAnswer } from './test-support/adapters.js';
import { CONFIGS } from './test-support/app.js';
import { CONFORMANCE_CASES, caseRequest, expectedRefusal } from './test-support/conformance-cases.js';

// Issue 12's middleware debug mode, over every adapter and every row of the conformance table: debug
// mode logs, at the server, the cause of each refusal (the code `corsguard explain` gives the same
// exchange), and it changes no decision: status and headers are those of debug off, X-CORS-Debug aside.

const refusals: CorsRefusal[] = [];
const configs = (debug: boolean): Record<string, CorsOptions> =>
  Object.fromEntries(
    Object.entries(CONFIGS).map(([name, options]) => [
      name,
      { ...options, debug, onRefuse: (_r, _q, refusal) => refusals.push(refusal) } as CorsOptions,
    ]),
  );

// Everything but the debug header and the clock.
function decided(a: WireAnswer) {
  const headers = [...a.headers].filter(([n]) => n !== 'x-cors-debug' && n !== 'date');
  return { status: a.status, appReached: a.appReached, headers, repeated: a.repeated };
}

const logs: string[] = [];
beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    logs.push(args.map(String).join(' '));
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe.each(ADAPTERS)('$name', (adapter) => {
  let on: Running;
  let off: Running;
  beforeAll(async () => {
    [on, off] = await Promise.all([adapter.start(configs(true)), adapter.start(configs(false))]);
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
  });
  const cases = CONFORMANCE_CASES.filter((c) => adapter.seesAppResponse || !c.appHeaders);

  describe('the middleware debug mode logs the cause for each refused case of the conformance tests', () => {
    it.each(cases)('$name', async (c) => {
      logs.length = 0;
      refusals.length = 0;
      const answer = await on.send(caseRequest(c));
      const expected = expectedRefusal(c);
      if (expected === null) {
        expect(logs).toEqual([]);
        expect(refusals).toEqual([]);
        expect(answer.headers.get('x-cors-debug')).toBeUndefined();
        return;
      }
      const codes =
        expected.check === expected.cause ? expected.cause : `${expected.cause}; ${expected.check}`;
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/^corsguard: refused a CORS (preflight for .+|\S+ request) from Origin /);
      expect(logs[0]).toContain(`: ${codes}; `);
      expect(refusals).toEqual([{ ...expected, reason: expect.any(String) }]);
      expect(answer.headers.get('x-cors-debug')?.startsWith(`${codes}; `)).toBe(true);
    });
  });

  describe('debug mode changes no decision: status and headers as with debug off', () => {
    it.each(cases)('$name', async (c) => {
      const withDebug = await on.send(caseRequest(c));
      logs.length = 0;
      refusals.length = 0;
      const without = await off.send(caseRequest(c));
      expect(decided(withDebug)).toEqual(decided(without));
      expect(without.headers.get('x-cors-debug')).toBeUndefined();
      expect(logs).toEqual([]);
      // onRefuse is called whether debug is on or not.
      expect(refusals.length).toBe(expectedRefusal(c) === null ? 0 : 1);
    });
  });
});
