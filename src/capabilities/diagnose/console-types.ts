import type { Cause, Stage } from './causes.js';

/**
 * The browser family a console message comes from (`chrome` covers Edge, Opera and every Chromium).
 *
 * @example
 * ```ts
 * const b: ConsoleBrowser = 'firefox';
 * ```
 */
export type ConsoleBrowser = 'chrome' | 'firefox' | 'safari';

/**
 * A recognised console message: the cause and what the message names. `alsoPossible` lists the
 * causes the wording cannot tell apart (Safari says the same for a missing and a wrong
 * `Access-Control-Allow-Origin`); a live replay decides between them.
 *
 * @example
 * ```ts
 * const m: ConsoleDiagnosis = {
 *   recognised: true, browser: 'chrome', cause: 'preflight-method', stage: 'preflight',
 *   url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT',
 * };
 * ```
 */
export interface ConsoleDiagnosis {
  readonly recognised: true;
  readonly browser: ConsoleBrowser;
  readonly cause: Cause;
  readonly stage: Stage;
  readonly url?: string;
  /** For a Chrome message about a redirected request: the URL the page asked for. */
  readonly redirectedFrom?: string;
  readonly origin?: string;
  readonly method?: string;
  /** The refused request header, lower-cased. */
  readonly header?: string;
  /** The header value the browser quotes (`Access-Control-Allow-Origin`, `-Credentials`). */
  readonly value?: string;
  readonly status?: number;
  /** Firefox's `Reason:` code, e.g. `CORSMissingAllowOrigin`. */
  readonly reasonCode?: string;
  readonly alsoPossible?: readonly Cause[];
}

/**
 * A message that is not (or not only) a CORS block corsguard can name, and why.
 *
 * @example
 * ```ts
 * const m: ConsoleUnrecognised = { recognised: false, why: 'no CORS, mixed-content, local-network or WebSocket wording found' };
 * ```
 */
export interface ConsoleUnrecognised {
  readonly recognised: false;
  readonly browser?: ConsoleBrowser;
  readonly why: string;
  readonly url?: string;
}

/**
 * The result of `parseConsoleMessage`.
 *
 * @example
 * ```ts
 * const r: ConsoleParse = { recognised: false, why: 'empty message' };
 * if (r.recognised) console.log(r.cause);
 * ```
 */
export type ConsoleParse = ConsoleDiagnosis | ConsoleUnrecognised;

/** What a browser parser found: the cause plus the parts, before the common fields are added. */
export type Found = Omit<ConsoleDiagnosis, 'recognised' | 'browser' | 'stage'> & { readonly stage?: Stage };
