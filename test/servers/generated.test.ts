// generateConfig() output run as written in the real servers (nginx, Apache, Django + django-cors-headers,
// Express + cors, Fastify + @fastify/cors, Hono + hono/cors): `check` finds no violation, deliberately
// drifted copies produce the expected violation, and the scanner finds nothing the policy does not call
// for. Next.js middleware and corsguard's own options are exercised in-process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPolicy,
  engineSender,
  type ProbeSender,
  sampleOrigin,
} from '../../src/capabilities/check/index.js';
import { GENERATE_TARGETS, type GenerateTarget } from '../../src/capabilities/generate/index.js';
import { Engine, scanTarget } from '../../src/capabilities/scan/index.js';
import type { Policy } from '../../src/core/policy/index.js';
import { missingBinaryOf, schemeOf, startGenerated } from './generated.js';
import {
  casesFor,
  corsguardSender,
  driftsFor,
  nextSender,
  removeGeneratedModules,
  sitesFor,
} from './generated-support.js';
import { type RunningServer, resolveEntry, targetUrl } from './harness.js';

afterAll(removeGeneratedModules);

const LOW_OR_ABOVE = new Set(['critical', 'high', 'medium', 'low']);
const IN_PROCESS = new Set<GenerateTarget>(['next', 'corsguard']);

function missing(target: GenerateTarget): string | null {
  const why = missingBinaryOf(target);
  if (why !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    throw new Error(
      `${target} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${why}; run .ci/install-servers.sh`,
    );
  }
  return why;
}

/** The scanner findings a policy itself calls for: a subdomain, any-port or localhost allowlist entry. */
function intrinsic(policy: Policy): string[] {
  const ids: string[] = [];
  if (policy.rules.some((r) => r.kind === 'subdomains')) ids.push('subdomain-trusted');
  if (policy.rules.some((r) => r.kind === 'loopback-any-port')) ids.push('localhost-trusted');
  if (policy.rules.some((r) => r.kind === 'subdomains' && r.port === '*')) ids.push('port-ignored');
  return ids;
}

for (const target of GENERATE_TARGETS) {
  const why = missing(target);
  const sites = sitesFor(target);
  const inProcess = IN_PROCESS.has(target);
  describe.skipIf(why !== null)(
    `generated ${target}${inProcess ? ' (in-process)' : ''}${why ? ` (skipped: ${why})` : ''}`,
    () => {
      let server: RunningServer | undefined;
      const engines = new Map<number, Engine>();
      beforeAll(async () => {
        if (!inProcess) server = await startGenerated(target, sites);
      });
      afterAll(async () => {
        await server?.stop();
      });

      const location = (key: string, path: string) => {
        if (server === undefined) throw new Error('server did not start');
        const port = server.portOf(key);
        return { port, url: targetUrl(schemeOf(target), port, path) };
      };
      const sender = async (key: string, path: string): Promise<ProbeSender> => {
        const code = sites.find((s) => s.key === key)?.code ?? '';
        if (target === 'next') return nextSender(key, code, path);
        if (target === 'corsguard') return corsguardSender(key, code, path);
        const { port, url } = location(key, path);
        const engine =
          engines.get(port) ??
          new Engine({ resolve: [resolveEntry(port)], insecure: true, timeoutMs: 5_000 });
        engines.set(port, engine);
        return engineSender(engine, url);
      };

      for (const c of casesFor(target)) {
        for (const check of c.checks) {
          it(`${c.name} ${check.path}: check finds no violation`, async () => {
            const result = await checkPolicy(
              `https://api.victim.test${check.path}`,
              check.policy,
              await sender(c.name, check.path),
            );
            expect(result.errors).toEqual([]);
            expect(result.violations).toEqual([]);
            expect(result.probes).toBeGreaterThan(1);
          });
          if (!inProcess) {
            it(`${c.name} ${check.path}: scan finds nothing at low or above beyond ${intrinsic(check.policy).join(', ') || 'nothing'}`, async () => {
              const { port, url } = location(c.name, check.path);
              const result = await scanTarget(url, {
                resolve: [resolveEntry(port)],
                insecure: true,
                timeoutMs: 5_000,
                trustedOrigins: check.policy.rules.map(sampleOrigin),
              });
              expect(result.error).toBeUndefined();
              const ids = result.findings.filter((f) => LOW_OR_ABOVE.has(f.severity)).map((f) => f.id);
              expect(new Set(ids)).toEqual(new Set(intrinsic(check.policy)));
            });
          }
        }
      }

      for (const drift of driftsFor(target)) {
        it(`drift ${drift.name} → ${drift.expect}`, async () => {
          const policy = casesFor(target).find((c) => c.name === drift.base)?.input.policy as Policy;
          const result = await checkPolicy(
            'https://api.victim.test/api/me',
            policy,
            await sender(`drift-${drift.name}`, '/api/me'),
          );
          expect(result.errors).toEqual([]);
          expect(new Set(result.violations.map((v) => v.code))).toEqual(new Set([drift.expect]));
        });
      }
    },
  );
}
