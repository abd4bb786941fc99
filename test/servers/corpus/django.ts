import type { CaseInput } from './types.js';

const APP = 'https://app.victim.test';

// django-cors-headers 3.x: matches CORS_ALLOWED_ORIGIN_REGEXES with re.match (anchored at the start only),
// always adds Vary: Origin, sends Access-Control-Allow-Credentials: true even to refused origins, and answers
// preflights with fixed CORS_ALLOW_HEADERS / CORS_ALLOW_METHODS and Max-Age 86400 by default.
export const djangoCases: readonly CaseInput[] = [
  {
    server: 'django',
    name: 'django-allow-all-credentials',
    scheme: 'http',
    // With credentials, CORS_ALLOW_ALL_ORIGINS reflects the Origin (including `null`) instead of sending `*`.
    config: { settings: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True' },
    legit: APP,
    expect: ['origin-reflected'],
    probes: [{ origin: 'null', headers: { 'access-control-allow-origin': 'null', vary: 'Origin' } }],
  },
  {
    server: 'django',
    name: 'django-origin-allow-all-legacy',
    scheme: 'http',
    // The pre-3.0 setting name, still honoured.
    config: { settings: 'CORS_ORIGIN_ALLOW_ALL = True' },
    legit: '*',
    expect: ['wildcard-origin'],
  },
  {
    server: 'django',
    name: 'django-regex-no-end-anchor',
    scheme: 'http',
    config: {
      settings:
        'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://(app|www)\\.victim\\.test"]\nCORS_ALLOW_CREDENTIALS = True',
    },
    legit: APP,
    expect: ['prefix-match-bypass'],
  },
  {
    server: 'django',
    name: 'django-regex-any-subdomain',
    scheme: 'http',
    // The docs' example shape r"^https://\w+\.example\.com$".
    config: {
      settings:
        'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://\\w+\\.victim\\.test$"]\nCORS_ALLOW_CREDENTIALS = True',
    },
    legit: APP,
    expect: ['subdomain-trusted'],
  },
  {
    server: 'django',
    name: 'django-regex-unescaped-dot',
    scheme: 'http',
    config: {
      settings:
        'CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app.victim.test$", r"^https://www.victim.test$"]\nCORS_ALLOW_CREDENTIALS = True',
    },
    legit: APP,
    expect: ['unescaped-dot-bypass'],
  },
  {
    server: 'django',
    name: 'django-localhost-left-in',
    scheme: 'http',
    config: {
      settings: `CORS_ALLOWED_ORIGINS = [
    "https://app.victim.test",
    "https://www.victim.test",
    "http://localhost:3000",
    "http://127.0.0.1:3000",
]
CORS_ALLOW_CREDENTIALS = True`,
    },
    legit: APP,
    expect: ['localhost-trusted'],
  },
  {
    server: 'django',
    name: 'django-null-allowed',
    scheme: 'http',
    // "null" listed for a file:// or sandboxed client: django-cors-headers special-cases it.
    config: {
      settings: 'CORS_ALLOWED_ORIGINS = ["https://app.victim.test", "null"]\nCORS_ALLOW_CREDENTIALS = True',
    },
    legit: APP,
    expect: ['null-origin-allowed'],
  },
  {
    server: 'django',
    name: 'django-github-pages',
    scheme: 'http',
    config: {
      settings: `CORS_ALLOWED_ORIGINS = ["https://app.victim.test"]
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://[\\w-]+\\.github\\.io$"]
CORS_ALLOW_CREDENTIALS = True`,
    },
    legit: APP,
    expect: ['third-party-origin-trusted'],
  },
  {
    server: 'django',
    name: 'django-exact-allowlist',
    scheme: 'http',
    // Correct. Refused origins still get Access-Control-Allow-Credentials: true (no ACAO): harmless.
    config: {
      settings:
        'CORS_ALLOWED_ORIGINS = ["https://app.victim.test", "https://www.victim.test"]\nCORS_ALLOW_CREDENTIALS = True',
    },
    legit: APP,
    expect: [],
    probes: [
      {
        origin: 'https://evil.example',
        headers: {
          'access-control-allow-origin': null,
          'access-control-allow-credentials': 'true',
          vary: 'Origin',
        },
      },
    ],
  },
  {
    server: 'django',
    name: 'django-year-max-age-exposed-auth',
    scheme: 'http',
    config: {
      settings: `CORS_ALLOWED_ORIGINS = ["https://app.victim.test", "https://www.victim.test"]
CORS_ALLOW_CREDENTIALS = True
CORS_PREFLIGHT_MAX_AGE = 31536000
CORS_EXPOSE_HEADERS = ["Authorization", "X-Total-Count"]`,
    },
    legit: APP,
    expect: ['max-age-excessive', 'expose-headers-sensitive'],
  },
];
