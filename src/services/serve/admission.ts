import type { Lab } from '../../capabilities/lab/index.js';
import { createTargetGate, type RefusedTarget } from '../../capabilities/ssrf/index.js';
import type { ResolvedServeOptions } from './options.js';

/** A target let in: where its scan connects (pinned) and how. */
export interface AdmittedTarget {
  readonly ok: true;
  /** The URL as parsed (canonical spelling). */
  readonly url: string;
  /** Its host, the key of the per-target-host limit. */
  readonly host: string;
  /** `--resolve` entries every connection of the scan must use (the checked address). */
  readonly resolve: readonly string[];
  /** Accept the lab's self-signed certificate (lab targets only). */
  readonly insecure: boolean;
  /** A target of this server's own lab (on its loopback): never sent to workers on other machines. */
  readonly local?: true;
}

/** Decides which user-chosen URLs the server may scan. */
export interface Admission {
  admit(raw: string): Promise<AdmittedTarget | RefusedTarget>;
}

/**
 * The server's target gate: the SSRF gate (public addresses, allowed ports, the checked address pinned),
 * plus the built-in lab's own endpoints when `--lab` runs it (only its host and ports, pinned to it).
 *
 * @example
 * ```ts
 * const admission = createAdmission(resolveServeOptions({}), undefined);
 * await admission.admit('http://169.254.169.254/'); // { ok: false, code: 'TARGET_FORBIDDEN', … }
 * ```
 */
export function createAdmission(options: ResolvedServeOptions, lab: Lab | undefined): Admission {
  const gate = createTargetGate({
    ports: options.targetPorts,
    dangerouslyAllowPrivate: options.dangerouslyAllowPrivate,
    allowCidrs: options.allowCidrs,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const labPorts = lab ? new Set([String(lab.httpPort), String(lab.httpsPort)]) : new Set<string>();
  return {
    async admit(raw) {
      if (lab) {
        const url = parse(raw);
        if (
          url &&
          url.hostname === lab.host &&
          labPorts.has(url.port) &&
          url.username === '' &&
          url.password === ''
        ) {
          return {
            ok: true,
            url: url.href,
            host: url.hostname,
            resolve: lab.resolve,
            insecure: true,
            local: true,
          };
        }
      }
      const checked = await gate.check(raw);
      if (!checked.ok) return checked;
      const host = new URL(checked.url).hostname;
      return { ok: true, url: checked.url, host, resolve: checked.pin ? [checked.pin] : [], insecure: false };
    },
  };
}

function parse(raw: string): URL | undefined {
  try {
    return new URL(raw.trim());
  } catch {
    return undefined;
  }
}
