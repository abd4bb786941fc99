import type { TupleOrigin } from '../origin/index.js';
import {
  arbitraryProbe,
  insecureSchemeProbe,
  localhostProbes,
  nullProbe,
  type ProbeContext,
  portProbe,
  prefixProbe,
  specialCharProbes,
  subdomainProbe,
  substringProbe,
  suffixProbe,
  thirdPartyProbes,
  unescapedDotProbes,
} from './families.js';
import type { Probe } from './probe.js';

/**
 * Every bypass the scanner knows for one trusted origin: prefix, substring, suffix, arbitrary subdomain,
 * unescaped dots, special characters, the http twin and another port. `check` sends these to prove a
 * deployment refuses them; the middleware's tests assert it never allows one a policy does not.
 *
 * @example
 * ```ts
 * bypassProbes(parseTupleOrigin('https://app.victim.com'), { label: 'r', attacker: 'r.invalid' })
 * // https://app.victim.com.r.invalid, https://rapp.victim.com.r.invalid, https://rvictim.com, https://r.victim.com, …
 * ```
 */
export function bypassProbes(trusted: TupleOrigin, ctx: ProbeContext): Probe[] {
  const probes: (Probe | undefined)[] = [
    prefixProbe(trusted, ctx),
    substringProbe(trusted, ctx),
    suffixProbe(trusted, ctx),
    subdomainProbe(trusted, ctx),
    ...unescapedDotProbes(trusted),
    ...specialCharProbes(trusted, ctx),
    insecureSchemeProbe(trusted),
    portProbe(trusted),
  ];
  return probes.filter((p): p is Probe => p !== undefined);
}

/**
 * Origins hostile to any deployment, independent of its allowlist: an arbitrary attacker site, `null`,
 * local development origins and sites on shared-hosting suffixes.
 *
 * @example
 * ```ts
 * generalHostileProbes({ label: 'r', attacker: 'r.invalid' }).map((p) => p.origin);
 * // ['https://r.invalid', 'null', 'http://localhost:3000', …, 'https://r.github.io', …]
 * ```
 */
export function generalHostileProbes(ctx: ProbeContext): Probe[] {
  return [arbitraryProbe(ctx), nullProbe(), ...localhostProbes(), ...thirdPartyProbes(ctx)];
}
