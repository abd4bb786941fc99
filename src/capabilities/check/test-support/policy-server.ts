import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CorsRequest,
  createDecider,
  createPolicy,
  type Policy,
  type PolicyInput,
} from '../../../core/policy/index.js';

/** Edits the CORS headers a server sends (drift): gets and returns [name, value] pairs. */
export type Tweak = (headers: [string, string][], request: CorsRequest) => [string, string][];

/**
 * A Node request listener that answers CORS exactly as `policyFor(path)` says (the middleware's decision,
 * by `createDecider`), optionally drifted by `tweak`.
 */
export function policyListener(
  policyFor: (path: string) => Policy,
  tweak: Tweak = (h) => h,
): (req: IncomingMessage, res: ServerResponse) => void {
  const deciders = new Map<Policy, ReturnType<typeof createDecider>>();
  return (req, res) => {
    const policy = policyFor(new URL(req.url ?? '/', 'http://x').pathname);
    let decide = deciders.get(policy);
    if (!decide) {
      decide = createDecider(policy);
      deciders.set(policy, decide);
    }
    const header = (name: string) => {
      const v = req.headers[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
    };
    const request: CorsRequest = {
      method: req.method ?? 'GET',
      origin: header('origin'),
      requestMethod: header('access-control-request-method'),
      requestHeaders: header('access-control-request-headers'),
      requestPrivateNetwork: header('access-control-request-private-network'),
    };
    const d = decide(request);
    const headers: [string, string][] = d.headers.map(([n, v]) => [n, v]);
    if (d.vary !== null) headers.push(['Vary', d.vary]);
    const status = d.kind === 'preflight' ? (d.allowed ? 204 : 403) : 200;
    res.writeHead(status, [...tweak(headers, request), ['Content-Type', 'application/json']].flat());
    res.end(d.kind === 'preflight' ? undefined : '{"ok":true}');
  };
}

/** A loopback server built with {@link policyListener}; `url(path)` gives its URLs. */
export async function startPolicyServer(
  policyFor: PolicyInput | ((path: string) => Policy),
  tweak?: Tweak,
): Promise<{ url: (path: string) => string; port: number; close: () => Promise<void> }> {
  const fixed = typeof policyFor === 'function' ? undefined : createPolicy(policyFor);
  const server = createServer(
    policyListener(fixed ? () => fixed : (policyFor as (p: string) => Policy), tweak),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
