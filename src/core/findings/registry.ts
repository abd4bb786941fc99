import type { ProbeFamily } from '../probes/index.js';
import { ANY_ORIGIN_FINDINGS } from './any-origin.js';
import { BYPASS_FINDINGS } from './bypasses.js';
import type { FindingDefinition } from './definition.js';
import { HEADER_FINDINGS } from './headers.js';
import { TRUST_FINDINGS } from './trust.js';
import { WEBSOCKET_COOKIE_FINDINGS } from './websocket-cookies.js';

const REGISTRY = {
  ...ANY_ORIGIN_FINDINGS,
  ...BYPASS_FINDINGS,
  ...TRUST_FINDINGS,
  ...HEADER_FINDINGS,
  ...WEBSOCKET_COOKIE_FINDINGS,
};

/** Stable finding ids: the JSON contract. One registry entry declares one id. */
export type FindingId = keyof typeof REGISTRY;

/**
 * The finding registry: every finding id with everything about it. Its order is the published order of
 * the ids (JSON schema enum, SARIF rules, JUnit test cases).
 *
 * @example
 * ```ts
 * FINDINGS['origin-reflected'].lab; // '/reflect'
 * FINDINGS['origin-reflected'].score.modifier; // 60
 * ```
 */
export const FINDINGS: Readonly<Record<FindingId, FindingDefinition>> = REGISTRY;

/**
 * Every finding id, in registry order.
 *
 * @example
 * ```ts
 * FINDING_IDS[0]; // 'origin-reflected'
 * ```
 */
export const FINDING_IDS = Object.keys(FINDINGS) as readonly FindingId[];

/**
 * A view of the registry: one value per finding id, in registry order.
 *
 * @example
 * ```ts
 * const titles = mapFindings((d) => d.title);
 * titles['null-origin-allowed']; // 'The null origin is allowed'
 * ```
 */
export function mapFindings<T>(
  view: (definition: FindingDefinition, id: FindingId) => T,
): Record<FindingId, T> {
  return Object.fromEntries(FINDING_IDS.map((id) => [id, view(FINDINGS[id], id)])) as Record<FindingId, T>;
}

/**
 * Probe families that prove no finding on their own: discovery looks for trusted origins, and a granted
 * combined probe is split into the prefix, substring and suffix probes that do.
 */
const NO_FINDING_FAMILIES = ['discovery', 'combined'] as const satisfies readonly ProbeFamily[];

type RegistryFamily = {
  [K in FindingId]: (typeof REGISTRY)[K]['source'] extends { readonly family: infer F } ? F : never;
}[FindingId];
type FamilyWithoutFinding = Exclude<ProbeFamily, RegistryFamily | (typeof NO_FINDING_FAMILIES)[number]>;
type Totality = [FamilyWithoutFinding] extends [never] ? 'every family covered' : FamilyWithoutFinding;

// `total` is compile-time totality: a probe family with neither a registry entry (`source.family`) nor a
// NO_FINDING_FAMILIES entry makes its type that family's name, and the call below fails to compile.
function familyFindings(_total: Totality): Record<ProbeFamily, FindingId | null> {
  return Object.fromEntries([
    ...NO_FINDING_FAMILIES.map((family) => [family, null]),
    ...FINDING_IDS.flatMap((id) => {
      const source = FINDINGS[id].source;
      return 'family' in source ? [[source.family, id]] : [];
    }),
  ]) as Record<ProbeFamily, FindingId | null>;
}

/**
 * The finding each origin-probe family proves when the server grants its probe (`null` for discovery),
 * derived from the registry's `source.family`; total over `ProbeFamily`.
 *
 * @example
 * ```ts
 * FAMILY_FINDING.prefix; // 'prefix-match-bypass'
 * FAMILY_FINDING.discovery; // null
 * ```
 */
export const FAMILY_FINDING: Readonly<Record<ProbeFamily, FindingId | null>> =
  familyFindings('every family covered');
