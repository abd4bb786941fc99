import { CorsguardError } from '../../core/errors/index.js';
import { type ExplainInput, type Explanation, explainRequest, replayTarget } from '../explain/index.js';
import type { Admission } from './admission.js';
import { ServeError } from './errors.js';
import type { CheckedExplain } from './explain-input.js';
import type { ResolvedServeOptions } from './options.js';
import { SlidingWindow } from './window.js';

/** A usage problem of the explain service (its message says what to give) as the server's refusal. */
function refusal(err: unknown): unknown {
  if (err instanceof CorsguardError && err.code === 'USAGE') {
    return new ServeError('INVALID_REQUEST', err.message.replace(/\s*\n\s*/g, '; ').slice(0, 1000));
  }
  return err;
}

/** The input with the URL the gate admitted: the replay then fetches exactly that URL. */
function pinnedTo(input: CheckedExplain['input'], url: string): ExplainInput {
  return input.kind === 'request'
    ? { ...input, request: { ...input.request, url } }
    : { ...input, request: { ...input.request, url } };
}

/**
 * Explains requests for the web page and the API, as `corsguard explain` does, with the server's
 * safety rules: a live replay (the preflight and the request, at most two requests) goes only to a URL
 * the admission gate let in (public addresses, allowed ports), connects to the checked address pinned
 * with `resolve`, follows no redirect, never sends a method that may change data (a GET stands in),
 * never a cookie, and never reads a policy file. Live replays are counted per client and per target
 * host over the rate window (separately from scans), and at most `maxConcurrentExplains` run at once.
 * An offline message sends nothing, resolves nothing, and is not counted.
 *
 * @example
 * ```ts
 * const explainer = new Explainer(createAdmission(options, lab), options);
 * const e = await explainer.explain(checkExplainBody({ url: 'https://api.example.com/v1', origin: 'https://app.example.com', method: 'PUT' }), req.ip);
 * e.verdict; // 'fix-server'
 * ```
 */
export class Explainer {
  readonly #admission: Admission;
  readonly #options: ResolvedServeOptions;
  readonly #clients: SlidingWindow;
  readonly #hosts: SlidingWindow;
  #running = 0;

  constructor(admission: Admission, options: ResolvedServeOptions) {
    this.#admission = admission;
    this.#options = options;
    this.#clients = new SlidingWindow(options.rateWindowMs, options.explainsPerClient);
    this.#hosts = new SlidingWindow(options.rateWindowMs, options.explainsPerTargetHost);
  }

  /** Live replays in flight now. */
  get running(): number {
    return this.#running;
  }

  /** Explains `checked` for `client` (its address), or refuses with a {@link ServeError}. */
  async explain(checked: CheckedExplain, client: string): Promise<Explanation> {
    const o = this.#options;
    const stack = checked.stack;
    let target: string | undefined;
    try {
      target = replayTarget(checked.input);
    } catch (err) {
      throw refusal(err);
    }
    if (target === undefined) {
      // Offline: the message alone, nothing sent.
      return explainRequest(checked.input, { stack }).catch((err: unknown) => Promise.reject(refusal(err)));
    }
    const wait = this.#clients.take(client);
    if (wait !== undefined) {
      throw new ServeError(
        'RATE_LIMITED',
        `more than ${o.explainsPerClient} live explanations from this address in ${Math.round(o.rateWindowMs / 1000)} s; retry in ${wait} s (or paste a console message and explain it offline)`,
        wait,
      );
    }
    if (this.#running >= o.maxConcurrentExplains) {
      throw new ServeError('QUEUE_FULL', 'every explanation slot is busy; retry in a few seconds', 5);
    }
    this.#running++;
    try {
      const admitted = await this.#admission.admit(target);
      if (!admitted.ok) throw new ServeError(admitted.code, admitted.message);
      const hostWait = this.#hosts.take(admitted.host);
      if (hostWait !== undefined) {
        throw new ServeError(
          'RATE_LIMITED',
          `${admitted.host} was asked ${this.#hosts.count(admitted.host)} times in the last ${Math.round(o.rateWindowMs / 1000)} s, from every client together; retry in ${hostWait} s`,
          hostWait,
        );
      }
      // Never `send`, `cookie` or `policyFile` here: a web caller gets the stand-in GET, no cookie, no intent.
      return await explainRequest(pinnedTo(checked.input, admitted.url), {
        stack,
        network: {
          resolve: admitted.resolve,
          insecure: admitted.insecure,
          timeoutMs: o.requestTimeoutMs,
          concurrency: 1,
          perHost: 1,
          http2Streams: 1,
        },
      });
    } catch (err) {
      throw refusal(err);
    } finally {
      this.#running--;
    }
  }
}
