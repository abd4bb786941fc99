import {
  ANY_ORIGIN,
  type BrowserRequest,
  buildExplanation,
  type ConsoleDiagnosis,
  type Diagnosis,
  diagnoseExchange,
  type ExchangeInput,
  type ExplainSource,
  type Explanation,
  type Intent,
  impliedExchange,
  messageEvidence,
  parseConsoleMessage,
} from '../../capabilities/diagnose/index.js';
import { policyForUrl, requirePolicyFile } from '../../capabilities/policy-file/index.js';
import type { Stack } from '../../capabilities/remediation/index.js';
import { Engine, type EngineOptions } from '../../capabilities/scan/index.js';
import type { CredentialsMode } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { tryParseOrigin } from '../../core/origin/index.js';
import { selectEnvironment } from '../environment/index.js';
import { replayRequest } from './replay.js';

/** Options shared by every input of {@link explainRequest}. */
export interface ExplainOptions {
  /** How to connect (timeouts, `--resolve` pins, proxy, TLS); `cookie` and `headers` are ignored. */
  readonly network?: EngineOptions | undefined;
  /** Cookie header for a request with credentials `include`. */
  readonly cookie?: string | undefined;
  /** Send a request whose method may change data (see `replayRequest`). */
  readonly send?: boolean | undefined;
  /** The stack to render the fix for; detected from the server's headers when absent. */
  readonly stack?: Stack | undefined;
  /** `--policy FILE [--env NAME]`: the developer's intent. */
  readonly policyFile?: string | undefined;
  readonly env?: string | undefined;
}

/**
 * What to explain: a request corsguard sends as a browser would; a pasted console message (replayed
 * unless `offline`; `request` fills in what the message does not say and overrides it); or answers
 * already observed (a HAR entry, another tool's capture).
 *
 * @example
 * ```ts
 * const a: ExplainInput = { kind: 'request', request: { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' } };
 * const b: ExplainInput = { kind: 'message', message: "Access to fetch at 'https://api.example/v1' from origin …", offline: true };
 * ```
 */
export type ExplainInput =
  | { readonly kind: 'request'; readonly request: BrowserRequest }
  | {
      readonly kind: 'message';
      readonly message: string;
      readonly offline?: boolean | undefined;
      readonly request?: Partial<BrowserRequest> | undefined;
    }
  | {
      readonly kind: 'observed';
      readonly exchange: ExchangeInput;
      readonly source?: ExplainSource | undefined;
      readonly notes?: readonly string[] | undefined;
    };

function usage(message: string): CorsguardError {
  return new CorsguardError('USAGE', message);
}

/** Checks a request before anything is sent: a URL, an origin, a method; every problem at once. */
export function checkRequest(request: BrowserRequest): void {
  const problems: string[] = [];
  if (!URL.canParse(request.url) || !/^(https?|wss?):$/.test(new URL(request.url).protocol)) {
    problems.push(
      `${JSON.stringify(request.url)} is not an http(s) or ws(s) URL; write it like https://api.example.com/v1/items`,
    );
  }
  const o = request.origin;
  if (o !== ANY_ORIGIN && o !== 'null' && !o.startsWith('file:') && tryParseOrigin(o) === undefined) {
    problems.push(
      `${JSON.stringify(o)} is not an origin; write the page's origin like https://app.example.com (scheme, host and port, no path), null, or '*' for any origin`,
    );
  }
  if (request.method !== undefined && !/^[A-Za-z]{1,20}$/.test(request.method)) {
    problems.push(`${JSON.stringify(request.method)} is not an HTTP method; write GET, PUT, DELETE…`);
  }
  if (problems.length > 0) throw usage(problems.join('\n'));
}

const CREDENTIAL_CAUSES = new Set(['acao-wildcard-with-credentials', 'acac-missing', 'acac-not-true']);

function requestOfMessage(message: ConsoleDiagnosis, given: Partial<BrowserRequest>): BrowserRequest {
  const url = given.url ?? message.redirectedFrom ?? message.url;
  const origin = given.origin ?? message.origin;
  const missing = [
    ...(url === undefined ? ['the URL (give --url)'] : []),
    ...(origin === undefined ? ["the page's origin (give --origin)"] : []),
  ];
  if (url === undefined || origin === undefined) {
    throw usage(`the message does not say ${missing.join(' or ')}`);
  }
  const credentials: CredentialsMode =
    given.credentials ?? (CREDENTIAL_CAUSES.has(message.cause) ? 'include' : 'same-origin');
  const headers = given.headers ?? (message.header !== undefined ? [message.header] : []);
  const method = given.method ?? message.method;
  return {
    url,
    origin,
    credentials,
    headers,
    ...(method !== undefined ? { method } : {}),
    ...(given.contentType !== undefined ? { contentType: given.contentType } : {}),
  };
}

/**
 * The URL a live explanation of `input` connects to, or undefined when it sends nothing (an `offline`
 * message, observed answers): the request's URL, or for a message the URL given in `request` or else the
 * one it names (the first URL when it reports a redirect). A server that lets users choose what to
 * explain checks this URL before {@link explainRequest} runs, then passes it back as `request.url` so
 * the replay fetches exactly the URL checked. Throws like `explainRequest` for an unrecognised message
 * or one that names no URL.
 *
 * @example
 * ```ts
 * replayTarget({ kind: 'message', message: "Access to fetch at 'https://api.example/v1' from origin 'https://app.example' has been blocked by CORS policy: …" });
 * // 'https://api.example/v1'
 * replayTarget({ kind: 'message', message: '…', offline: true }); // undefined: nothing is sent
 * ```
 */
export function replayTarget(input: ExplainInput): string | undefined {
  if (input.kind === 'observed') return undefined;
  if (input.kind === 'request') return input.request.url;
  if (input.offline) return undefined;
  return requestOfMessage(recognised(input.message), input.request ?? {}).url;
}

function recognised(message: string): ConsoleDiagnosis {
  const parsed = parseConsoleMessage(message);
  if (!parsed.recognised) {
    throw usage(
      `this console message is not one corsguard recognises: ${parsed.why}. Paste the whole line the browser printed (Chrome's "Access to fetch at … has been blocked by CORS policy: …", Firefox's "Cross-Origin Request Blocked: … (Reason: …)").`,
    );
  }
  return parsed;
}

/** The intent of `--policy FILE [--env NAME]` for `url`, or undefined without `--policy`. */
export async function intentFor(url: string, options: ExplainOptions): Promise<Intent | undefined> {
  if (options.policyFile === undefined) {
    if (options.env !== undefined)
      throw usage('--env needs --policy FILE: the environment of which policy file?');
    return undefined;
  }
  const file = await requirePolicyFile(options.policyFile);
  const env = selectEnvironment(file, options.policyFile, options.env);
  return { policy: policyForUrl(env, url), file: options.policyFile, env: env.name };
}

/**
 * The engine a replay sends with: `options.network` without its `cookie` and `headers`, which would
 * go on every request (the preflight too); the cookie goes only where a browser sends it.
 */
export function replayEngine(options: ExplainOptions): Engine {
  const { cookie: _cookie, headers: _headers, ...network } = options.network ?? {};
  return new Engine(network);
}

async function live(request: BrowserRequest, options: ExplainOptions) {
  const engine = replayEngine(options);
  try {
    return await replayRequest(request, engine, { cookie: options.cookie, send: options.send });
  } finally {
    await engine.close();
  }
}

/**
 * `corsguard explain` as a library: why a cross-origin request is (or is not) blocked, the failing step
 * of the Fetch standard's CORS check as a stable `cause`, the evidence, and the verdict with the
 * minimal safe fix rendered for the stack. A live request is sent as a browser would (`replayRequest`);
 * a console message is parsed, then replayed unless `offline`. Throws a `CorsguardError` for unusable
 * input (USAGE, with every problem), an unknown console message, or an invalid policy file
 * (`PolicyFileError`); a server that does not answer is an explanation (`network-error`), not an error.
 *
 * @example
 * ```ts
 * const e = await explainRequest({ kind: 'request', request: { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' } });
 * e.cause;   // 'preflight-method'
 * e.verdict; // 'fix-server'
 * e.fix?.snippet.code; // the configuration for the detected stack
 * ```
 */
export async function explainRequest(
  input: ExplainInput,
  options: ExplainOptions = {},
): Promise<Explanation> {
  if (input.kind === 'observed') {
    checkRequest(input.exchange.request);
    const intent = await intentFor(input.exchange.request.url, options);
    return buildExplanation({
      request: input.exchange.request,
      exchange: input.exchange,
      diagnosis: diagnoseExchange(input.exchange),
      source: input.source ?? 'observed',
      intent,
      stack: options.stack,
      notes: input.notes,
    });
  }
  if (input.kind === 'request') {
    checkRequest(input.request);
    const intent = await intentFor(input.request.url, options);
    const replay = await live(input.request, options);
    return buildExplanation({
      request: input.request,
      exchange: replay.exchange,
      diagnosis: diagnoseExchange(replay.exchange),
      source: 'live',
      intent,
      stack: options.stack,
      notes: replay.notes,
    });
  }
  const parsed = recognised(input.message);
  const request = requestOfMessage(parsed, input.request ?? {});
  checkRequest(request);
  const intent = await intentFor(request.url, options);
  const notes: string[] = [];
  if (input.offline) {
    const implied = impliedExchange(request, parsed);
    const modelled = diagnoseExchange(implied);
    const diagnosis: Diagnosis = {
      cause: parsed.cause,
      stage: parsed.stage,
      preflightNeeded: modelled.preflightNeeded,
      steps: [
        {
          name: 'console-message',
          ok: parsed.cause === 'no-error',
          detail: `${parsed.browser} reported ${parsed.cause}${parsed.reasonCode ? ` (${parsed.reasonCode})` : ''}`,
        },
      ],
      evidence: messageEvidence(parsed),
    };
    if (parsed.alsoPossible !== undefined && parsed.alsoPossible.length > 0) {
      notes.push(
        `The ${parsed.browser} wording does not tell ${[parsed.cause, ...parsed.alsoPossible].join(' from ')}; drop --offline to let corsguard send the request and decide.`,
      );
    }
    notes.push('Offline: nothing was sent; the explanation rests on the message alone.');
    return buildExplanation({
      request,
      exchange: implied,
      diagnosis,
      source: 'message',
      message: parsed,
      intent,
      stack: options.stack,
      notes,
    });
  }
  const replay = await live(request, options);
  const diagnosis = diagnoseExchange(replay.exchange);
  const possible = [parsed.cause, ...(parsed.alsoPossible ?? [])];
  if (!possible.includes(diagnosis.cause)) {
    notes.push(
      `The message says ${parsed.cause}, but corsguard's request now gets ${diagnosis.cause}: the server changed since, the page sends another request (method, headers, credentials: pass them), or the message came from another environment.`,
    );
  }
  return buildExplanation({
    request,
    exchange: replay.exchange,
    diagnosis,
    source: 'live',
    message: parsed,
    intent,
    stack: options.stack,
    notes: [...notes, ...replay.notes],
  });
}
