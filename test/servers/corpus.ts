import { apacheCases } from './corpus/apache.js';
import { djangoCases } from './corpus/django.js';
import { nginxCases } from './corpus/nginx.js';
import { nodeCases } from './corpus/node.js';
import { nodeFrameworkCases } from './corpus/node-frameworks.js';
import type { CorpusCase } from './corpus/types.js';

export type { CorpusCase, RawProbe, ServerKind } from './corpus/types.js';

/**
 * The real-server corpus: api.victim.test configured the ways real teams configure it, and exactly the
 * finding ids a precise scanner reports for each endpoint (given trusted origins https://app.victim.test
 * and https://www.victim.test).
 *
 * Attribution rules the expectations follow (one finding per root cause):
 * - An endpoint that reflects any Origin reports `origin-reflected` only: every bypass probe (null, prefix,
 *   suffix, localhost…) passes as a consequence. Independent problems are still reported:
 *   `vary-origin-missing`, `preflight-permissive`, `max-age-excessive`, `private-network-allowed`.
 * - `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true` is `wildcard-with-credentials`
 *   only (not also `wildcard-origin`).
 * - `substring-match-bypass` subsumes prefix/suffix/unescaped-dot/subdomain probes passing; `suffix-match-bypass`
 *   (no dot boundary, e.g. `endsWith('victim.test')`) subsumes `subdomain-trusted` and `unescaped-dot-bypass`;
 *   `prefix-match-bypass` subsumes `special-char-bypass`; prefix and substring matches also accept any port
 *   (https://app.victim.test:8443), which is not reported separately as `port-ignored`.
 * - `insecure-scheme-trusted` applies to https endpoints only (the http cases would be insecure anyway).
 * - An ACAO that varies with Origin but is never the attacker's origin (e.g. Apache's unanchored `$0` capture
 *   answering `https://app.victim.test` to `https://app.victim.test.attacker.tld`) is not a bypass.
 * - A fixed, single, valid ACAO (`https://app.victim.test` for every request) needs no Vary.
 */
export const CORPUS: readonly CorpusCase[] = [
  ...nginxCases,
  ...apacheCases,
  ...djangoCases,
  ...nodeFrameworkCases,
  ...nodeCases,
].map((c) => ({ ...c, path: `/${c.name}` }));
