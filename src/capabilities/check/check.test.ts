import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../core/browser/index.js';
import { createDecider, createPolicy, type PolicyInput } from '../../core/policy/index.js';
import type { ObservedResponse } from './compare.js';
import { planCheck } from './plan.js';
import { checkPolicy, type ProbeSender } from './run-check.js';

const URL = 'https://api.example.com/v1/me';
const DECLARED: PolicyInput = {
  origins: ['https://app.example.com', 'https://*.admin.example.com'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['Authorization', 'X-Api-Key'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
};

// A server that behaves exactly as `input` says (the middleware's decision), with an optional tweak on
// its answer: drift is simulated by running a different policy, or by editing the headers it sends.
function server(
  input: PolicyInput,
  tweak: (h: [string, string][]) => [string, string][] = (h) => h,
): ProbeSender {
  const decide = createDecider(createPolicy(input));
  return async (probe): Promise<ObservedResponse> => {
    const d = decide(probe);
    const headers: [string, string][] = d.headers.map(([n, v]) => [n, v]);
    if (d.vary !== null) headers.push(['Vary', d.vary]);
    const status = d.kind === 'preflight' ? (d.allowed ? 204 : 403) : 200;
    return { status, headers: tweak(headers) as HeaderList };
  };
}

async function codes(input: PolicyInput, tweak?: (h: [string, string][]) => [string, string][]) {
  const result = await checkPolicy(URL, createPolicy(DECLARED), server(input, tweak));
  return [...new Set(result.violations.map((v) => v.code))].sort();
}

describe('corsguard check', () => {
  it('finds no violation when the deployment answers exactly as its policy says', async () => {
    const result = await checkPolicy(URL, createPolicy(DECLARED), server(DECLARED));
    expect(result.errors).toEqual([]);
    expect(result.violations).toEqual([]);
    expect(result.probes).toBeGreaterThan(40);
  });

  it('sends the same requests on every run', () => {
    expect(planCheck(createPolicy(DECLARED))).toEqual(planCheck(createPolicy(DECLARED)));
  });

  it('catches a development origin left allowed in production', async () => {
    const result = await checkPolicy(
      URL,
      createPolicy(DECLARED),
      server({ ...DECLARED, origins: [...DECLARED.origins, 'http://localhost:3000'] }),
    );
    expect(result.violations.map((v) => `${v.code} ${v.probe}`)).toContain(
      'origin-allowed hostile http://localhost:3000 GET',
    );
  });

  it('catches an extra origin derived from the allowlist (every subdomain trusted)', async () => {
    expect(await codes({ ...DECLARED, origins: ['https://*.example.com'] })).toContain('origin-allowed');
  });

  it('catches a server that reflects any origin with credentials', async () => {
    const v = await checkPolicy(URL, createPolicy(DECLARED), async (probe) => ({
      status: probe.method === 'OPTIONS' ? 204 : 200,
      headers: [
        ['Access-Control-Allow-Origin', probe.origin ?? '*'],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Allow-Methods', probe.requestMethod ?? 'GET'],
        ['Access-Control-Allow-Headers', probe.requestHeaders ?? ''],
      ],
    }));
    const hostile = v.violations.filter((x) => x.code === 'origin-allowed');
    expect(hostile.length).toBeGreaterThan(20);
    expect(hostile.find((x) => x.probe === 'hostile null GET')?.message).toBe(
      "null can read the response with the user's cookies, but the policy refuses it",
    );
  });

  it('catches a missing Vary: Origin', async () => {
    expect(await codes(DECLARED, (h) => h.filter(([n]) => n !== 'Vary'))).toEqual(['vary-missing']);
  });

  it('catches credentials toggled off, and toggled on', async () => {
    expect(await codes({ ...DECLARED, credentials: false })).toEqual(['credentials-missing']);
    const declaredAnonymous = createPolicy({ ...DECLARED, credentials: false });
    const result = await checkPolicy(URL, declaredAnonymous, server(DECLARED));
    expect([...new Set(result.violations.map((v) => v.code))].sort()).toEqual(['credentials-unexpected']);
  });

  it('catches a method, a header or exposed headers drifting from the policy', async () => {
    expect(await codes({ ...DECLARED, methods: ['PUT', 'DELETE', 'PATCH'] })).toEqual(['preflight-allowed']);
    expect(await codes({ ...DECLARED, methods: ['DELETE'] })).toEqual(['preflight-refused']);
    expect(await codes({ ...DECLARED, requestHeaders: ['Authorization'] })).toEqual(['preflight-refused']);
    expect(await codes({ ...DECLARED, exposeHeaders: ['X-Request-Id', 'X-Internal'] })).toEqual([
      'expose-extra',
    ]);
    expect(await codes({ ...DECLARED, exposeHeaders: [] })).toEqual(['expose-missing']);
    expect(await codes({ ...DECLARED, maxAge: 86_400 })).toEqual(['max-age-mismatch']);
  });

  it('catches a preflight answer that lists one extra method or one extra request header', async () => {
    // A server with static lists (as nginx, Apache and most frameworks answer): the policy's own
    // preflight is accepted by a browser, but the lists grant more than the policy says.
    const staticLists = (methods: string, headers: string) =>
      server(DECLARED, (h) =>
        h.some(([n]) => n === 'Access-Control-Allow-Methods')
          ? [
              ...h.filter(
                ([n]) => n !== 'Access-Control-Allow-Methods' && n !== 'Access-Control-Allow-Headers',
              ),
              ['Access-Control-Allow-Methods', methods],
              ['Access-Control-Allow-Headers', headers],
            ]
          : h,
      );
    const run = async (methods: string, headers: string) =>
      (await checkPolicy(URL, createPolicy(DECLARED), staticLists(methods, headers))).violations;
    const listed = 'authorization, x-api-key';
    expect(await run('GET, HEAD, POST, PUT, DELETE', listed)).toEqual([]);
    const extraMethod = await run('GET, HEAD, POST, PUT, DELETE, PROPFIND', listed);
    expect(new Set(extraMethod.map((v) => v.code))).toEqual(new Set(['methods-extra']));
    expect(extraMethod[0]?.message).toContain('allows PROPFIND');
    const extraHeader = await run('PUT, DELETE', `${listed}, content-type`);
    expect(new Set(extraHeader.map((v) => v.code))).toEqual(new Set(['headers-extra']));
    expect(extraHeader[0]?.message).toContain('content-type');
  });

  it('preflights every policy method: a deployment that stopped allowing DELETE fails', async () => {
    // The server allows PUT only; the policy lists PUT and DELETE. Only DELETE's preflight shows it.
    const v = (await checkPolicy(URL, createPolicy(DECLARED), server({ ...DECLARED, methods: ['PUT'] })))
      .violations;
    expect(new Set(v.map((x) => x.code))).toEqual(new Set(['preflight-refused']));
    expect(v.every((x) => x.probe.includes('preflight DELETE'))).toBe(true);
  });

  it('asks for the common methods the policy does not list: an extra DELETE or PUT is caught', async () => {
    const policy = { ...DECLARED, methods: ['PUT'] };
    const v = (
      await checkPolicy(URL, createPolicy(policy), server({ ...policy, methods: ['PUT', 'DELETE'] }))
    ).violations;
    expect(new Set(v.map((x) => x.code))).toEqual(new Set(['preflight-allowed']));
    expect(v.every((x) => x.probe.includes('preflight DELETE'))).toBe(true);
  });

  it('an origin another path of the environment allows must not leak into this path', async () => {
    const api = createPolicy({ origins: ['https://app.example.com'], credentials: true });
    const partner = 'https://partner.example';
    // The /api/ server also trusts the /public/ policy's partner: a leak between paths.
    const leaky = server({ origins: ['https://app.example.com', partner], credentials: true });
    const without = await checkPolicy(URL, api, leaky);
    expect(without.violations).toEqual([]); // without the other path's origins, nothing shows it
    const withOthers = await checkPolicy(URL, api, leaky, { otherOrigins: [partner] });
    expect(withOthers.violations.map((x) => `${x.code} ${x.probe}`)).toEqual([
      `origin-allowed hostile ${partner} GET`,
    ]);
  });

  it('shows expected and observed header lines for each violation', async () => {
    const result = await checkPolicy(
      URL,
      createPolicy(DECLARED),
      server(DECLARED, (h) => h.filter(([n]) => n !== 'Vary')),
    );
    const v = result.violations.find((x) => x.probe === 'allowed https://app.example.com GET');
    expect(v?.expected).toContain('Vary: Origin');
    expect(v?.observed).toEqual([
      'Access-Control-Allow-Origin: https://app.example.com',
      'Access-Control-Allow-Credentials: true',
      'Access-Control-Expose-Headers: X-Request-Id',
    ]);
  });

  it('reports a probe that failed to send as an error, never as a pass', async () => {
    const result = await checkPolicy(URL, createPolicy(DECLARED), async () => {
      throw new Error('connection refused');
    });
    expect(result.errors).toHaveLength(result.probes);
    expect(result.violations).toEqual([]);
  });

  it('keeps the request set bounded for a 10,000-origin allowlist', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://t${i}.tenant.example`);
    const probes = planCheck(createPolicy({ origins, credentials: true }));
    // 4 per allowed origin, and bypasses from at most 50 of them.
    expect(probes.length).toBeLessThan(10_000 * 4 + 50 * 30 + 50);
  });
});
