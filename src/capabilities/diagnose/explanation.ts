import { getHeader, normalizeMethod } from '../../core/browser/index.js';
import { patternText } from '../../core/origin/index.js';
import { type Policy, PolicyError } from '../../core/policy/index.js';
import type { Stack } from '../remediation/index.js';
import { stacksFromHeaders } from '../remediation/index.js';
import { CAUSE_TABLE, type Cause, type Stage } from './causes.js';
import type { Change } from './changes.js';
import type { ConsoleDiagnosis } from './console-types.js';
import type { Diagnosis, Evidence, ExchangeInput } from './diagnose-exchange.js';
import { type Fix, type FixPolicy, fixFor, type HeaderDelta } from './fix.js';
import { type FixSnippet, fixSnippet } from './fix-snippet.js';
import type { Step } from './pre-checks.js';
import { type BrowserRequest, requestHeaderList } from './request.js';
import { ANY_ORIGIN, type UntrustedKind, untrustedOrigin } from './untrusted-origin.js';
import { type Wording, wordingOf } from './wording.js';

/**
 * What to do about a blocked request:
 * - `fix-server`: the origin is meant to be allowed; `fix` is the minimal safe change;
 * - `working-as-intended`: the block is right (the policy excludes the origin, or it is one that must
 *   never be trusted); `advice` says what to do instead;
 * - `not-cors`: the failure is not CORS (network, mixed content, a gateway error); `summary` says what;
 * - `not-blocked`: a browser would let the page read the answer now.
 *
 * @example
 * ```ts
 * const v: Verdict = 'fix-server';
 * ```
 */
export type Verdict = 'fix-server' | 'working-as-intended' | 'not-cors' | 'not-blocked';

/**
 * Where the answers came from: sent by corsguard (`live`), read from a HAR (`har`), given by a caller
 * (`observed`), or only what a console message says (`message`, with `--offline`).
 *
 * @example
 * ```ts
 * const s: ExplainSource = 'live';
 * ```
 */
export type ExplainSource = 'live' | 'har' | 'observed' | 'message';

/**
 * The policy file a developer's intent comes from (`--policy FILE --env NAME`): the policy for the URL.
 *
 * @example
 * ```ts
 * const intent: Intent = { policy: createPolicy({ origins: ['https://app.example'] }), file: 'cors.policy.yaml', env: 'production' };
 * ```
 */
export interface Intent {
  readonly policy: Policy;
  readonly file: string;
  readonly env: string;
}

/**
 * The input of {@link buildExplanation}: the request, the answers seen (none for an offline message),
 * the console message it came from, the intent and the stack to render the fix for.
 *
 * @example
 * ```ts
 * const input: ExplanationInput = { request, exchange: { request, response: { status: 200, headers: [] } }, diagnosis, source: 'live' };
 * ```
 */
export interface ExplanationInput {
  readonly request: BrowserRequest;
  readonly exchange: ExchangeInput;
  readonly diagnosis: Diagnosis;
  readonly source: ExplainSource;
  readonly message?: ConsoleDiagnosis | undefined;
  readonly intent?: Intent | undefined;
  /** The stack to render the fix for; detected from Server / X-Powered-By when absent. */
  readonly stack?: Stack | undefined;
  /** Notes the caller adds (what was not sent, what differs from the message). */
  readonly notes?: readonly string[] | undefined;
}

/**
 * The answer to "why is my request blocked?" (the JSON of `corsguard explain --format json`,
 * `schema/explain.schema.json`).
 *
 * @example
 * ```ts
 * explanation.cause;   // 'preflight-method'
 * explanation.verdict; // 'fix-server'
 * explanation.fix?.changes[0]?.text; // 'List PUT in Access-Control-Allow-Methods on the preflight answer.'
 * ```
 */
export interface Explanation {
  readonly request: {
    readonly url: string;
    readonly origin: string;
    readonly method: string;
    readonly headers: readonly string[];
    readonly credentials: string;
    readonly contentType?: string;
  };
  readonly source: ExplainSource;
  /** What the pasted console message said, when there was one. */
  readonly message?: {
    readonly browser: string;
    readonly cause: Cause;
    readonly reasonCode?: string;
    readonly alsoPossible?: readonly Cause[];
  };
  readonly cause: Cause;
  readonly stage: Stage;
  readonly preflightNeeded: boolean;
  /** One plain-language line about the cause. */
  readonly description: string;
  /** The step of the Fetch standard that fails. */
  readonly fetchStep: string;
  readonly wording: Wording;
  readonly steps: readonly Step[];
  readonly evidence: Evidence;
  readonly verdict: Verdict;
  /** What happened and what to do, in a few sentences. */
  readonly summary: string;
  readonly advice: readonly string[];
  /** Why the origin must never be trusted, when that is the verdict's reason. */
  readonly untrusted?: { readonly kind: UntrustedKind; readonly why: string };
  readonly fix?: {
    readonly changes: readonly Change[];
    readonly policy: FixPolicy;
    /** Keys of the policy file that must change (`[]`: the server does not implement the policy yet). */
    readonly policyChanges?: readonly string[];
    readonly delta: readonly HeaderDelta[];
    /** The browser model accepts the fixed server's answers (null for a WebSocket handshake). */
    readonly verified: boolean | null;
    readonly snippet: FixSnippet;
    /** Whether the snippet's stack was given (`--stack`), detected from Server / X-Powered-By, or neither (policy file). */
    readonly stackSource: 'option' | 'detected' | 'none';
  };
  readonly notes: readonly string[];
}

const GATEWAY = new Set([502, 503, 504]);

function failingStatus(exchange: ExchangeInput, stage: Stage): number | undefined {
  const observed =
    stage === 'preflight' ? exchange.preflight : stage === 'response' ? exchange.response : undefined;
  return observed !== undefined && 'status' in observed ? observed.status : undefined;
}

function detectedStack(exchange: ExchangeInput): Stack | null {
  for (const observed of [exchange.response, exchange.preflight]) {
    if (observed === undefined || !('status' in observed)) continue;
    const found = stacksFromHeaders(
      getHeader(observed.headers, 'server') ?? '',
      getHeader(observed.headers, 'x-powered-by') ?? '',
    );
    if (found[0] !== undefined) return found[0];
  }
  return null;
}

/** Keys of the policy file that differ between the intent and the fix. */
function policyChanges(intent: Policy, fix: FixPolicy): string[] {
  const changed: string[] = [];
  const added = (before: readonly string[], after: readonly string[]) =>
    after.filter((v) => !before.includes(v));
  const origins = intent.anyOrigin ? ['*'] : intent.rules.map(patternText);
  for (const o of added(origins, fix.origins === '*' ? ['*'] : fix.origins))
    changed.push(`origins: add ${o}`);
  if (fix.credentials && !intent.credentials) changed.push('credentials: true');
  for (const m of added(intent.methods, fix.methods)) changed.push(`methods: add ${m}`);
  for (const h of added(intent.requestHeaders, fix.requestHeaders)) changed.push(`requestHeaders: add ${h}`);
  if (fix.privateNetwork && !intent.privateNetwork) changed.push('privateNetwork: true');
  return changed;
}

interface Judgement {
  readonly verdict: Verdict;
  readonly summary: string;
  readonly advice: readonly string[];
  readonly untrusted?: { kind: UntrustedKind; why: string };
  readonly fix?: Fix;
}

function judge(input: ExplanationInput): Judgement {
  const { request, diagnosis, exchange, intent } = input;
  const { cause } = diagnosis;
  const credentials = request.credentials ?? 'same-origin';
  const untrusted = untrustedOrigin(request.origin, request.url, credentials);
  if (cause === 'no-error') {
    const warn = untrusted
      ? [
          `But the server grants an origin that must never be trusted (${untrusted.kind}): ${untrusted.why} Run corsguard scan ${request.url} to see every origin it trusts.`,
        ]
      : [];
    return {
      verdict: 'not-blocked',
      summary: `A browser would let ${request.origin} read this answer: nothing is blocked now. If the page still fails, the request it makes differs (method, headers, credentials), it was cached, or it came from another environment; pass the exact request, or paste the console message.`,
      advice: warn,
    };
  }
  if (cause === 'network-error') {
    const why = diagnosis.evidence.networkError ?? 'the connection failed';
    return {
      verdict: 'not-cors',
      summary: `No HTTP answer came back (${why}). This is not CORS: the browser console mentions CORS only because the request never got an answer to check. Fix the network problem (is the server up, the host name right, the certificate valid?) and try again.`,
      advice: [],
    };
  }
  if (cause === 'mixed-content') {
    return {
      verdict: 'not-cors',
      summary: `The page is served over https and asks for ${request.url} over plain http: the browser blocks it before sending anything. No CORS header can change that. Serve the API over https and call its https:// URL.`,
      advice: [],
    };
  }
  if (cause === 'local-network') {
    const host = new URL(request.url).hostname;
    const insecure = diagnosis.steps.some((s) => s.name === 'local-network' && !s.ok);
    return {
      verdict: 'not-cors',
      summary: insecure
        ? `Local Network Access, not CORS: a page that is not a secure context (http) may not reach ${host}, which is on a more private network than the page. No response header changes that.`
        : `Local Network Access, not CORS: Chrome asks the user before a public page may reach ${host}, which is on a more private network, and the permission was not given. No response header grants it (Access-Control-Allow-Private-Network belonged to the older Private Network Access and changes nothing in current Chrome).`,
      advice: [
        ...(insecure ? ['Serve the page over https: then Chrome asks the user for permission.'] : []),
        'If the page is yours and must reach the device or service: the user allows it in the permission prompt (or in the site settings, "Local network access"); managed browsers can allow your site by policy (LocalNetworkAccessAllowedForUrls).',
        'Better: serve the API from a public address, or serve the page from the same network as the API (then no permission is needed).',
      ],
    };
  }
  const status = failingStatus(exchange, diagnosis.stage);
  if (status !== undefined && GATEWAY.has(status)) {
    return {
      verdict: 'not-cors',
      summary: `The server answered ${status}: usually a gateway or load balancer in front of the API whose error page has no CORS headers, so the browser reports CORS. The real problem is the ${status}: fix the upstream failure first. To let the page read error answers too, send the CORS headers on every status (nginx: add_header … always).`,
      advice: [],
    };
  }
  if (untrusted) {
    return {
      verdict: 'working-as-intended',
      summary: `The block is correct and must stay. ${untrusted.why}`,
      advice: untrusted.instead,
      untrusted: { kind: untrusted.kind, why: untrusted.why },
    };
  }
  if (intent && request.origin !== ANY_ORIGIN && intent.policy.matchOrigin(request.origin) === null) {
    return {
      verdict: 'working-as-intended',
      summary: `The block is correct: the policy in ${intent.file} (${intent.env}) does not allow ${request.origin}, and the server follows it.`,
      advice: [
        `If ${request.origin} is one of your front ends, add it to origins of ${intent.env} in ${intent.file}, then regenerate the server configuration (corsguard generate) and run corsguard check.`,
        'If it is not, the block protects your users: nothing to change.',
      ],
    };
  }
  if (intent && credentials === 'include' && !intent.policy.credentials) {
    return {
      verdict: 'working-as-intended',
      summary: `The block is correct: the policy in ${intent.file} (${intent.env}) does not allow credentials, and the page sends cookies (credentials: "include").`,
      advice: [
        'If the page does not need the user’s cookies here, send the request with credentials: "omit" (the default of fetch is "same-origin").',
        `If it does, set credentials: true in ${intent.env} of ${intent.file}, with exact https origins, and regenerate the configuration.`,
      ],
    };
  }
  try {
    const fix = fixFor(request, exchange, intent?.policy);
    const changes = fix.changes.map((c) => c.text).join(' ');
    return {
      verdict: 'fix-server',
      summary: `${CAUSE_TABLE[cause].description} ${changes === '' ? 'Send the answer the fixed configuration below sends.' : changes}`,
      advice: [],
      fix,
    };
  } catch (err) {
    if (!(err instanceof PolicyError)) throw err;
    return {
      verdict: 'working-as-intended',
      summary: `No safe configuration allows this request: ${err.issues.map((i) => i.message).join('; ')}.`,
      advice: err.issues.map((i) => i.fix),
    };
  }
}

/**
 * Builds the explanation of a diagnosed request: the cause with its description, Fetch step and the
 * browsers' wordings, the evidence and steps, then the verdict — never a dangerous fix: an origin that
 * must never be trusted (`null`, `file:`, `http:` with cookies on an https API, shared hosting, "any
 * origin with cookies") gets `working-as-intended` and the safe alternatives, a policy that excludes the
 * origin is followed, and a `fix-server` fix is the request's needs added to what the server (or the
 * policy) already allows, rendered by the generators for the given or detected stack.
 *
 * @example
 * ```ts
 * const request = { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' };
 * const exchange = { request, preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example']] } };
 * const e = buildExplanation({ request, exchange, diagnosis: diagnoseExchange(exchange), source: 'observed' });
 * e.verdict;                 // 'fix-server'
 * e.fix?.changes[0]?.kind;   // 'allow-method'
 * ```
 */
export function buildExplanation(input: ExplanationInput): Explanation {
  const { request, diagnosis, exchange, message } = input;
  const judgement = judge(input);
  const method = normalizeMethod(request.method ?? 'GET');
  const row = CAUSE_TABLE[diagnosis.cause];
  const evidence = diagnosis.evidence;
  const allowOrigin = getHeader(evidence.headers, 'access-control-allow-origin');
  const wording = wordingOf(diagnosis.cause, {
    url: request.url,
    origin: request.origin,
    method: evidence.method ?? method,
    header: evidence.header,
    value: allowOrigin ?? getHeader(evidence.headers, 'access-control-allow-credentials') ?? undefined,
    status: evidence.status,
  });
  const notes = [...(input.notes ?? [])];
  let fix: Explanation['fix'];
  if (judgement.fix !== undefined) {
    const given = input.stack ?? null;
    const stack = given ?? detectedStack(exchange);
    const snippet = fixSnippet(judgement.fix, stack, {
      url: request.url,
      file: input.intent?.file,
      env: input.intent?.env,
    });
    const changes = input.intent ? policyChanges(input.intent.policy, judgement.fix.policy) : undefined;
    if (judgement.fix.verified === false) {
      notes.push('The browser model does not accept the fixed answers for this request; please report it.');
    }
    fix = {
      changes: judgement.fix.changes,
      policy: judgement.fix.policy,
      ...(changes !== undefined ? { policyChanges: changes } : {}),
      delta: input.source === 'message' ? [] : judgement.fix.delta,
      verified: judgement.fix.verified,
      snippet,
      stackSource: given !== null ? 'option' : stack !== null ? 'detected' : 'none',
    };
  }
  return {
    request: {
      url: request.url,
      origin: request.origin,
      method,
      headers: requestHeaderList(request)
        .filter(([n]) => n.toLowerCase() !== 'content-type')
        .map(([n]) => n),
      credentials: request.credentials ?? 'same-origin',
      ...(request.contentType !== undefined ? { contentType: request.contentType } : {}),
    },
    source: input.source,
    ...(message
      ? {
          message: {
            browser: message.browser,
            cause: message.cause,
            ...(message.reasonCode !== undefined ? { reasonCode: message.reasonCode } : {}),
            ...(message.alsoPossible !== undefined ? { alsoPossible: message.alsoPossible } : {}),
          },
        }
      : {}),
    cause: diagnosis.cause,
    stage: diagnosis.stage,
    preflightNeeded: diagnosis.preflightNeeded,
    description: row.description,
    fetchStep: row.fetch,
    wording,
    steps: diagnosis.steps,
    evidence,
    verdict: judgement.verdict,
    summary: judgement.summary,
    advice: judgement.advice,
    ...(judgement.untrusted ? { untrusted: judgement.untrusted } : {}),
    ...(fix ? { fix } : {}),
    notes,
  };
}
