import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS, type Running } from './test-support/adapters.js';
import { CONFIGS } from './test-support/app.js';
import { CONFORMANCE_CASES } from './test-support/conformance-cases.js';

// One table of request → expected response, run against every adapter over its real transport
// (loopback HTTP for node/express/fastify/hono, NextRequest for Next, Request for fetch): they must
// behave identically.

describe.each(ADAPTERS)('$name', (adapter) => {
  let running: Running;
  beforeAll(async () => {
    running = await adapter.start(CONFIGS);
  });
  afterAll(async () => {
    await running?.close();
  });

  const cases = CONFORMANCE_CASES.filter((c) => adapter.seesAppResponse || !c.appHeaders);
  it.each(cases)('$name', async (c) => {
    const answer = await running.send({
      method: c.method,
      path: `/${c.config}${c.route}`,
      headers: c.request,
    });
    expect(answer.status).toBe(c.status);
    expect(answer.appReached).toBe(c.app);
    for (const [name, value] of Object.entries(c.headers)) {
      expect(answer.headers.get(name) ?? null, name).toBe(value);
    }
    const unexpected = [...answer.headers.keys()].filter(
      (name) => (name.startsWith('access-control-') || name === 'x-cors-debug') && !(name in c.headers),
    );
    expect(unexpected).toEqual([]);
    const repeated = answer.repeated.filter((n) => n.startsWith('access-control-') || n === 'vary');
    expect(repeated).toEqual([]);
  });
});
