export { attackerDomain, randomLabel, randomProbeContext } from './attacker.js';
export { explains } from './explain.js';
export {
  arbitraryProbe,
  combinedProbe,
  discoveryProbes,
  insecureSchemeProbe,
  localhostProbes,
  nullProbe,
  type ProbeContext,
  portProbe,
  prefixProbe,
  QUICK_COUNTS,
  specialCharProbes,
  subdomainProbe,
  substringOnlyProbe,
  substringProbe,
  suffixProbe,
  thirdPartyProbes,
  unescapedDotProbes,
} from './families.js';
export { bypassProbes, generalHostileProbes } from './hostile.js';
export type { Probe, ProbeFamily } from './probe.js';
