import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import { TLS_CERT } from './harness.js';

/** A `net.connect` lookup sending every host to loopback: the curl `--resolve` of the raw checks. */
const loopbackLookup: LookupFunction = (_host, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

const ca = readFileSync(TLS_CERT);
const agent = new Agent({ connect: { ca, lookup: loopbackLookup } });

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

/** Whether a WebSocket handshake to `url` (http(s) → ws(s)) from `origin` is accepted (loopback only). */
export function webSocketAccepted(url: string, origin: string): Promise<boolean> {
  const wsUrl = url.replace(/^http/, 'ws');
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, {
      origin,
      lookup: loopbackLookup,
      ca,
      handshakeTimeout: 5_000,
    });
    ws.once('open', () => {
      ws.close();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });
}
