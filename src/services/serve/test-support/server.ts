import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument, type RunningServer, type ServeOptions, startServer } from '../index.js';

/** A server for tests: port 0, the in-memory store, no cooldown, unless `options` say otherwise. */
export async function testServer(options: ServeOptions = {}): Promise<RunningServer & Client> {
  const server = await startServer({
    port: 0,
    dataDir: null,
    cooldownMs: 0,
    requestsPerSecond: 0,
    version: 'test',
    ...options,
  });
  return Object.assign(server, client(server.url));
}

/** JSON calls to a running server. */
export interface Client {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, headers?: Record<string, string>): Promise<Answer>;
  /** Polls `GET /api/scans/:id` until the scan ended (at most `ms`). */
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  waitEnded(id: string, ms?: number): Promise<any>;
}

/** A response: status, headers and the body parsed as JSON when it is JSON. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  readonly json: any;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, headers: res.headers, text, json };
}

/** A {@link Client} of the server at `base`. */
export function client(base: string): Client {
  const c: Client = {
    post: async (path, body, headers = {}) =>
      answer(
        await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
          redirect: 'manual',
        }),
      ),
    get: async (path, headers = {}) => answer(await fetch(`${base}${path}`, { headers, redirect: 'manual' })),
    async waitEnded(id, ms = 30_000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        const { json } = await c.get(`/api/scans/${id}`);
        if (json.status === 'done' || json.status === 'failed') return json;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`scan ${id} did not end within ${ms} ms`);
    },
  };
  return c;
}

/** A plain HTTP server on a loopback address, answering with `handler` and counting requests. */
export interface Target {
  readonly url: string;
  readonly port: number;
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

/**
 * Starts a target on `host` (e.g. 127.0.0.3, allowed by the server's `allowCidrs`).
 *
 * @example
 * ```ts
 * const t = await target('127.0.0.3', (req, res) => res.end('ok'));
 * ```
 */
export async function target(
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port = 0,
): Promise<Target> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const p = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${p}`,
    port: p,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(openApiDocument('test'), 'openapi');

/**
 * Validates a value against a schema of the served OpenAPI document (`Scan`, `ScanCreated`, `Error`, …);
 * returns the errors, empty when valid.
 */
export function openApiErrors(schema: string, value: unknown): string[] {
  const v = ajv.getSchema(`openapi#/components/schemas/${schema}`) as ValidateFunction;
  return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
