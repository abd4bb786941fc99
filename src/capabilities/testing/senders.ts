import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { InjectOptions } from 'light-my-request';
import type { HeaderList } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { type ObservedResponse, type ProbeSender, probeHeaders } from '../check/index.js';

/** A Fetch-standard handler: Hono's `app.fetch`, Next.js route handlers, Deno/Bun/Workers handlers. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Anything with `inject`, as Fastify instances have (light-my-request options, a response with headers). */
export interface InjectTarget {
  inject(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
  }): PromiseLike<{ statusCode: number; headers: Record<string, unknown> }>;
}

/**
 * What `checkCorsPolicy` can test in-process, without a network:
 * - a Fetch handler `(Request) => Response`, or an object with `fetch` (a Hono app);
 * - a Node request listener `(req, res)`, an Express or Connect app, or an `http.Server`;
 * - a Fastify instance (anything with `inject`).
 */
export type CorsTarget =
  | FetchHandler
  | { fetch: (request: Request) => Response | Promise<Response> }
  | RequestListener
  | ((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void)
  | Server
  | InjectTarget;

/** How to call a target, when its shape is ambiguous (a bare function of one or two parameters). */
export type TargetKind = 'fetch' | 'node' | 'inject';

function isServer(target: unknown): target is Server {
  return (
    typeof target === 'object' &&
    target !== null &&
    typeof (target as Server).listeners === 'function' &&
    typeof (target as Server).listen === 'function'
  );
}

function toHeaderList(headers: Record<string, unknown>): HeaderList {
  const list: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) list.push([name, String(v)]);
    else list.push([name, String(value)]);
  }
  return list;
}

/**
 * A {@link ProbeSender} that calls `target` in-process: `Request` objects for Fetch handlers, light-my-request
 * injection for Node listeners, Express apps and `http.Server`s, `.inject` for Fastify.
 *
 * @example
 * ```ts
 * const send = inProcessSender(app, 'http://localhost/v1/me');
 * await checkPolicy('http://localhost/v1/me', policy, send);
 * ```
 */
export function inProcessSender(target: CorsTarget, url: string, kind?: TargetKind): ProbeSender {
  const resolved = kind ?? detect(target);
  const u = new URL(url);
  const path = `${u.pathname}${u.search}`;
  if (resolved === 'fetch') {
    const handler: FetchHandler =
      typeof target === 'function'
        ? (target as FetchHandler)
        : (request) => (target as { fetch: FetchHandler }).fetch(request);
    return async (probe) => {
      const response = await handler(
        new Request(url, { method: probe.method, headers: probeHeaders(probe) }),
      );
      await response.body?.cancel().catch(() => {});
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      return { status: response.status, headers } satisfies ObservedResponse;
    };
  }
  if (resolved === 'inject') {
    const injectable = target as InjectTarget;
    return async (probe) => {
      const res = await injectable.inject({
        method: probe.method,
        url: path,
        headers: { host: u.host, ...probeHeaders(probe) },
      });
      return { status: res.statusCode, headers: toHeaderList(res.headers) };
    };
  }
  let listener: RequestListener;
  if (isServer(target)) {
    const [first] = target.listeners('request');
    if (first === undefined) {
      throw new CorsguardError(
        'USAGE',
        'the http.Server has no request listener; pass the server created with http.createServer(handler), or the handler itself',
      );
    }
    listener = first as RequestListener;
  } else listener = target as RequestListener;
  return async (probe) => {
    const { default: inject } = await import('light-my-request');
    const res = await inject(listener, {
      // Typed as the standard methods only; at run time any method token is passed through.
      method: probe.method as NonNullable<InjectOptions['method']>,
      url: path,
      headers: { host: u.host, ...probeHeaders(probe) },
    });
    return { status: res.statusCode, headers: toHeaderList(res.headers) };
  };
}

function detect(target: CorsTarget): TargetKind {
  if (typeof target === 'function') return target.length >= 2 ? 'node' : 'fetch';
  if (isServer(target)) return 'node';
  if (typeof target === 'object' && target !== null) {
    if (typeof (target as InjectTarget).inject === 'function') return 'inject';
    if (typeof (target as { fetch?: unknown }).fetch === 'function') return 'fetch';
  }
  throw new CorsguardError(
    'USAGE',
    'cannot test this target: pass a Fetch handler (Request) => Response, a Node request listener, an Express app, an http.Server or a Fastify instance',
  );
}
