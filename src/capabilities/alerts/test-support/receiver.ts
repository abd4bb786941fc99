import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link Receiver} got: headers and the raw body. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** How a receiver answers its n-th request (1-based). */
export type Responder = (
  n: number,
  req: Received,
) => {
  status: number;
  headers?: Record<string, string>;
  body?: string;
};

/** A loopback HTTP server recording every request. */
export interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  /** Changes the answers from now on. */
  answer(responder: Responder): void;
  close(): Promise<void>;
}

/**
 * Starts a receiver on 127.0.0.1 (a free port), answering 200 unless told otherwise.
 *
 * @example
 * ```ts
 * const rx = await startReceiver((n) => ({ status: n < 3 ? 503 : 200 }));
 * afterAll(() => rx.close());
 * ```
 */
export async function startReceiver(responder: Responder = () => ({ status: 200 })): Promise<Receiver> {
  let answer = responder;
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(got);
      const out = answer(requests.length, got);
      res.writeHead(out.status, out.headers ?? {});
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (r) => {
      answer = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
