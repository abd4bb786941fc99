import { CorsguardError } from '../../core/errors/index.js';
import { createDecider, type Policy } from '../../core/policy/index.js';
import type { Engine } from '../scan/index.js';
import { compareResponse, type ObservedResponse, type Violation } from './compare.js';
import { type CheckProbe, type PlanOptions, planCheck, probeHeaders } from './plan.js';

/** Sends one probe and returns the response head; throws a `CorsguardError` on network failure. */
export type ProbeSender = (probe: CheckProbe) => Promise<ObservedResponse>;

/** The outcome of checking one URL against a policy. */
export interface CheckResult {
  readonly url: string;
  readonly probes: number;
  /** Ids of every probe sent, in plan order (for per-probe reports such as JUnit). */
  readonly probeIds: readonly string[];
  readonly violations: readonly Violation[];
  /** Probes that could not be sent (network errors), with a stable code; they are never counted as passing. */
  readonly errors: readonly { readonly probe: string; readonly code: string; readonly message: string }[];
}

/**
 * Checks a deployment against a policy: plans the fixed probe set ({@link planCheck}), sends each with
 * `send` (`concurrency` at a time), and compares every answer with the policy's decision. Violations and
 * errors are returned as data; nothing throws for a misbehaving server.
 *
 * @example
 * ```ts
 * const result = await checkPolicy('https://api.example.com/v1/me', policy, engineSender(engine, url));
 * result.violations.length; // 0 when the deployment matches its policy
 * ```
 */
export async function checkPolicy(
  url: string,
  policy: Policy,
  send: ProbeSender,
  options: { concurrency?: number } & PlanOptions = {},
): Promise<CheckResult> {
  const probes = planCheck(policy, options);
  const decide = createDecider(policy);
  const violations: Violation[][] = probes.map(() => []);
  const errors: CheckResult['errors'][number][] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const i = next++;
      const probe = probes[i] as CheckProbe;
      try {
        const observed = await send(probe);
        violations[i] = compareResponse(policy, probe, decide(probe), observed);
      } catch (e) {
        const code = e instanceof CorsguardError ? e.code : 'NETWORK_ERROR';
        errors.push({ probe: probe.id, code, message: e instanceof Error ? e.message : String(e) });
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, probes.length)) }, worker),
  );
  return {
    url,
    probes: probes.length,
    probeIds: probes.map((p) => p.id),
    violations: violations.flat(),
    errors,
  };
}

/**
 * A {@link ProbeSender} over HTTP with the scanner's engine (timeouts, `--resolve`, proxies, bounded
 * header size), sending exactly the probe's CORS request headers.
 *
 * @example
 * ```ts
 * const send = engineSender(new Engine({ resolve: ['api.example.com:443:127.0.0.1'] }), 'https://api.example.com/');
 * ```
 */
export function engineSender(engine: Engine, url: string): ProbeSender {
  return async (probe) => {
    const headers = probeHeaders(probe);
    const exchange = await engine.request({ method: probe.method, url, headers });
    return { status: exchange.status, headers: exchange.headers };
  };
}
