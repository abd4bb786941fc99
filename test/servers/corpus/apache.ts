import type { CaseInput } from './types.js';

const APP = 'https://app.victim.test';

// `SetEnvIf Origin <regex> VAR=$0` + `Header always set ... %{VAR}e env=VAR`: the StackOverflow idiom.
function allowMatching(regex: string, extra = ''): string {
  return `  SetEnvIf Origin "${regex}" CORS_ORIGIN=$0
  Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN
  Header always set Access-Control-Allow-Credentials "true" env=CORS_ORIGIN
  Header always merge Vary "Origin"${extra}`;
}

export const apacheCases: readonly CaseInput[] = [
  {
    server: 'apache',
    name: 'apache-reflect-any',
    scheme: 'http',
    // "Mirror back the Origin that a client sends" (badllama.com style), no Vary.
    config: {
      location: `  SetEnvIf Origin "^(.+)$" ORIGIN_DOMAIN=$1
  Header always set Access-Control-Allow-Origin "%{ORIGIN_DOMAIN}e" env=ORIGIN_DOMAIN
  Header always set Access-Control-Allow-Credentials "true" env=ORIGIN_DOMAIN`,
    },
    legit: APP,
    expect: ['origin-reflected', 'vary-origin-missing'],
  },
  {
    server: 'apache',
    name: 'apache-wildcard-credentials',
    scheme: 'http',
    config: {
      location: `  Header always set Access-Control-Allow-Origin "*"
  Header always set Access-Control-Allow-Credentials "true"`,
    },
    legit: '*',
    expect: ['wildcard-with-credentials'],
  },
  {
    server: 'apache',
    name: 'apache-https-any-subdomain',
    scheme: 'https',
    // Verbatim shape of the StackOverflow snippet `^http(s)?://(.+\.)?(example\.com|example\.org)$`:
    // any subdomain, http too, and no Vary.
    config: {
      location: `  SetEnvIf Origin "^http(s)?://(.+\\.)?(victim\\.test)$" REQUEST_ORIGIN=$0
  Header always set Access-Control-Allow-Origin %{REQUEST_ORIGIN}e env=REQUEST_ORIGIN
  Header always set Access-Control-Allow-Credentials "true" env=REQUEST_ORIGIN`,
    },
    legit: APP,
    expect: ['subdomain-trusted', 'insecure-scheme-trusted', 'vary-origin-missing'],
  },
  {
    server: 'apache',
    name: 'apache-unanchored-dollar0',
    scheme: 'http',
    // Unanchored and unescaped. Surprise: `$0` is only the matched part, so the prefix probe
    // https://app.victim.test.attacker.tld gets ACAO https://app.victim.test (browser refuses: no bypass),
    // but the unescaped dots let https://appxvictim.test match entirely.
    config: {
      location: `  SetEnvIf Origin "http(s)?://(www\\.)?(victim.test|app.victim.test)" AccessControlAllowOrigin=$0
  Header always set Access-Control-Allow-Origin %{AccessControlAllowOrigin}e env=AccessControlAllowOrigin
  Header always set Access-Control-Allow-Credentials "true" env=AccessControlAllowOrigin
  Header always merge Vary "Origin"`,
    },
    legit: APP,
    expect: ['unescaped-dot-bypass'],
    probes: [
      { origin: 'https://app.victim.test.attacker.tld', headers: { 'access-control-allow-origin': APP } },
      {
        origin: 'https://appxvictim.test',
        headers: { 'access-control-allow-origin': 'https://appxvictim.test' },
      },
    ],
  },
  {
    server: 'apache',
    name: 'apache-anchored-exact',
    scheme: 'http',
    // Correct: anchored, escaped; Header always; Vary: Origin; fixed preflight lists (core answers OPTIONS 200).
    config: {
      location: allowMatching(
        '^https://(app|www)\\.victim\\.test$',
        `
  Header always set Access-Control-Allow-Methods "GET, POST, OPTIONS" env=CORS_ORIGIN
  Header always set Access-Control-Allow-Headers "Authorization, Content-Type" env=CORS_ORIGIN
  Header always set Access-Control-Max-Age "600" env=CORS_ORIGIN`,
      ),
    },
    legit: APP,
    expect: [],
    probes: [
      { origin: 'https://evil.example', headers: { 'access-control-allow-origin': null, vary: 'Origin' } },
      {
        origin: APP,
        preflight: { method: 'POST', headers: 'x-evil' },
        status: 200,
        headers: { 'access-control-allow-headers': 'Authorization, Content-Type' },
      },
    ],
  },
  {
    server: 'apache',
    name: 'apache-preflight-star',
    scheme: 'http',
    // "Allow everything, cache it for a year" on top of an exact allowlist.
    config: {
      location: allowMatching(
        '^https://(app|www)\\.victim\\.test$',
        `
  Header always set Access-Control-Allow-Methods "*" env=CORS_ORIGIN
  Header always set Access-Control-Allow-Headers "*" env=CORS_ORIGIN
  Header always set Access-Control-Max-Age "31536000" env=CORS_ORIGIN`,
      ),
    },
    legit: APP,
    expect: ['preflight-permissive', 'max-age-excessive'],
  },
  {
    server: 'apache',
    name: 'apache-localhost-dev',
    scheme: 'http',
    config: { location: allowMatching('^(https://(app|www)\\.victim\\.test|http://localhost:4200)$') },
    legit: APP,
    expect: ['localhost-trusted'],
  },
  {
    server: 'apache',
    name: 'apache-header-add-twice',
    scheme: 'http',
    // Two `Header add` lines meant as "a list": two ACAO header lines, which browsers reject.
    config: {
      location: `  Header add Access-Control-Allow-Origin "https://app.victim.test"
  Header add Access-Control-Allow-Origin "https://www.victim.test"`,
    },
    legit: 'https://app.victim.test, https://www.victim.test',
    expect: ['invalid-cors-headers'],
  },
];
