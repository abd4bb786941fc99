import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { TLS_CERT } from './harness.js';

// Resolves every host to loopback (the curl --resolve of the raw checks) and trusts the corpus certificate.
const agent = new Agent({
  connect: {
    ca: readFileSync(TLS_CERT),
    lookup: (_host, options, callback) => {
      if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    },
  },
});

export interface RawAnswer {
  readonly status: number;
  header(name: string): string | null;
}

/** One raw request to a corpus endpoint; repeated response headers are joined with ", ". */
export async function rawRequest(
  url: string,
  origin: string,
  preflight?: { readonly method: string; readonly headers?: string },
): Promise<RawAnswer> {
  const headers: Record<string, string> = { origin };
  if (preflight !== undefined) {
    headers['access-control-request-method'] = preflight.method;
    if (preflight.headers !== undefined) headers['access-control-request-headers'] = preflight.headers;
  }
  const res = await request(url, {
    method: preflight === undefined ? 'GET' : 'OPTIONS',
    headers,
    dispatcher: agent,
  });
  await res.body.dump();
  return {
    status: res.statusCode,
    header(name) {
      const value = res.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

export function closeRawClient(): Promise<void> {
  return agent.close();
}
