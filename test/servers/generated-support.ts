// Cases, drifts and in-process senders shared by the generated-configuration tests.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NextRequest } from 'next/server.js';
import type { ProbeSender, ViolationCode } from '../../src/capabilities/check/index.js';
import { type GenerateTarget, generateConfig } from '../../src/capabilities/generate/index.js';
import {
  CLOSED_POLICY,
  GENERATE_CASES,
  type GenerateCase,
} from '../../src/capabilities/generate/test-support/policies.js';
import { createDecider, createPolicy, type Policy, type PolicyInput } from '../../src/core/policy/index.js';

/** A preview deployment someone added to the allowlist, and a dev origin left in. */
export const EXTRA_ORIGIN = 'https://corsguard-check.vercel.app';
export const DEV_ORIGIN = 'http://localhost:3000';

const publicPolicy = GENERATE_CASES.find((c) => c.name === 'public')?.input.policy as Policy;

/** The cases a target is checked on: Django gets its one expressible path layout instead of `paths`. */
export function casesFor(target: GenerateTarget): GenerateCase[] {
  if (target !== 'django') return [...GENERATE_CASES];
  return [
    ...GENERATE_CASES.filter((c) => c.name !== 'paths'),
    {
      name: 'paths',
      input: { policy: CLOSED_POLICY, paths: [{ path: '/public/', policy: publicPolicy }] },
      checks: [
        { path: '/api/me', policy: CLOSED_POLICY },
        { path: '/public/data', policy: publicPolicy },
      ],
      intrinsic: [],
    },
  ];
}

/** A deliberately drifted copy of a generated configuration and the violation it must produce. */
export interface Drift {
  readonly name: string;
  /** The case whose generated code is edited. */
  readonly base: 'exact-credentials' | 'localhost-dev';
  readonly expect: ViolationCode;
  readonly edit: (code: string) => string;
}

function replaceOnce(code: string, from: string | RegExp, to: string): string {
  const out = code.replace(from, to);
  if (out === code) throw new Error(`drift did not apply: ${String(from)} not found`);
  return out;
}

function originDrifts(add: (code: string, origin: string) => string): Drift[] {
  return [
    {
      name: 'extra-origin',
      base: 'exact-credentials',
      expect: 'origin-allowed',
      edit: (c) => add(c, EXTRA_ORIGIN),
    },
    {
      name: 'dev-origin-left-in',
      base: 'exact-credentials',
      expect: 'origin-allowed',
      edit: (c) => add(c, DEV_ORIGIN),
    },
  ];
}

function varyDrift(remove: (code: string) => string): Drift {
  return { name: 'vary-removed', base: 'exact-credentials', expect: 'vary-missing', edit: remove };
}

/** Credentials removed from the credentialed case and, when `add` is given, added to the anonymous one. */
function credentialDrifts(remove: (code: string) => string, add?: (code: string) => string): Drift[] {
  return [
    { name: 'credentials-removed', base: 'exact-credentials', expect: 'credentials-missing', edit: remove },
    ...(add === undefined
      ? []
      : [
          {
            name: 'credentials-added',
            base: 'localhost-dev',
            expect: 'credentials-unexpected',
            edit: add,
          } as const,
        ]),
  ];
}

const jsOrigin = (c: string, origin: string) =>
  replaceOnce(c, `origins: ['https://app.victim.test'`, `origins: ['https://app.victim.test', '${origin}'`);

/** The drifts each target is checked with (Vary drifts only where the configuration writes Vary itself). */
export function driftsFor(target: GenerateTarget): Drift[] {
  switch (target) {
    case 'nginx':
      return [
        ...originDrifts((c, o) =>
          replaceOnce(
            c,
            `    "https://app.victim.test" "https://app.victim.test";`,
            `    "https://app.victim.test" "https://app.victim.test";\n    "${o}" "${o}";`,
          ),
        ),
        varyDrift((c) => c.replaceAll('    add_header Vary Origin always;\n', '')),
        ...credentialDrifts(
          (c) => c.replace(/^ {4}add_header Access-Control-Allow-Credentials .*\n/gm, ''),
          (c) =>
            replaceOnce(
              c,
              /(add_header Access-Control-Allow-Origin \$corsguard_default_origin always;)/,
              '$1\n    add_header Access-Control-Allow-Credentials true always;',
            ),
        ),
      ];
    case 'apache':
      return [
        ...originDrifts((c, o) =>
          replaceOnce(
            c,
            'SetEnvIf Origin "^https://app\\.victim\\.test\\z" CORSGUARD_ORIGIN=$0',
            `SetEnvIf Origin "^https://app\\.victim\\.test\\z" CORSGUARD_ORIGIN=$0\n    SetEnvIf Origin "^${o.replaceAll('.', '\\.')}\\z" CORSGUARD_ORIGIN=$0`,
          ),
        ),
        varyDrift((c) => replaceOnce(c, '    Header always merge Vary Origin\n', '')),
        ...credentialDrifts(
          (c) => replaceOnce(c, /^.*Header always set Access-Control-Allow-Credentials.*\n/m, ''),
          (c) =>
            replaceOnce(
              c,
              /(Header always set Access-Control-Allow-Origin .*)/,
              '$1\n    Header always set Access-Control-Allow-Credentials "true" env=CORSGUARD_ORIGIN',
            ),
        ),
      ];
    case 'express':
      return [
        ...originDrifts(jsOrigin),
        ...credentialDrifts(
          (c) => replaceOnce(c, '    credentials: true,\n', ''),
          (c) =>
            replaceOnce(
              c,
              '    optionsSuccessStatus: 204,',
              '    credentials: true,\n    optionsSuccessStatus: 204,',
            ),
        ),
      ];
    case 'fastify':
      return [
        ...originDrifts(jsOrigin),
        ...credentialDrifts(
          (c) => replaceOnce(c, 'credentials: true,', 'credentials: false,'),
          (c) => replaceOnce(c, 'credentials: false,', 'credentials: true,'),
        ),
      ];
    case 'hono':
      return [
        ...originDrifts(jsOrigin),
        ...credentialDrifts(
          (c) => replaceOnce(c, '    credentials: true,\n', ''),
          (c) => replaceOnce(c, '    allowMethods:', '    credentials: true,\n    allowMethods:'),
        ),
      ];
    case 'django':
      return [
        ...originDrifts((c, o) =>
          replaceOnce(c, '    "https://app.victim.test",', `    "https://app.victim.test",\n    "${o}",`),
        ),
        ...credentialDrifts(
          (c) => replaceOnce(c, 'CORS_ALLOW_CREDENTIALS = True', 'CORS_ALLOW_CREDENTIALS = False'),
          (c) => replaceOnce(c, 'CORS_ALLOW_CREDENTIALS = False', 'CORS_ALLOW_CREDENTIALS = True'),
        ),
      ];
    case 'next':
      return [
        ...originDrifts(jsOrigin),
        varyDrift((c) => c.replaceAll("  if (!policy.anyOrigin) headers.append('Vary', 'Origin');\n", '')),
        ...credentialDrifts(
          (c) => replaceOnce(c, 'credentials: true,', 'credentials: false,'),
          (c) => replaceOnce(c, 'credentials: false,', 'credentials: true,'),
        ),
      ];
    case 'corsguard':
      return [
        ...originDrifts(jsOrigin),
        ...credentialDrifts((c) => replaceOnce(c, '  credentials: true,\n', '')),
      ];
  }
}

/** Every generated site of a target: one per case, one per drift. */
export function sitesFor(target: GenerateTarget): Array<{ key: string; code: string }> {
  const cases = casesFor(target);
  const code = (name: string) =>
    generateConfig(target, (cases.find((c) => c.name === name) as GenerateCase).input).code;
  return [
    ...cases.map((c) => ({ key: c.name, code: generateConfig(target, c.input).code })),
    ...driftsFor(target).map((d) => ({ key: `drift-${d.name}`, code: d.edit(code(d.base)) })),
  ];
}

const TMP = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp');

async function importCode(name: string, code: string): Promise<Record<string, unknown>> {
  await mkdir(TMP, { recursive: true });
  const file = join(TMP, `${name}-${process.pid}.ts`);
  await writeFile(file, code);
  return (await import(file)) as Record<string, unknown>;
}

/** A sender calling the generated Next.js middleware in-process with a `NextRequest`. */
export async function nextSender(key: string, code: string, path: string): Promise<ProbeSender> {
  const mod = await importCode(`next-${key}`, code);
  const middleware = mod.middleware as (request: NextRequest) => Response;
  return async (probe) => {
    const headers = new Headers();
    if (probe.origin !== null) headers.set('origin', probe.origin);
    if (probe.requestMethod !== null) headers.set('access-control-request-method', probe.requestMethod);
    if (probe.requestHeaders !== null) headers.set('access-control-request-headers', probe.requestHeaders);
    const response = middleware(
      new NextRequest(`https://api.victim.test${path}`, { method: probe.method, headers }),
    );
    return { status: response.status, headers: [...response.headers] };
  };
}

/**
 * A sender answering with corsguard's own decision for the generated options: `createPolicy` of the
 * generated `corsPolicy` / `corsPathPolicies` (longest prefix first), then `createDecider` — what the
 * middleware runs per request.
 */
export async function corsguardSender(key: string, code: string, path: string): Promise<ProbeSender> {
  const mod = await importCode(`corsguard-${key}`, code);
  const paths = mod.corsPathPolicies as ReadonlyArray<{ path: string; policy: PolicyInput }>;
  const input = paths.find((p) => path.startsWith(p.path))?.policy ?? (mod.corsPolicy as PolicyInput);
  const decide = createDecider(createPolicy(input));
  return async (probe) => {
    const d = decide(probe);
    const headers: Array<[string, string]> = d.headers.map(([n, v]) => [n, v]);
    if (d.vary !== null) headers.push(['Vary', d.vary]);
    return { status: d.kind === 'preflight' ? (d.allowed ? 204 : 403) : 200, headers };
  };
}

/** Removes the modules this process wrote under test/.tmp. */
export async function removeGeneratedModules(): Promise<void> {
  const files = await readdir(TMP).catch(() => [] as string[]);
  await Promise.all(
    files.filter((f) => f.endsWith(`-${process.pid}.ts`)).map((f) => rm(join(TMP, f), { force: true })),
  );
}
