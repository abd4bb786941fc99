import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { labTlsCredentials } from '../tls.js';

/** Resolves every host name to 127.0.0.1, like curl's --resolve for the lab. */
export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/**
 * An undici Agent that reaches `api.victim.test` on loopback and trusts the lab certificate.
 *
 * @example
 * ```ts
 * const agent = labAgent();
 * await request('https://api.victim.test:40002/safe', { dispatcher: agent });
 * ```
 */
export function labAgent(): Agent {
  return new Agent({ connect: { lookup: loopbackLookup, ca: labTlsCredentials().cert } });
}

/** A response reduced to what the tests look at. */
export interface LabResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/**
 * Sends one request to the lab and reads the whole body.
 *
 * @example
 * ```ts
 * const res = await send(agent, url, { origin: 'https://evil.example' });
 * ```
 */
export async function send(
  agent: Agent,
  url: string,
  init: { method?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<LabResponse> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.origin !== undefined) headers.origin = init.origin;
  const res = await request(url, {
    dispatcher: agent,
    method: (init.method ?? 'GET') as 'GET',
    headers,
    headersTimeout: 5000,
    bodyTimeout: 5000,
  });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

/**
 * Sends a CORS preflight (OPTIONS with Origin and Access-Control-Request-Method).
 *
 * @example
 * ```ts
 * const res = await preflight(agent, url, 'https://app.victim.test', { 'access-control-request-headers': 'x-a' });
 * ```
 */
export function preflight(
  agent: Agent,
  url: string,
  origin: string,
  extra: Record<string, string> = {},
): Promise<LabResponse> {
  return send(agent, url, {
    method: 'OPTIONS',
    origin,
    headers: { 'access-control-request-method': 'PUT', ...extra },
  });
}
