import type { CaseInput } from './types.js';

const APP = 'https://app.victim.test';

// Allowlist map in the style of the common `map $http_origin $cors_origin { default ""; ... }` recipes.
// nginx does not send a header whose value is empty, so refused origins get no ACAO.
function map(variable: string, ...entries: string[]): string {
  return `  map $http_origin $${variable} {\n    default "";\n${entries.map((e) => `    ${e} $http_origin;`).join('\n')}\n  }`;
}

function allow(variable: string, extra = ''): string {
  return `        add_header Access-Control-Allow-Origin $${variable} always;
        add_header Access-Control-Allow-Credentials true always;
        add_header Vary Origin always;${extra}`;
}

export const nginxCases: readonly CaseInput[] = [
  {
    server: 'nginx',
    name: 'nginx-reflect-any',
    scheme: 'http',
    // "Just echo the Origin back": the most common answer to "CORS with credentials in nginx". Reflects `null` too.
    config: {
      location: `        add_header Access-Control-Allow-Origin $http_origin;
        add_header Access-Control-Allow-Credentials true;`,
    },
    legit: APP,
    expect: ['origin-reflected', 'vary-origin-missing'],
    probes: [{ origin: 'null', headers: { 'access-control-allow-origin': 'null', vary: null } }],
  },
  {
    server: 'nginx',
    name: 'nginx-preflight-echo',
    scheme: 'http',
    // The widely copied enable-cors.org-style block: preflight echoes the requested headers, 20-day max-age.
    config: {
      location: `        if ($request_method = 'OPTIONS') {
            add_header 'Access-Control-Allow-Origin' $http_origin;
            add_header 'Access-Control-Allow-Credentials' 'true';
            add_header 'Access-Control-Allow-Methods' 'GET, POST, PUT, DELETE, OPTIONS';
            add_header 'Access-Control-Allow-Headers' $http_access_control_request_headers;
            add_header 'Access-Control-Max-Age' 1728000;
            add_header 'Content-Type' 'text/plain; charset=utf-8';
            add_header 'Content-Length' 0;
            return 204;
        }
        add_header 'Access-Control-Allow-Origin' $http_origin always;
        add_header 'Access-Control-Allow-Credentials' 'true' always;`,
    },
    legit: APP,
    expect: ['origin-reflected', 'vary-origin-missing', 'preflight-permissive', 'max-age-excessive'],
    probes: [
      {
        origin: APP,
        preflight: { method: 'PUT', headers: 'x-anything-goes' },
        status: 204,
        headers: { 'access-control-allow-headers': 'x-anything-goes', 'access-control-max-age': '1728000' },
      },
    ],
  },
  {
    server: 'nginx',
    name: 'nginx-wildcard-credentials',
    scheme: 'http',
    config: {
      location: `        add_header Access-Control-Allow-Origin '*' always;
        add_header Access-Control-Allow-Credentials 'true' always;`,
    },
    legit: '*',
    expect: ['wildcard-with-credentials'],
  },
  {
    server: 'nginx',
    name: 'nginx-wildcard-public',
    scheme: 'http',
    // enable-cors.org "wide open" GET block; exposes only harmless headers.
    config: {
      location: `        add_header 'Access-Control-Allow-Origin' '*' always;
        add_header 'Access-Control-Allow-Methods' 'GET, POST, OPTIONS' always;
        add_header 'Access-Control-Allow-Headers' 'DNT,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range' always;
        add_header 'Access-Control-Expose-Headers' 'Content-Length,Content-Range' always;`,
    },
    legit: '*',
    expect: ['wildcard-origin'],
  },
  {
    server: 'nginx',
    name: 'nginx-if-unanchored',
    scheme: 'http',
    // `if ($http_origin ~* (https?://(example\.com|...)))` from Server Fault answers: no ^...$, so any origin
    // that merely starts with a trusted one passes.
    config: {
      location: `        set $cors "";
        if ($http_origin ~* (https?://(app\\.victim\\.test|www\\.victim\\.test))) {
            set $cors $http_origin;
        }
        add_header Access-Control-Allow-Origin $cors always;
        add_header Access-Control-Allow-Credentials true always;
        add_header Vary Origin always;`,
    },
    legit: APP,
    expect: ['prefix-match-bypass'],
    probes: [
      {
        origin: 'https://app.victim.test.attacker.tld',
        headers: { 'access-control-allow-origin': 'https://app.victim.test.attacker.tld' },
      },
      { origin: 'https://attackervictim.test', headers: { 'access-control-allow-origin': null } },
    ],
  },
  {
    server: 'nginx',
    name: 'nginx-map-exact',
    scheme: 'http',
    // Correct: exact map, `always`, Vary: Origin, fixed preflight lists.
    config: {
      http: map('cors_exact', '"https://app.victim.test"', '"https://www.victim.test"'),
      location: `        if ($request_method = OPTIONS) {
${allow('cors_exact')}
            add_header Access-Control-Allow-Methods "GET, POST, OPTIONS" always;
            add_header Access-Control-Allow-Headers "Authorization, Content-Type" always;
            add_header Access-Control-Max-Age 86400 always;
            return 204;
        }
${allow('cors_exact')}`,
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
    server: 'nginx',
    name: 'nginx-map-no-vary',
    scheme: 'http',
    config: {
      http: map('cors_novary', '"https://app.victim.test"', '"https://www.victim.test"'),
      location: `        add_header Access-Control-Allow-Origin $cors_novary always;
        add_header Access-Control-Allow-Credentials true always;`,
    },
    legit: APP,
    expect: ['vary-origin-missing'],
  },
  {
    server: 'nginx',
    name: 'nginx-map-subdomains',
    scheme: 'http',
    config: {
      http: map('cors_sub', '"~^https://([a-z0-9-]+\\.)*victim\\.test$"'),
      location: allow('cors_sub'),
    },
    legit: APP,
    expect: ['subdomain-trusted'],
  },
  {
    server: 'nginx',
    name: 'nginx-map-unescaped-dot',
    scheme: 'http',
    config: { http: map('cors_dot', '"~^https://(app|www).victim.test$"'), location: allow('cors_dot') },
    legit: APP,
    expect: ['unescaped-dot-bypass'],
    probes: [
      {
        origin: 'https://appxvictim.test',
        headers: { 'access-control-allow-origin': 'https://appxvictim.test' },
      },
    ],
  },
  {
    server: 'nginx',
    name: 'nginx-if-suffix',
    scheme: 'http',
    config: {
      location: `        if ($http_origin ~* "victim\\.test$") {
            add_header Access-Control-Allow-Origin $http_origin;
            add_header Access-Control-Allow-Credentials true;
            add_header Vary Origin;
        }`,
    },
    legit: APP,
    expect: ['suffix-match-bypass'],
  },
  {
    server: 'nginx',
    name: 'nginx-if-preflight-lost',
    scheme: 'http',
    // "if is evil": two `if` blocks both match a preflight; nginx uses only the last matching block's
    // add_header set, so preflights never get ACAO. Broken for the legitimate app, harmless security-wise.
    config: {
      location: `        if ($http_origin ~ '^https://(app|www)\\.victim\\.test$') {
            add_header Access-Control-Allow-Origin $http_origin;
            add_header Access-Control-Allow-Credentials true;
            add_header Vary Origin;
        }
        if ($request_method = OPTIONS) {
            add_header Access-Control-Allow-Methods "GET, POST";
            add_header Access-Control-Allow-Headers "Authorization, Content-Type";
            return 204;
        }`,
    },
    legit: APP,
    expect: [],
    probes: [
      {
        origin: APP,
        preflight: { method: 'POST', headers: 'content-type' },
        status: 204,
        headers: { 'access-control-allow-origin': null, 'access-control-allow-methods': 'GET, POST' },
      },
    ],
  },
  {
    server: 'nginx',
    name: 'nginx-map-localhost',
    scheme: 'http',
    config: {
      http: map(
        'cors_local',
        '"https://app.victim.test"',
        '"https://www.victim.test"',
        '"http://localhost:3000"',
      ),
      location: allow('cors_local'),
    },
    legit: APP,
    expect: ['localhost-trusted'],
  },
  {
    server: 'nginx',
    name: 'nginx-reflect-on-error',
    scheme: 'http',
    // add_header without `always` only applies to 200, 201, 204, 206, 301-308: this 401 carries no CORS at all.
    config: {
      location: `        add_header Access-Control-Allow-Origin $http_origin;
        add_header Access-Control-Allow-Credentials true;
        return 401 '{"error":"login required"}';`,
    },
    legit: null,
    expect: [],
    probes: [
      { origin: 'https://evil.example', status: 401, headers: { 'access-control-allow-origin': null } },
    ],
  },
  {
    server: 'nginx',
    name: 'nginx-expose-authorization',
    scheme: 'http',
    config: {
      http: map('cors_expose', '"https://app.victim.test"', '"https://www.victim.test"'),
      location: allow(
        'cors_expose',
        '\n        add_header Access-Control-Expose-Headers "Authorization, X-Request-Id" always;',
      ),
    },
    legit: APP,
    expect: ['expose-headers-sensitive'],
  },
  {
    server: 'nginx',
    name: 'nginx-https-http-allowed',
    scheme: 'https',
    // `https?://` in the allowlist: a network attacker who injects into http://app.victim.test reads the https API.
    config: {
      http: map('cors_scheme', '"~^https?://(app|www)\\.victim\\.test$"'),
      location: allow('cors_scheme'),
    },
    legit: APP,
    expect: ['insecure-scheme-trusted'],
  },
  {
    server: 'nginx',
    name: 'nginx-https-map-exact',
    scheme: 'https',
    config: {
      http: map('cors_tls', '"https://app.victim.test"', '"https://www.victim.test"'),
      location: allow('cors_tls'),
    },
    legit: APP,
    expect: [],
  },
];
