import type { FindingDefinition } from './definition.js';
import { NARROW_READ, read } from './shared.js';

/** Findings where the allowlist trusts too much: subdomains, http, other ports, localhost, shared hosting. */
export const TRUST_FINDINGS = {
  'subdomain-trusted': {
    title: 'Every subdomain of the site is trusted',
    source: { family: 'subdomain', stage: 4 },
    severity: NARROW_READ,
    score: {
      modifier: 25,
      recommendation: 'List the exact subdomains that need access instead of trusting every subdomain.',
    },
    wording: {
      serverDoes: 'trusts every subdomain of the site, including ones that do not exist',
      who: 'whoever controls any subdomain, e.g. {origin}: through an XSS on any subdomain or a forgotten DNS record taken over',
    },
    docs: { does: 'trusts every subdomain of the site' },
    explain: (c) =>
      `The server accepted ${c.origin}, a subdomain that does not exist. Anyone who finds cross-site scripting on any subdomain, or takes over a forgotten one (a dangling DNS record to a cloud service), can use it and ${read(c)}.`,
    remediation:
      'List the exact subdomains that need access instead of a wildcard, and keep that list short; audit subdomains for takeover and XSS if a wildcard is unavoidable.',
    demonstrates: 'read',
    lab: '/subdomain',
  },
  'insecure-scheme-trusted': {
    title: 'An https endpoint trusts an http:// origin',
    source: { family: 'insecure-scheme', stage: 4 },
    severity: NARROW_READ,
    score: {
      modifier: 25,
      recommendation: 'Remove http:// origins from the allowlist of an https endpoint.',
    },
    wording: {
      serverDoes: 'trusts plain-http origins on an https endpoint',
      who: 'anyone on the victim’s network path (public Wi-Fi, a hostile router), who can inject script into {origin}',
    },
    docs: { does: 'an https endpoint trusts `http://` origins' },
    explain: (c) =>
      `The server accepted ${c.origin}, a plain-http origin. Anyone on the victim's network path (public Wi-Fi, a hostile router) can inject script into any http page of that origin, and ${read(c)}, defeating HTTPS.`,
    remediation:
      'Allow only https:// origins on an https endpoint. Serve the front-end over https (with HSTS) and remove http:// entries and http? patterns from the allowlist.',
    demonstrates: 'read',
    lab: '/insecure-scheme',
  },
  'port-ignored': {
    title: 'Origin check ignores the port',
    source: { family: 'port', stage: 4 },
    severity: { credentialed: 'low', anonymous: 'info', unreadable: 'info' },
    score: {
      modifier: 10,
      recommendation: 'Compare the whole origin, port included, not just the host name.',
    },
    wording: {
      serverDoes: 'compares host names but ignores the port',
      who: 'whatever runs on another port of a trusted host, e.g. {origin}',
    },
    docs: { does: 'compares hosts but not ports (corsguard extension)' },
    explain: (c) =>
      `The server accepted ${c.origin}: it compares host names but not ports, so any service on another port of a trusted host (a debug server, an admin tool, a user-controlled app) can read responses of ${c.url}${c.credentialed ? " with the victim's cookies" : ''}.`,
    remediation:
      'Compare the full serialized origin (scheme, host and port), not just the host name: new Set(["https://app.example.com"]).has(origin).',
    demonstrates: 'read',
    lab: '/port-ignored',
  },
  'localhost-trusted': {
    title: 'A public endpoint trusts localhost or private-network origins',
    source: { family: 'localhost', stage: 2 },
    severity: NARROW_READ,
    score: {
      modifier: 20,
      recommendation: 'Move localhost and private-address origins to the development configuration only.',
    },
    wording: {
      serverDoes: 'trusts localhost or private-network origins on a public endpoint',
      who: 'any program serving a page at {origin} on the victim’s machine or network (a dev server, a malicious package)',
    },
    docs: { does: 'a public endpoint trusts localhost/loopback/private-address origins' },
    explain: (c) =>
      `The server accepted ${c.origin}, a development or private-network origin, on a public endpoint. Any program that serves a page on that port on the victim's machine or network (another dev server, a malicious npm package, a router page with XSS) can use it, and ${read(c)}.`,
    remediation:
      'Keep development origins (http://localhost:*, 127.0.0.1, private addresses) in the development configuration only; use a per-environment allowlist so production never ships them.',
    demonstrates: 'read',
    lab: '/localhost',
  },
  'third-party-origin-trusted': {
    title: 'Origins on shared hosting (github.io, vercel.app, …) are trusted',
    source: { family: 'third-party', stage: 2 },
    severity: { credentialed: 'high', anonymous: 'low', unreadable: 'info' },
    score: {
      modifier: 40,
      recommendation:
        'Trust only the exact shared-hosting subdomains you own, never a wildcard over the platform.',
    },
    wording: {
      serverDoes: 'trusts origins on a shared hosting platform where anyone can get a subdomain for free',
      who: 'anyone with a free account on that platform, e.g. {origin}',
    },
    docs: { does: 'trusts origins on shared hosting (github.io, vercel.app, …)' },
    explain: (c) =>
      `The server accepted ${c.origin}, a site on a shared hosting platform where anyone can create a subdomain for free. An attacker publishes a page there and ${read(c)}.`,
    remediation:
      'Trust only the exact hosting subdomain you own (https://myapp.vercel.app), never a wildcard over the platform, and prefer a custom domain you control.',
    demonstrates: 'read',
    lab: '/third-party',
  },
} as const satisfies Record<string, FindingDefinition>;
