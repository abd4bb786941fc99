import type { HeaderList, PreflightRequest } from '../../../core/browser/index.js';
import { readAccess } from '../../../core/browser/index.js';
import type { TupleOrigin } from '../../../core/origin/index.js';
import type { HttpExchange } from '../engine/http-client.js';
import type { Observation } from '../explore.js';
import type { Access } from '../findings/make-finding.js';

/** A preflight that was sent, with the request the browser model judges it for. */
export interface PreflightObservation {
  readonly origin: string;
  /** The origin is the target's own, discovered trusted, or declared by the user. */
  readonly trusted: boolean;
  readonly request: PreflightRequest;
  readonly exchange: HttpExchange;
  /** The custom request header name sent in Access-Control-Request-Headers (random per scan). */
  readonly customHeader: string;
}

/** Everything an HTTP scan observed: the input of every analyzer. Pure data, no I/O. */
export interface HttpScanData {
  readonly url: string;
  readonly target: TupleOrigin;
  /** Serialized origins considered trusted: the target's own, discovered and declared. */
  readonly trusted: ReadonlySet<string>;
  /** The request sent without an Origin header. */
  readonly baseline?: HttpExchange;
  /** Every origin probe (simple requests). */
  readonly simple: readonly Observation<HttpExchange>[];
  /** Probes that revealed a root cause. */
  readonly hits: readonly Observation<HttpExchange>[];
  readonly preflights: readonly PreflightObservation[];
}

/** Whether the server granted `origin` specifically: one of its ACAO values is that exact origin. */
export function grants(headers: HeaderList, origin: string): boolean {
  return headers.some(
    ([k, v]) =>
      k.toLowerCase() === 'access-control-allow-origin' && v.split(',').some((x) => x.trim() === origin),
  );
}

/** What a page at `origin` can read of this response, by the browser model. */
export function accessOf(origin: string, headers: HeaderList): Access {
  const a = readAccess(origin, headers);
  return a.withCredentials ? 'credentialed' : a.withoutCredentials ? 'anonymous' : 'unreadable';
}
