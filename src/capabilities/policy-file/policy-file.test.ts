import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsguardError } from '../../core/errors/index.js';
import {
  getEnvironment,
  isProductionName,
  loadPolicyFile,
  POLICY_FILE_SCHEMA,
  POLICY_KEYS,
  PolicyFileError,
  type PolicyFileIssue,
  parsePolicyFile,
  pathPolicyForUrl,
  policyForUrl,
  requirePolicyFile,
} from './index.js';
import { EXAMPLE } from './test-support/example.js';

function parse(text: string) {
  return parsePolicyFile(text, 'cors.policy.yaml');
}

function issuesOf(text: string): PolicyFileIssue[] {
  const result = parse(text);
  if (result.ok) throw new Error('expected issues');
  return [...result.issues];
}

/** `code line:column` of every issue, the compact form the assertions compare. */
function where(text: string): string[] {
  return issuesOf(text).map((i) => `${i.code} ${i.line}:${i.column}`);
}

describe('parsePolicyFile: valid files', () => {
  it('resolves every environment with defaults merged and path overrides merged over it', () => {
    const result = parse(EXAMPLE);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    const { environments } = result.file;
    expect([...environments.keys()]).toEqual(['production', 'development']);
    const prod = getEnvironment(result.file, 'production');
    expect(prod.urls).toEqual(['https://api.example.com/v1/me', 'https://api.example.com/public/status']);
    expect(prod.policy.credentials).toBe(true);
    expect(prod.policy.methods).toEqual(['PUT', 'DELETE']);
    expect(prod.policy.maxAge).toBe(600);
    expect(prod.input).toEqual({
      origins: ['https://app.example.com', 'https://*.example.com'],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
      maxAge: 600,
    });
    const [publicPath, admin] = prod.paths;
    expect(publicPath?.policy.anyOrigin).toBe(true);
    expect(publicPath?.policy.credentials).toBe(false);
    expect(publicPath?.policy.methods).toEqual(['PUT', 'DELETE']);
    // A nested override merges over the environment, not over its parent path.
    expect(admin?.policy.credentials).toBe(true);
    expect(admin?.policy.methods).toEqual(['PATCH']);
    expect(getEnvironment(result.file, 'development').policy.rules).toEqual([
      { kind: 'loopback-any-port', scheme: 'http', host: 'localhost' },
    ]);
  });

  it('picks the policy of the longest matching path prefix', () => {
    const result = parse(EXAMPLE);
    if (!result.ok) throw new Error('invalid');
    const prod = getEnvironment(result.file, 'production');
    expect(policyForUrl(prod, 'https://api.example.com/public/status').anyOrigin).toBe(true);
    expect(pathPolicyForUrl(prod, 'https://api.example.com/public/admin/x')?.path).toBe('/public/admin/');
    expect(pathPolicyForUrl(prod, '/public/admin/x?y=1')?.path).toBe('/public/admin/');
    expect(pathPolicyForUrl(prod, new URL('https://api.example.com/publicity'))).toBeNull();
    expect(policyForUrl(prod, 'https://api.example.com/v1/me')).toBe(prod.policy);
    expect(() => policyForUrl(prod, 'not a url')).toThrow(/neither a URL nor a path/);
  });

  it('accepts JSON with the same structure, with positions', () => {
    const json = JSON.stringify(
      {
        $schema: 'https://unpkg.com/corsguard/schema/cors-policy.schema.json',
        version: 1,
        environments: { staging: { urls: ['https://staging.example.com/'], origins: ['null'] } },
      },
      null,
      2,
    );
    expect(where(json)).toEqual(['origin-null 10:9']);
    const ok = parse(json.replace('"null"', '"https://app.example.com"'));
    expect(ok.ok).toBe(true);
  });

  it('lists the available environments when asked for an unknown one', () => {
    const result = parse(EXAMPLE);
    if (!result.ok) throw new Error('invalid');
    expect(() => getEnvironment(result.file, 'prod')).toThrow(
      'no environment "prod" in cors.policy.yaml; it has: production, development',
    );
    try {
      getEnvironment(result.file, 'prod');
    } catch (e) {
      expect((e as CorsguardError).code).toBe('USAGE');
    }
  });
});

describe('parsePolicyFile: every problem, with its line and column', () => {
  it('reports YAML syntax errors at their position, with the bare-* slip explained', () => {
    const issues = issuesOf('version: 1\nenvironments:\n  production:\n    origins: *\n');
    expect(issues).toMatchObject([{ code: 'yaml-syntax', line: 4, column: 14 }]);
    expect(issues[0]?.fix).toContain("origins: '*'");
    expect(where('version: 1\nversion: 1\n')).toEqual(['yaml-syntax 2:1']);
    expect(where('version: 1\nenvironments:\n  a: [1, 2\n')).toEqual(['yaml-syntax 4:1']);
  });

  it('reports structural problems at the offending key or value', () => {
    const text = `version: 2
extra: true
environments:
  production:
    orgins: [https://app.example.com]
    origins: [https://app.example.com]
    credentials: yes
    unsafeDynamicOrigin: x
    maxAge: 100000
    paths:
      - origins: '*'
      - path: public/
        origins: all
`;
    expect(where(text)).toEqual([
      'schema 1:10',
      'unknown-key 2:1',
      'unknown-key 5:5',
      'schema 7:18',
      'unknown-key 8:5',
      'schema 9:13',
      'missing-key 11:9',
      'schema 12:15',
      'schema 13:18',
    ]);
    const issues = issuesOf(text);
    expect(issues[2]?.fix).toMatch(/^did you mean "origins"\?/);
    expect(issues[4]?.message).toContain('cannot be written in a policy file');
    // credentials: yes is reported once (by the schema), not again by the policy validation.
    expect(issues.filter((i) => i.line === 7)).toHaveLength(1);
  });

  it('maps policy issues to the entry that causes them, in environments and path overrides', () => {
    const text = `version: 1
environments:
  staging:
    origins:
      - https://app.example.com
      - 'null'
      - http://app.example.com
    credentials: true
    methods: [PUT, TRACE]
    paths:
      - path: /public/
        origins: '*'
`;
    expect(where(text)).toEqual([
      'origin-null 6:9',
      'origin-insecure-credentials 7:9',
      'method-forbidden 9:20',
      'origin-wildcard-credentials 12:18',
    ]);
  });

  it('points inherited problems at defaults, once, naming who inherits them', () => {
    const text = `version: 1
defaults:
  requestHeaders: ['*']
  methods: [PUT, 'bad method']
environments:
  staging:
    origins: [https://app.example.com]
    credentials: true
  public:
    origins: '*'
`;
    const issues = issuesOf(text);
    expect(issues.map((i) => `${i.code} ${i.line}:${i.column}`)).toEqual([
      'request-header-wildcard-credentials 3:20',
      'method-invalid 4:18',
    ]);
    expect(issues[0]?.message).toContain('(inherited by environment "staging")');
    expect(issues[1]?.message).toContain('(inherited by environment "staging", environment "public")');
  });

  it('refuses localhost and loopback origins in production-like environments', () => {
    const text = (name: string, origin: string) =>
      `version: 1\nenvironments:\n  ${name}:\n    origins: [https://app.example.com, '${origin}']\n    credentials: true\n`;
    for (const name of ['prod', 'production', 'live', 'eu-prod', 'Production_US']) {
      for (const origin of [
        'http://localhost:3000',
        'http://localhost:*',
        'http://127.0.0.1:8080',
        'http://[::1]:3000',
      ]) {
        expect(where(text(name, origin))).toEqual(['production-localhost 4:40']);
      }
    }
    expect(parse(text('development', 'http://localhost:*')).ok).toBe(true);
    expect(parse(text('staging', 'http://localhost:3000')).ok).toBe(true);
    expect(isProductionName('products')).toBe(false);
    // In a path override, and inherited from defaults.
    expect(
      where(`version: 1
defaults:
  origins: ['http://localhost:*']
environments:
  live:
    paths:
      - path: /x/
        origins: ['https://localhost:3000']
`),
    ).toEqual(['production-localhost 3:13', 'production-localhost 8:19']);
  });

  it('requires urls to be http(s) URLs', () => {
    const text = `version: 1
environments:
  staging:
    urls: [https://ok.example/, ftp://files.example/, 'api.example.com/v1']
    origins: '*'
`;
    expect(where(text)).toEqual(['url-invalid 4:33', 'url-invalid 4:55']);
  });

  it('refuses two overrides of the same path', () => {
    const text = `version: 1
environments:
  staging:
    origins: '*'
    paths:
      - path: /a/
        maxAge: 10
      - path: /a/
        maxAge: 20
`;
    expect(where(text)).toEqual(['path-duplicate 8:15']);
  });

  it('refuses a glob path like /public/* that would silently never match, with the prefix to write', () => {
    const text = `version: 1
environments:
  staging:
    origins: [https://app.example.com]
    paths:
      - path: /public/*
        origins: '*'
      - path: /api/*/admin
        maxAge: 10
      - path: /search?q=x
        maxAge: 10
      - path: /a b
        maxAge: 10
      - path: /v1/$metadata
        maxAge: 10
`;
    const result = parse(text);
    if (result.ok) throw new Error('expected issues');
    expect(result.issues.map((i) => `${i.code} ${i.line}:${i.column}`)).toEqual([
      'path-not-prefix 6:15',
      'path-not-prefix 8:15',
      'path-not-prefix 10:15',
      'path-not-prefix 12:15',
    ]);
    const [glob, inner] = result.issues;
    expect(glob?.message).toContain('not patterns');
    expect(glob?.fix).toContain('"/public/"');
    expect(inner?.fix).toContain('"/api/"');
  });

  it('reports an empty file, an empty environment list and a non-mapping file', () => {
    expect(where('')).toEqual(['missing-key 1:1']);
    expect(where('version: 1\nenvironments: {}\n')).toEqual(['schema 2:15']);
    expect(where('[1, 2]')).toEqual(['schema 1:1']);
    expect(where('version: 1\n')).toEqual(['missing-key 1:1']);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parse(text);
        parse(`version: 1\nenvironments:\n  prod:\n    origins: [${text}]\n`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('loadPolicyFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corsguard-policy-file-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file, and reports an unreadable one as an issue', async () => {
    const file = join(dir, 'cors.policy.yaml');
    await writeFile(file, EXAMPLE);
    expect((await loadPolicyFile(file)).ok).toBe(true);
    const missing = await loadPolicyFile(join(dir, 'nope.yaml'));
    expect(missing.issues).toMatchObject([{ code: 'file-unreadable', line: 1, column: 1 }]);
    expect(missing.issues[0]?.message).toMatch(/no such file/);
  });

  it('requirePolicyFile throws every issue as FILE:LINE:COL lines', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, "version: 1\nenvironments:\n  prod:\n    origins: ['null']\n");
    const error = await requirePolicyFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyFileError);
    expect((error as PolicyFileError).message).toContain(`${file}:4:15  origin-null  "null" is refused`);
  });
});

describe('the published JSON Schema', () => {
  it('compiles in strict mode and accepts the reference example', () => {
    const validate = new Ajv2020({ strict: true }).compile(POLICY_FILE_SCHEMA);
    const result = parse(EXAMPLE);
    expect(result.ok).toBe(true);
    expect(POLICY_FILE_SCHEMA.$id).toBe('https://unpkg.com/corsguard/schema/cors-policy.schema.json');
    expect(validate({ version: 1, environments: { p: { origins: '*' } } })).toBe(true);
  });

  it('describes every policy key, with examples, for editor completion', () => {
    const defs = (
      POLICY_FILE_SCHEMA as unknown as {
        $defs: Record<string, { description?: string; examples?: unknown[] }>;
      }
    ).$defs;
    const settings = (defs.settings as unknown as { properties: Record<string, unknown> }).properties;
    expect(Object.keys(settings).sort()).toEqual([...POLICY_KEYS].sort());
    for (const key of POLICY_KEYS) {
      expect(defs[key]?.description, key).toBeTruthy();
      expect(defs[key]?.examples?.length, key).toBeGreaterThan(0);
    }
  });
});
