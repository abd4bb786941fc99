import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetResult } from '../scan/index.js';
import { Engine, scanTarget } from '../scan/index.js';
import type { CorsOptions } from './core.js';
import { ADAPTERS, type Running } from './test-support/adapters.js';

// The scanner agrees with the middleware: scanning a loopback server guarded by corsguard, configured as
// users configure it, finds nothing at `low` or above. The configured origins are passed as trusted
// origins, so discovery and the bypass generators work from them as they would for a user.

const APP = 'https://app.victim.test';
const WWW = 'https://www.victim.test';

interface ScanConfig {
  readonly options: CorsOptions;
  readonly trusted: readonly string[];
  /** Scan as `localhost` (a development server) instead of api.victim.test. */
  readonly host?: string;
}

const SCAN_CONFIGS: Record<string, ScanConfig> = {
  'exact-credentials': {
    options: {
      origins: [APP, WWW],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
    },
    trusted: [APP, WWW],
  },
  'subdomain-pattern': {
    options: { origins: [APP, 'https://*.tenants.victim.test'], credentials: true, methods: ['PUT'] },
    trusted: [APP, 'https://acme.tenants.victim.test'],
  },
  'public-any-origin': {
    options: {
      origins: '*',
      methods: ['PUT'],
      requestHeaders: ['Content-Type'],
      exposeHeaders: ['X-Request-Id'],
    },
    trusted: [],
  },
  'localhost-dev': {
    options: {
      origins: ['http://localhost:*'],
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['Content-Type'],
    },
    trusted: ['http://localhost:5173'],
    host: 'localhost',
  },
  'subdomain-any-port': {
    options: { origins: [APP, 'https://*.tenants.victim.test:*'], credentials: true, methods: ['PUT'] },
    trusted: [APP, 'https://acme.tenants.victim.test:8443'],
  },
  // Each loopback host is its own pattern: the scanner's 127.0.0.1 and [::1] probes must be refused.
  'loopback-hosts': {
    options: { origins: ['http://localhost:*', 'http://[::1]:*'], requestHeaders: ['Content-Type'] },
    trusted: ['http://localhost:5173', 'http://[::1]:5173'],
    host: 'localhost',
  },
  'dangerous-echo': {
    options: {
      origins: [APP],
      credentials: true,
      methods: ['*'],
      requestHeaders: ['*'],
      dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,
    },
    trusted: [APP],
  },
  'private-network': {
    options: { origins: [APP], credentials: true, privateNetwork: true, methods: ['PUT'] },
    trusted: [APP],
  },
  'max-age': { options: { origins: [APP, WWW], credentials: true, maxAge: 7200 }, trusted: [APP, WWW] },
  // Trusting every subdomain of the API's own site is allowed by the policy, and the scanner says so.
  'own-site-subdomains': {
    options: { origins: ['https://*.victim.test'], credentials: true },
    trusted: [APP],
  },
};

const LOOPBACK = ADAPTERS.filter((a) => a.name.includes('loopback'));
const REPORTABLE = new Set(['critical', 'high', 'medium', 'low']);

describe.each(LOOPBACK)('scanning a server guarded by $name', (adapter) => {
  let running: Running;
  let engine: Engine;
  const results = new Map<string, TargetResult>();

  beforeAll(async () => {
    running = await adapter.start(
      Object.fromEntries(Object.entries(SCAN_CONFIGS).map(([k, c]) => [k, c.options])),
    );
    const port = running.port;
    if (port === null) throw new Error('not a loopback adapter');
    const resolve = [`api.victim.test:${port}:127.0.0.1`, `localhost:${port}:127.0.0.1`];
    engine = new Engine({ resolve });
    await Promise.all(
      Object.entries(SCAN_CONFIGS).map(async ([name, c]) => {
        const url = `http://${c.host ?? 'api.victim.test'}:${port}/${name}/plain`;
        results.set(name, await scanTarget(url, { resolve, trustedOrigins: c.trusted }, engine));
      }),
    );
  });
  afterAll(async () => {
    await engine?.close();
    await running?.close();
  });

  // The findings a policy asks for by what it allows: a subdomain pattern on the API's own site, any port.
  const intrinsic = new Set(['own-site-subdomains', 'subdomain-any-port']);
  it.each(Object.keys(SCAN_CONFIGS).filter((n) => !intrinsic.has(n)))(
    '%s: no finding at low or above',
    (name) => {
      const r = results.get(name);
      expect(r?.error).toBeUndefined();
      expect(r?.requests).toBeGreaterThan(15); // discovery and the bypass generators really ran
      const reportable = (r?.findings ?? []).filter((f) => REPORTABLE.has(f.severity));
      expect(reportable.map((f) => `${f.id} (${f.severity}) ${f.origin}`)).toEqual([]);
    },
  );

  it('own-site subdomain pattern: exactly the subdomain-trusted finding, nothing else', () => {
    const r = results.get('own-site-subdomains');
    expect(r?.error).toBeUndefined();
    expect(r?.findings.map((f) => f.id)).toEqual(['subdomain-trusted']);
  });

  it('subdomains on any port: exactly the port-ignored finding the pattern asks for, nothing else', () => {
    const r = results.get('subdomain-any-port');
    expect(r?.error).toBeUndefined();
    expect(r?.requests).toBeGreaterThan(20);
    const reportable = (r?.findings ?? []).filter((f) => REPORTABLE.has(f.severity));
    expect(reportable.map((f) => `${f.id} (${f.severity})`)).toEqual(['port-ignored (low)']);
  });
});
