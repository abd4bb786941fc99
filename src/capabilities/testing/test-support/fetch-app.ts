import { createDecider, createPolicy, type PolicyInput } from '../../../core/policy/index.js';
import type { Tweak } from '../../check/test-support/policy-server.js';

/** A Fetch handler that answers CORS exactly as `input` says (the middleware's decision), drifted by `tweak`. */
export function fetchAppFor(input: PolicyInput, tweak: Tweak = (h) => h): (request: Request) => Response {
  const decide = createDecider(createPolicy(input));
  return (request) => {
    const cors = {
      method: request.method,
      origin: request.headers.get('origin'),
      requestMethod: request.headers.get('access-control-request-method'),
      requestHeaders: request.headers.get('access-control-request-headers'),
      requestPrivateNetwork: request.headers.get('access-control-request-private-network'),
    };
    const d = decide(cors);
    const headers: [string, string][] = d.headers.map(([n, v]) => [n, v]);
    if (d.vary !== null) headers.push(['Vary', d.vary]);
    if (d.kind === 'preflight')
      return new Response(null, { status: d.allowed ? 204 : 403, headers: tweak(headers, cors) });
    return Response.json({ ok: true }, { headers: tweak(headers, cors) });
  };
}
