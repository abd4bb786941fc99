import { getHeader } from '../../core/browser/index.js';
import { serializeOrigin, type TupleOrigin, tryParseOrigin } from '../../core/origin/index.js';
import type { ProbeContext } from '../../core/probes/index.js';
import { grants } from './analyze/scan-data.js';
import type { HttpExchange } from './engine/http-client.js';
import { type ExploreResult, exploreOrigins, type Oracle } from './explore.js';

/** At most this many origins named by a response are tried (a hostile server may list thousands). */
const MAX_NAMED_ORIGINS = 3;

/**
 * Origins a response names in Access-Control-Allow-Origin: a fixed or fallback allowlist entry gives
 * itself away, so it is worth trying as a trusted candidate.
 *
 * @example
 * ```ts
 * namedOrigins(exchange); // ['https://app.example.com'] for ACAO: https://app.example.com
 * ```
 */
export function namedOrigins(ex: HttpExchange): string[] {
  const acao = getHeader(ex.headers, 'access-control-allow-origin');
  if (acao === null) return [];
  return acao
    .split(',', MAX_NAMED_ORIGINS)
    .map((v) => tryParseOrigin(v.trim()))
    .filter((o): o is TupleOrigin => o?.kind === 'tuple')
    .map(serializeOrigin);
}

/**
 * The HTTP origin exploration shared by `scan` and `init`: one request without Origin (whose ACAO may
 * name trusted origins), then {@link exploreOrigins} with an oracle that says whether each probe's
 * origin was granted. `onDiscovered` is called with the trusted origins as soon as discovery ends;
 * `thorough` sends every variant of every family (see `ExploreInput.thorough`).
 *
 * @example
 * ```ts
 * const { baseline, explored } = await discoverOrigins(send, own, [], ctx);
 * explored.trusted; // origins the server granted among the candidates
 * ```
 */
export async function discoverOrigins(
  send: (headers: Record<string, string>) => Promise<HttpExchange>,
  own: TupleOrigin,
  declared: readonly string[],
  ctx: ProbeContext,
  onDiscovered?: (trusted: readonly string[]) => void,
  thorough = false,
  onLikelyTrusted?: (origin: string) => void,
): Promise<{ baseline: HttpExchange | undefined; explored: ExploreResult<HttpExchange> }> {
  const oracle: Oracle<HttpExchange> = async (probe) => {
    const exchange = await send({ origin: probe.origin });
    return { probe, allowed: grants(exchange.headers, probe.origin), exchange };
  };
  // The request without Origin and the first probe do not depend on each other: sent together, they cost
  // one round trip. Only discovery, after the first probe, needs the origins the baseline names.
  const pending = send({}).catch(() => undefined);
  const exploring = exploreOrigins(oracle, {
    target: own,
    declared,
    ctx,
    hinted: pending.then((b) => (b ? namedOrigins(b) : [])),
    reveals: (o) => namedOrigins(o.exchange),
    ...(onDiscovered ? { onDiscovered } : {}),
    ...(onLikelyTrusted ? { onLikelyTrusted } : {}),
    thorough,
  });
  exploring.catch(() => {}); // handled below, after the baseline has settled (no request outlives the call)
  const baseline = await pending;
  const explored = await exploring;
  return { baseline, explored };
}
