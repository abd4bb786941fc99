import {
  buildExplanation,
  diagnoseExchange,
  type ExchangeInput,
  type Explanation,
  type HarExchange,
  type HarSkipReason,
  parseHar,
} from '../../capabilities/diagnose/index.js';
import type { Engine } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { type ExplainOptions, intentFor, replayEngine } from './explain.js';
import { replayRequest } from './replay.js';

/** A HAR entry corsguard could not explain, and why: reported, never dropped. */
export interface HarEntryError {
  readonly entry: number;
  readonly url: string;
  readonly message: string;
}

/**
 * What `corsguard explain --har` found: the counts of the file, one explanation per failing
 * cross-origin request (in entry order), and the entries that could not be explained.
 *
 * @example
 * ```ts
 * const r: HarExplanation = { har: { entries: 12, crossOrigin: 6, failures: 4, passed: 2, skipped: 6, unread: 0, skippedBy: {}, errors: [] }, explanations: [] };
 * ```
 */
export interface HarExplanation {
  readonly har: {
    readonly entries: number;
    readonly crossOrigin: number;
    readonly failures: number;
    /** Cross-origin requests a browser let through (not explained). */
    readonly passed: number;
    readonly skipped: number;
    readonly unread: number;
    readonly skippedBy: Readonly<Partial<Record<HarSkipReason, number>>>;
    readonly errors: readonly HarEntryError[];
  };
  readonly explanations: readonly Explanation[];
}

function describeEntry(x: HarExchange): string {
  return `HAR entry ${x.entry}${x.startedDateTime ? ` (${x.startedDateTime})` : ''}`;
}

async function observe(
  x: HarExchange,
  request: HarExchange['request'],
  engine: Engine | null,
  options: ExplainOptions,
): Promise<{ exchange: ExchangeInput; notes: string[] }> {
  const notes: string[] = [];
  let preflight = x.preflight;
  let response = x.response;
  if (x.missing.length > 0 && engine !== null) {
    const replay = await replayRequest(request, engine, { cookie: options.cookie, send: options.send });
    preflight ??= replay.exchange.preflight;
    response ??= replay.exchange.response;
    notes.push(
      `The HAR did not record the ${x.missing.join(' or the ')}: corsguard sent the request again to see it.`,
      ...replay.notes,
    );
  }
  return {
    exchange: {
      request,
      ...(preflight === undefined ? {} : { preflight }),
      ...(response === undefined ? {} : { response }),
    },
    notes,
  };
}

/**
 * `corsguard explain --har FILE`: every CORS failure of a HAR exported from the browser devtools (or
 * recorded by Playwright), explained request by request from what the HAR recorded. What the HAR did not
 * record (Playwright keeps no preflights and no headers of a blocked response) is replayed as a browser
 * sends it, unless `offline`; then such an entry is reported in `errors`. When the HAR cannot tell
 * whether cookies were sent and the request only fails with them, it is explained with
 * `credentials: 'include'`, and a note says so. Throws a `CorsguardError` (`HAR_INVALID`) for a file
 * that is not a HAR.
 *
 * @example
 * ```ts
 * const { har, explanations } = await explainHar(readFileSync('session.har', 'utf8'));
 * har.failures;              // 4
 * explanations[0]?.cause;    // 'preflight-method'
 * ```
 */
export async function explainHar(
  text: string,
  options: ExplainOptions & { readonly offline?: boolean | undefined } = {},
): Promise<HarExplanation> {
  const parsed = parseHar(text);
  const engine = options.offline ? null : replayEngine(options);
  const explanations: Explanation[] = [];
  const errors: HarEntryError[] = [];
  let passed = 0;
  try {
    for (const x of parsed.exchanges) {
      try {
        const first = await observe(x, x.request, engine, options);
        let { exchange, notes } = first;
        let diagnosis = diagnoseExchange(exchange);
        const guessed = x.unsure.includes('credentials') && x.request.credentials !== 'include';
        if (diagnosis.cause === 'no-error' && x.browserError !== undefined && guessed) {
          const withCookies = { ...x.request, credentials: 'include' as const };
          const again = await observe(x, withCookies, engine, options);
          const retried = diagnoseExchange(again.exchange);
          if (retried.cause !== 'no-error') {
            ({ exchange, notes } = again);
            diagnosis = retried;
            notes.unshift(
              'The HAR does not say whether the page sent cookies; the request fails as recorded only with credentials: "include", so it is explained that way.',
            );
          }
        }
        if (diagnosis.cause === 'no-error' && x.browserError === undefined) {
          passed++;
          continue;
        }
        if (diagnosis.cause === 'no-error') {
          notes.push(
            `The browser recorded ${x.browserError}, which these answers do not explain: the request may differ from what the HAR shows (headers, cookies), or the server changed since.`,
          );
        }
        if (x.fromCache !== undefined) notes.push(`The browser answered from its ${x.fromCache} cache.`);
        const intent = await intentFor(x.request.url, options);
        explanations.push(
          buildExplanation({
            request: exchange.request,
            exchange,
            diagnosis,
            source: 'har',
            intent,
            stack: options.stack,
            notes: [`${describeEntry(x)}.`, ...notes],
          }),
        );
      } catch (err) {
        if (!(err instanceof CorsguardError) || err.code === 'POLICY_INVALID') throw err;
        errors.push({
          entry: x.entry,
          url: x.request.url,
          message:
            err.code === 'USAGE' && options.offline
              ? `the HAR did not record the ${x.missing.join(' or the ')} and --offline forbids sending it again`
              : err.message,
        });
      }
    }
  } finally {
    await engine?.close();
  }
  return {
    har: {
      entries: parsed.entries,
      crossOrigin: parsed.exchanges.length,
      failures: explanations.length,
      passed,
      skipped: parsed.skipped,
      unread: parsed.unread,
      skippedBy: parsed.skippedBy,
      errors,
    },
    explanations,
  };
}
