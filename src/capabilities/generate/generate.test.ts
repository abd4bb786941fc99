import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import {
  apexOrigin,
  LOOPBACK_PATTERN_HOSTS,
  originRegex,
  parseTupleOrigin,
} from '../../core/origin/index.js';
import { createPolicy, type Policy } from '../../core/policy/index.js';
import { bypassProbes, generalHostileProbes } from '../../core/probes/index.js';
import { CHECK_CONTEXT, sampleOrigin } from '../check/index.js';
import { policyInputLiteral } from './corsguard.js';
import {
  GENERATE_TARGETS,
  GenerateError,
  type GenerateInput,
  type GenerateTarget,
  generate,
  generateConfig,
} from './index.js';

/** The issues of a refused generation, one "code path: message. Fix: fix" line each ('' when it succeeds). */
function refusal(target: GenerateTarget, input: GenerateInput): string {
  return generate(target, input)
    .issues.map((i) => `${i.code} ${i.path.join('.')}: ${i.message}. Fix: ${i.fix}`)
    .join('\n');
}

import { CLOSED_POLICY, GENERATE_CASES } from './test-support/policies.js';

const [exactCase, subdomainCase, localhostCase, publicCase, , pathsCase] = GENERATE_CASES;
if (!exactCase || !subdomainCase || !localhostCase || !publicCase || !pathsCase) throw new Error('cases');
const publicPolicy = publicCase.input.policy;
const newPatternCases = GENERATE_CASES.filter((c) =>
  ['subdomains-any-port', 'loopback-hosts'].includes(c.name),
);

/**
 * Every origin regex a generated file contains, as JavaScript sources: the PCRE (`\z`) and Python (`\Z`)
 * end-of-string anchors become `$`, their JavaScript equivalent without the `m` flag.
 */
function emittedRegexes(target: GenerateTarget, code: string): string[] {
  const found: string[] = [];
  const end = target === 'nginx' || target === 'apache' ? '\\z' : target === 'django' ? '\\Z' : '$';
  const collect = (re: RegExp, map: (s: string) => string = (s) => s) => {
    for (const m of code.matchAll(re)) {
      const source = map(m[1] as string);
      // The dialect's own end anchor, and no other: a `$` in PCRE or Python also matches before "\n".
      expect(source.endsWith(end), source).toBe(true);
      found.push(`${source.slice(0, source.length - end.length)}$`);
    }
  };
  if (target === 'nginx') collect(/"~(\^https?:[^"]*)"/g);
  else if (target === 'apache') collect(/SetEnvIf Origin "([^"]+)"/g);
  else if (target === 'django') collect(/r"(\^https?:[^"]+)"/g);
  else collect(/\/(\^https?:.*?\$)\//g, (s) => s.replaceAll('\\/', '/'));
  return found;
}

/** Origins the scanner would try against a policy that the policy refuses. */
function hostileOrigins(policy: Policy): string[] {
  const origins = generalHostileProbes(CHECK_CONTEXT).map((p) => p.origin);
  for (const rule of policy.rules) {
    const base = parseTupleOrigin(sampleOrigin(rule));
    origins.push(...bypassProbes(base, CHECK_CONTEXT).map((p) => p.origin));
    const apex = apexOrigin(rule);
    if (apex !== null) origins.push(apex);
    if (rule.kind === 'subdomains') origins.push(`${rule.scheme}://${rule.domain}`);
    // The loopback hosts a loopback pattern did not name (http://localhost:* never allows [::1]).
    if (rule.kind === 'loopback-any-port')
      for (const host of LOOPBACK_PATTERN_HOSTS) origins.push(`${rule.scheme}://${host}:5173`);
  }
  origins.push('https://APP.victim.test', 'https://app.victim.test/', 'https://app.victim.test\n');
  return origins.filter((o) => policy.matchOrigin(o) === null);
}

const REGEX_TARGETS = GENERATE_TARGETS.filter((t) => t !== 'corsguard');

describe('origin regexes', () => {
  it('renders each pattern anchored, escaped and label-bounded', () => {
    expect(originRegex({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null })).toBe(
      '^https://([a-z0-9_-]+\\.)+example\\.com$',
    );
    expect(originRegex({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: 8443 })).toBe(
      '^https://([a-z0-9_-]+\\.)+example\\.com:8443$',
    );
    expect(originRegex({ kind: 'loopback-any-port', scheme: 'http', host: 'localhost' })).toBe(
      '^http://localhost(:[1-9][0-9]{0,4})?$',
    );
    expect(originRegex({ kind: 'loopback-any-port', scheme: 'http', host: '[::1]' })).toBe(
      '^http://\\[::1\\](:[1-9][0-9]{0,4})?$',
    );
    expect(originRegex({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: '*' })).toBe(
      '^https://([a-z0-9_-]+\\.)+example\\.com(:[1-9][0-9]{0,4})?$',
    );
    expect(originRegex({ kind: 'exact', origin: 'https://a-b.example.com:8080' })).toBe(
      '^https://a-b\\.example\\.com:8080$',
    );
  });

  it("ends each dialect's regex at the end of the string, never before a trailing newline", () => {
    const rule = { kind: 'exact', origin: 'https://app.example.com' } as const;
    expect(originRegex(rule, 'js')).toBe('^https://app\\.example\\.com$');
    expect(originRegex(rule, 'pcre')).toBe('^https://app\\.example\\.com\\z');
    expect(originRegex(rule, 'python')).toBe('^https://app\\.example\\.com\\Z');
  });

  it('has the new patterns in the case table', () => {
    expect(newPatternCases.map((c) => c.name)).toEqual(['subdomains-any-port', 'loopback-hosts']);
  });

  for (const target of REGEX_TARGETS) {
    for (const c of [subdomainCase, localhostCase, exactCase, ...newPatternCases]) {
      it(`${target} ${c.name}: every emitted regex is anchored, escaped and refuses the scanner's bypass origins`, () => {
        const input = target === 'django' ? { policy: c.input.policy } : c.input;
        const regexes = emittedRegexes(target, generateConfig(target, input).code);
        const patterns = c.input.policy.rules.filter((r) => r.kind !== 'exact');
        // Regexes only where needed: one per pattern (Apache also matches exact origins with SetEnvIf).
        expect(regexes.length).toBe(target === 'apache' ? c.input.policy.rules.length : patterns.length);
        for (const source of regexes) {
          expect(source.startsWith('^') && source.endsWith('$')).toBe(true);
          expect(source).not.toMatch(/[^\\]\.[a-z]/); // every dot between labels is escaped
        }
        const compiled = regexes.map((s) => new RegExp(s));
        for (const origin of hostileOrigins(c.input.policy)) {
          expect(compiled.filter((r) => r.test(origin)).map(String), origin).toEqual([]);
        }
        for (const rule of patterns) {
          expect(compiled.some((r) => r.test(sampleOrigin(rule)))).toBe(true);
        }
      });
    }
  }
});

describe('generateConfig', () => {
  it('names the source and environment in the header of every target', () => {
    for (const target of GENERATE_TARGETS) {
      const { code } = generateConfig(target, exactCase.input);
      expect(code).toContain('generated by corsguard from cors.yaml (environment "production")');
      expect(code).toContain('origins:         https://app.victim.test, https://www.victim.test');
    }
  });

  it('returns the target, language and file name', () => {
    const names = GENERATE_TARGETS.map((t) => {
      const g = generateConfig(t, { policy: publicPolicy });
      return `${g.target}:${g.language}:${g.filename}`;
    });
    expect(names).toEqual([
      'nginx:nginx:cors.conf',
      'apache:apache:cors.conf',
      'express:typescript:cors.ts',
      'fastify:typescript:cors.ts',
      'hono:typescript:cors.ts',
      'next:typescript:middleware.ts',
      'django:python:cors_settings.py',
      'corsguard:typescript:cors-policy.ts',
    ]);
  });

  it('nginx: canonical exact origins, preflight only with ACRM, always, Vary, no inheritance pitfalls', () => {
    const { code } = generateConfig('nginx', exactCase.input);
    expect(code).toContain('"https://app.victim.test" "https://app.victim.test";');
    expect(code).toContain('"~^OPTIONS\\|." 1;');
    expect(code).toContain('if ($corsguard_default_preflight = allow) { return 204; }');
    expect(code).toContain('if ($corsguard_default_preflight = refuse) { return 403; }');
    expect(code).not.toMatch(/if \(\$request_method = OPTIONS\)/);
    expect(code).toContain(
      'add_header Access-Control-Allow-Credentials $corsguard_default_credentials always;',
    );
    expect(code).toContain('allow "content-type, authorization, x-request-id";');
    expect(code).toContain('allow "600";');
    expect(code).toContain('add_header Vary Origin always;');
    expect(code).not.toContain('$http_access_control_request_headers');
    for (const line of code.split('\n').filter((l) => l.startsWith('    add_header')))
      expect(line).toMatch(/always;$/);
    const pub = generateConfig('nginx', publicCase.input).code;
    expect(pub).toContain('default "*";');
    expect(pub).not.toContain('Access-Control-Allow-Credentials $');
    expect(pub).not.toContain('add_header Vary Origin');
    expect(generateConfig('nginx', subdomainCase.input).code).not.toContain('Access-Control-Max-Age $');
  });

  it('nginx and Apache: a location per path prefix, the longest first / exclusive', () => {
    const nginx = generateConfig('nginx', pathsCase.input).code;
    const order = ['location ^~ /public/admin/ {', 'location ^~ /public/ {', 'location / {'].map((l) =>
      nginx.indexOf(l),
    );
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > (order[k - 1] as number)))).toBe(true);
    const apache = generateConfig('apache', pathsCase.input).code;
    expect(apache).toContain('<LocationMatch "^/public/admin/">');
    expect(apache).toContain('<LocationMatch "^/public/(?!admin/)">');
    expect(apache).toContain('<LocationMatch "^/(?!public/|public/admin/)">');
  });

  it('Apache: anchored SetEnvIf, Header always … env=, Vary merge, preflights answered without mod_rewrite', () => {
    const { code } = generateConfig('apache', exactCase.input);
    expect(code).toContain('SetEnvIf Origin "^https://app\\.victim\\.test\\z" CORSGUARD_ORIGIN=$0');
    expect(code).toContain(
      'Header always set Access-Control-Allow-Origin "%{CORSGUARD_ORIGIN}e" env=CORSGUARD_ORIGIN',
    );
    expect(code).toContain('Header always set Access-Control-Allow-Credentials "true" env=CORSGUARD_ORIGIN');
    expect(code).toContain('Header always merge Vary Origin');
    // Under "Options None" (CIS hardening) a per-directory RewriteRule is forbidden (AH00670): preflights
    // are answered by <If> + mod_alias instead, 204 when allowed and 403 when refused.
    expect(code).not.toMatch(/^\s*Rewrite/m);
    expect(code).toMatch(
      /<If "-n reqenv\('CORSGUARD_ORIGIN'\)">\n\s+Require all granted\n\s+Redirect 204\n\s+<\/If>\n\s+<Else>\n\s+Require all denied/,
    );
    expect(code).not.toContain('%{Origin}i');
    expect(generateConfig('apache', publicCase.input).code).toContain(
      'Header always set Access-Control-Allow-Origin "*"',
    );
  });

  it('Express, Fastify, Hono: request headers always a list, methods explicit, credentials only when set', () => {
    const express = generateConfig('express', exactCase.input).code;
    expect(express).toContain("allowedHeaders: ['content-type', 'authorization', 'x-request-id'],");
    expect(express).toContain("methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],");
    expect(express).toContain('credentials: true,');
    expect(express).toContain('maxAge: 600,');
    expect(express).toContain("exposedHeaders: ['X-Total-Count', 'ETag'],");
    const expressSub = generateConfig('express', subdomainCase.input).code;
    expect(expressSub).toContain('allowedHeaders: [],');
    expect(expressSub).not.toContain('maxAge');
    expect(generateConfig('express', localhostCase.input).code).not.toContain('credentials: true');
    expect(generateConfig('fastify', subdomainCase.input).code).toContain('allowedHeaders: [],');
    expect(generateConfig('fastify', localhostCase.input).code).toContain('credentials: false,');
    const hono = generateConfig('hono', subdomainCase.input).code;
    expect(hono).toContain("allowMethods: ['GET', 'HEAD', 'POST', 'PATCH'],");
    expect(hono).toContain('headersAllowed(policy');
    expect(generateConfig('hono', publicCase.input).code).toContain("origin: '*',");
    const pub = generateConfig('express', GENERATE_CASES[4]?.input ?? publicCase.input).code;
    expect(pub).toContain("methods: ['*'],");
    expect(pub).toContain("allowedHeaders: ['*'],");
  });

  it('Next.js: middleware and proxy exports, static method and header lists, 403 for refused preflights', () => {
    const { code } = generateConfig('next', exactCase.input);
    expect(code).toContain("import { type NextRequest, NextResponse } from 'next/server';");
    expect(code).toContain('export function middleware(request: NextRequest)');
    expect(code).toContain('export { middleware as proxy };');
    expect(code).toContain('export function withCors(');
    expect(code).toContain('return new Response(null, { status: 403, headers });');
    expect(code).not.toMatch(/Allow-Headers', requested/);
  });

  it('Django: explicit settings, max-age 0 when the policy sends none, USAGE errors for what it cannot express', () => {
    const { code } = generateConfig('django', exactCase.input);
    expect(code).toContain('CORS_ALLOW_ALL_ORIGINS = False');
    expect(code).toContain('CORS_ALLOW_CREDENTIALS = True');
    expect(code).toContain('CORS_PREFLIGHT_MAX_AGE = 600');
    expect(code).toContain('CORS_URLS_REGEX = r"^.*$"');
    expect(generateConfig('django', subdomainCase.input).code).toContain('CORS_PREFLIGHT_MAX_AGE = 0');
    expect(generateConfig('django', publicCase.input).code).toContain('CORS_ALLOW_ALL_ORIGINS = True');
    const limited = generateConfig('django', {
      policy: CLOSED_POLICY,
      paths: [{ path: '/public/', policy: publicPolicy }],
    });
    expect(limited.code).toContain('CORS_URLS_REGEX = r"^(/public/)"');
    expect(refusal('django', pathsCase.input)).toMatch(/one policy to every URL/);
    expect(
      refusal('django', { policy: createPolicy({ origins: ['https://a.example.com'], maxAge: 0 }) }),
    ).toMatch(/maxAge: 0/);
  });

  it('refuses what a target cannot express, as issues naming the fix', () => {
    const pna = createPolicy({ origins: ['https://app.victim.test'], privateNetwork: true });
    for (const target of ['express', 'fastify', 'hono', 'django'] as const) {
      expect(generate(target, { policy: pna }).ok).toBe(false);
      expect(refusal(target, { policy: pna })).toMatch(/privateNetwork/);
    }
    expect(generateConfig('nginx', { policy: pna }).code).toContain('"allow|1|true" "true";');
    expect(generateConfig('apache', { policy: pna }).code).toContain('Access-Control-Allow-Private-Network');
    const dynamic = createPolicy({ origins: [], unsafeDynamicOrigin: (o) => o });
    expect(refusal('nginx', { policy: dynamic })).toMatch(/unsafeDynamicOrigin/);
    expect(
      refusal('nginx', { policy: publicPolicy, paths: [{ path: 'public', policy: publicPolicy }] }),
    ).toMatch(/plain URL-path prefix/);
    expect(
      refusal('nginx', {
        policy: publicPolicy,
        paths: [
          { path: '/a/', policy: publicPolicy },
          { path: '/a/', policy: publicPolicy },
        ],
      }),
    ).toMatch(/listed twice/);
    expect(refusal('iis' as GenerateTarget, { policy: publicPolicy })).toMatch(/unknown target/);
    const django = generate('django', pathsCase.input);
    expect(django.issues.map((i) => i.code)).toEqual(['path-policies-unsupported']);
    for (const issue of django.issues) {
      expect(issue).toEqual({
        code: expect.any(String),
        path: expect.any(Array),
        message: expect.any(String),
        fix: expect.any(String),
      });
    }
    // The throwing convenience carries the same issues, never a CLI usage error.
    expect(() => generateConfig('django', pathsCase.input)).toThrow(GenerateError);
    try {
      generateConfig('django', pathsCase.input);
    } catch (e) {
      expect(e).toBeInstanceOf(CorsguardError);
      expect((e as GenerateError).code).toBe('GENERATE_UNSUPPORTED');
      expect((e as GenerateError).issues).toEqual(django.issues);
    }
  });

  it('renders dangerouslyAllowAnyMethodAndHeaderWithCredentials for corsguard and refuses it elsewhere (a static "*" would be read literally)', () => {
    const policy = createPolicy({
      origins: ['https://app.victim.test'],
      credentials: true,
      methods: ['*'],
      requestHeaders: ['*', 'Authorization'],
      dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,
    });
    const literal = policyInputLiteral(policy);
    expect(literal).toContain('dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,');
    expect(literal).toContain("requestHeaders: ['*', 'authorization'],");
    const { matchOrigin: _a, ...expected } = policy;
    const { matchOrigin: _b, ...actual } = createPolicy(new Function(`return ${literal}`)());
    expect(actual).toEqual(expected);
    expect(generateConfig('corsguard', { policy }).code).toContain('DANGEROUS');
    for (const target of REGEX_TARGETS) {
      expect(generate(target, { policy }).issues.map((i) => i.code)).toEqual([
        'dangerous-wildcards-unsupported',
      ]);
      expect(() => generateConfig(target, { policy }), target).toThrow(CorsguardError);
      expect(() => generateConfig(target, { policy }), target).toThrow(
        /dangerouslyAllowAnyMethodAndHeaderWithCredentials.*generate for corsguard/,
      );
    }
  });

  it('keeps Authorization listed next to "*" in every static header list (a wildcard never covers it)', () => {
    const policy = createPolicy({ origins: '*', requestHeaders: ['*', 'Authorization'] });
    expect(generateConfig('nginx', { policy }).code).toContain('"*, authorization"');
    expect(generateConfig('express', { policy }).code).toContain("allowedHeaders: ['*', 'authorization'],");
    expect(generateConfig('django', { policy }).code).toContain('"authorization"');
    expect(generateConfig('next', { policy }).code).toContain("requestHeaders: ['*', 'authorization']");
  });

  it('never writes "*" with credentials, "null", or a copy of the request headers', () => {
    for (const target of GENERATE_TARGETS) {
      const code = generateConfig(target, exactCase.input).code;
      expect(code).not.toMatch(/Allow-Origin "?\*"?/);
      expect(code).not.toMatch(/origin: '\*'/);
      expect(code).not.toMatch(/["']null["']/);
      expect(code).not.toMatch(/http_access_control_request_headers|HTTP:Access-Control-Request-Headers}e/);
    }
  });

  it('corsguard: the options are a PolicyInput that createPolicy turns back into the same policy', () => {
    for (const c of GENERATE_CASES) {
      for (const policy of [c.input.policy, ...(c.input.paths ?? []).map((p) => p.policy)]) {
        const input = new Function(`return ${policyInputLiteral(policy)}`)();
        const again = createPolicy(input);
        const { matchOrigin: _a, ...expected } = policy;
        const { matchOrigin: _b, ...actual } = again;
        expect(actual).toEqual(expected);
      }
    }
    const { code } = generateConfig('corsguard', pathsCase.input);
    expect(code).toContain("import type { PolicyInput } from 'corsguard';");
    expect(code).toContain('satisfies PolicyInput;');
    expect(code.indexOf("path: '/public/admin/'")).toBeLessThan(code.indexOf("path: '/public/'"));
  });
});
