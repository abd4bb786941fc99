import { createPolicy, type Policy } from '../../../core/policy/index.js';
import type { GenerateInput } from '../types.js';

/** A named generator input used by the unit and real-server tests (api.victim.test's front ends). */
export interface GenerateCase {
  readonly name: string;
  readonly input: GenerateInput;
  /** Paths to check, each with the policy that must apply there. */
  readonly checks: readonly { readonly path: string; readonly policy: Policy }[];
  /** Scanner findings the policy itself calls for (a subdomain or localhost allowlist), at low or above. */
  readonly intrinsic: readonly string[];
}

const exactCredentials = createPolicy({
  origins: ['https://app.victim.test', 'https://www.victim.test'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
  exposeHeaders: ['X-Total-Count', 'ETag'],
  maxAge: 600,
});
const subdomains = createPolicy({
  origins: ['https://*.victim.test'],
  credentials: true,
  methods: ['PATCH'],
});
const localhostDev = createPolicy({
  origins: ['https://app.victim.test', 'http://localhost:*'],
  requestHeaders: ['content-type'],
});
const subdomainsAnyPort = createPolicy({
  origins: ['https://*.victim.test:*'],
  credentials: true,
  requestHeaders: ['Authorization'],
});
// Each loopback host is its own pattern: http://localhost:* does not allow 127.0.0.1 or [::1].
const loopbackHosts = createPolicy({ origins: ['http://localhost:*', 'http://127.0.0.1:*'] });
const publicAnonymous = createPolicy({ origins: '*', exposeHeaders: ['X-Total-Count'], maxAge: 300 });
const publicAnything = createPolicy({ origins: '*', methods: ['*'], requestHeaders: ['*'] });

/** The policies every target is generated for and checked against. */
export const GENERATE_CASES: readonly GenerateCase[] = [
  {
    name: 'exact-credentials',
    input: { policy: exactCredentials, env: 'production', source: 'cors.yaml' },
    checks: [{ path: '/api/me', policy: exactCredentials }],
    intrinsic: [],
  },
  {
    name: 'subdomains',
    input: { policy: subdomains },
    checks: [{ path: '/api/me', policy: subdomains }],
    intrinsic: ['subdomain-trusted'],
  },
  {
    name: 'localhost-dev',
    input: { policy: localhostDev, env: 'development' },
    checks: [{ path: '/api/me', policy: localhostDev }],
    intrinsic: ['localhost-trusted'],
  },
  {
    name: 'public',
    input: { policy: publicAnonymous },
    checks: [{ path: '/api/me', policy: publicAnonymous }],
    intrinsic: [],
  },
  {
    name: 'public-any-method',
    input: { policy: publicAnything },
    checks: [{ path: '/api/me', policy: publicAnything }],
    intrinsic: [],
  },
  {
    name: 'paths',
    input: {
      policy: exactCredentials,
      paths: [
        { path: '/public/', policy: publicAnonymous },
        { path: '/public/admin/', policy: subdomains },
      ],
    },
    checks: [
      { path: '/api/me', policy: exactCredentials },
      { path: '/public/data', policy: publicAnonymous },
      { path: '/public/admin/x', policy: subdomains },
    ],
    intrinsic: ['subdomain-trusted'],
  },
  {
    name: 'subdomains-any-port',
    input: { policy: subdomainsAnyPort },
    checks: [{ path: '/api/me', policy: subdomainsAnyPort }],
    intrinsic: ['subdomain-trusted', 'port-ignored'],
  },
  {
    name: 'loopback-hosts',
    input: { policy: loopbackHosts, env: 'development' },
    checks: [{ path: '/api/me', policy: loopbackHosts }],
    intrinsic: ['localhost-trusted'],
  },
];

/**
 * A policy allowing no origin, for Django's one-policy-per-project path limit. `createPolicy` refuses
 * `origins: []` (a forgotten placeholder in a middleware), so it is a listed policy with its rules removed.
 */
export const CLOSED_POLICY: Policy = Object.freeze({
  ...createPolicy({ origins: ['https://closed.invalid'] }),
  rules: Object.freeze([]),
  matchOrigin: () => null,
});
