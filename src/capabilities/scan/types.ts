import type { FindingId, Severity } from '../../core/findings/index.js';

// Declared in the finding registry (src/core/findings/); re-exported here for `corsguard/scan`.
export { type FindingId, SEVERITIES, type Severity } from '../../core/findings/index.js';

/**
 * The start of the note that names the trusted origins a scan found (`Trusted origins found: a, b.`);
 * reports written before the `trustedOrigins` field have only this note.
 *
 * @example
 * ```ts
 * result.notes.find((n) => n.startsWith(TRUSTED_ORIGINS_NOTE));
 * ```
 */
export const TRUSTED_ORIGINS_NOTE = 'Trusted origins found: ';

/** One HTTP exchange shown as evidence. Secrets (Cookie, Authorization, Set-Cookie values) are redacted. */
export interface Evidence {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly response: {
    readonly status: number;
    /** Response headers relevant to CORS, in the order received; repeated headers appear once per occurrence. */
    readonly headers: ReadonlyArray<readonly [string, string]>;
  };
}

/** One root cause found on a target. */
export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  /** One-line summary. */
  readonly title: string;
  /** True when the browser model says a page at `origin` can read responses with the victim's cookies. */
  readonly credentialed: boolean;
  /** The probe origin that demonstrates the problem. */
  readonly origin: string;
  /** Further probe origins explained by the same root cause. */
  readonly origins: readonly string[];
  readonly evidence: readonly Evidence[];
  /** What an attacker does with it, in plain language. */
  readonly explanation: string;
  /** How to fix it. */
  readonly remediation: string;
  /** Present with `scan --verify`: what its proof-of-concept page did in a real browser. */
  readonly verified?: Verification;
}

/**
 * What a finding's proof-of-concept page did in headless Chromium (`scan --verify`): loaded from the
 * attacker origin against the real target, with the victim's cookies when the server allows credentials.
 *
 * @example
 * ```ts
 * const verified: Verification = {
 *   browser: 'chromium',
 *   version: '156.0.8078.114',
 *   kind: 'fetch-credentialed',
 *   read: true,
 *   console: [],
 * };
 * ```
 */
export interface Verification {
  readonly browser: 'chromium';
  /** The browser's version, e.g. `156.0.8078.114`. */
  readonly version: string;
  /** Which page was loaded: a `fetch` with or without cookies, a sandboxed (`null`) iframe, or a WebSocket. */
  readonly kind: 'fetch-credentialed' | 'fetch-anonymous' | 'null-origin' | 'websocket';
  /** True when the page read the response (or, for a WebSocket, opened the victim's socket). */
  readonly read: boolean;
  /** What the browser said (CORS errors, the page's status), at most 5 lines of at most 200 characters. */
  readonly console: readonly string[];
}

/** Why a target could not be scanned (or not completely). */
export interface TargetError {
  readonly code: string;
  readonly message: string;
}

/** What the server says it runs, from the response to the request without Origin (values cut at 200 characters). */
export interface StackHints {
  /** The `Server` response header, e.g. `nginx/1.25.3`, `WSGIServer/0.2 CPython/3.11`. */
  readonly server?: string;
  /** The `X-Powered-By` response header, e.g. `Express`, `Next.js`. */
  readonly poweredBy?: string;
}

/** The result of scanning one URL. */
export interface TargetResult {
  readonly url: string;
  /** Requests (and WebSocket handshakes) sent for this target. */
  readonly requests: number;
  readonly durationMs: number;
  readonly findings: readonly Finding[];
  /** Observations that are not findings: redirects, a server with no CORS at all, stack hints. */
  readonly notes: readonly string[];
  /** Server and framework hints from the baseline response; absent when the server names nothing (or for WebSockets). */
  readonly stackHints?: StackHints;
  /**
   * Origins the server granted among the legitimately trusted candidates (its own origin, apex and common
   * subdomains, `--trusted-origin`s, origins it names itself); never probe or attacker origins.
   */
  readonly trustedOrigins?: readonly string[];
  /** Present when the target (or some of its probes) could not be scanned; findings found before the failure are kept. */
  readonly error?: TargetError;
}
