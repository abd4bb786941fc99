// HTTP/2 where the server offers it: requests multiplexed on a connection, bounded by http2Streams.
import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labTlsCredentials, startLab } from '../../lab/index.js';
import { scanMany } from '../scan-many.js';
import { Engine } from './http-client.js';

/** A server that answers each request after 30 ms and records its HTTP version and the peak in flight. */
function slowServer(http2: boolean) {
  const seen = { versions: new Set<string>(), inFlight: 0, peak: 0, connections: 0 };
  const handler = (req: { httpVersion: string }, res: { end: (body: string) => void }) => {
    seen.versions.add(req.httpVersion);
    seen.inFlight++;
    seen.peak = Math.max(seen.peak, seen.inFlight);
    setTimeout(() => {
      seen.inFlight--;
      res.end('{}');
    }, 30);
  };
  const server = http2
    ? createSecureServer(
        { ...labTlsCredentials(), allowHTTP1: true },
        (req: Http2ServerRequest, res: Http2ServerResponse) => handler(req, res),
      )
    : createServer(labTlsCredentials(), handler);
  server.on('secureConnection', () => seen.connections++);
  return { server, seen };
}

describe('HTTP/2 (ALPN h2)', () => {
  const servers = [slowServer(true), slowServer(false)];
  beforeAll(async () => {
    for (const { server } of servers) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const { server } of servers) await new Promise((r) => server.close(r));
  });

  /** An engine of one slot per host (8 streams on HTTP/2) to server `index`, and its URL. */
  const engineFor = (index: number) => {
    const { server } = servers[index] as (typeof servers)[number];
    const port = (server.address() as AddressInfo).port;
    const engine = new Engine({
      resolve: [`api.victim.test:${port}:127.0.0.1`],
      insecure: true,
      perHost: 1,
      http2Streams: 8,
    });
    return { engine, url: `https://api.victim.test:${port}/` };
  };

  const burst = async (index: number) => {
    const { seen } = servers[index] as (typeof servers)[number];
    const { engine, url } = engineFor(index);
    await Promise.all(Array.from({ length: 20 }, () => engine.request({ method: 'GET', url, headers: {} })));
    await engine.close();
    return seen;
  };

  it('a server offering h2 gets its requests multiplexed, at most http2Streams at once', async () => {
    const seen = await burst(0);
    expect([...seen.versions]).toContain('2.0');
    expect(seen.peak).toBeGreaterThan(1);
    expect(seen.peak).toBeLessThanOrEqual(8);
  });

  it('a preflight (OPTIONS) joins the streams in flight instead of waiting for them to finish', async () => {
    // undici holds a method it does not take for idempotent until the connection is idle: each of a
    // scan's preflights would cost a round trip of its own.
    const { seen } = servers[0] as (typeof servers)[number];
    const { engine, url } = engineFor(0);
    await engine.request({ method: 'GET', url, headers: {} }); // connected, h2 negotiated
    seen.peak = 0;
    const gets = Array.from({ length: 4 }, () => engine.request({ method: 'GET', url, headers: {} }));
    await new Promise((r) => setTimeout(r, 5));
    const preflights = Array.from({ length: 4 }, () =>
      engine.request({ method: 'OPTIONS', url, headers: {} }),
    );
    await Promise.all([...gets, ...preflights]);
    await engine.close();
    expect(seen.peak).toBe(8);
  });

  it('an HTTP/1.1-only server still gets at most --per-host requests at once', async () => {
    const seen = await burst(1);
    expect([...seen.versions]).toEqual(['1.1']);
    expect(seen.peak).toBe(1);
  });

  it('the lab over HTTP/2 gives the same findings as over HTTP/1.1', async () => {
    const labs = [await startLab({ http2: true }), await startLab()];
    try {
      const findings = await Promise.all(
        labs.map(async (lab) => {
          const out: string[] = [];
          for await (const r of scanMany(
            lab.targets.map((t) => t.url),
            { resolve: lab.resolve, insecure: true },
          )) {
            expect(r.error, r.url).toBeUndefined();
            out.push(
              `${new URL(r.url).pathname} ${r.findings
                .map((f) => f.id)
                .sort()
                .join(',')}`,
            );
          }
          return out;
        }),
      );
      expect(findings[0]).toEqual(findings[1]);
    } finally {
      await Promise.all(labs.map((l) => l.close()));
    }
  });

  it('a hostile HTTP/2 server sending a 100 KB head gets HEADERS_TOO_LARGE, as over HTTP/1.1', async () => {
    const server = createSecureServer(
      { ...labTlsCredentials(), maxSendHeaderBlockLength: 1 << 20 },
      (_req, res) => {
        const big: Record<string, string> = {};
        for (let i = 0; i < 100; i++) big[`x-big-${i}`] = 'a'.repeat(1000);
        res.stream.respond({ ':status': 200, ...big });
        res.stream.end();
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const engine = new Engine({ resolve: [`api.victim.test:${port}:127.0.0.1`], insecure: true });
    try {
      await expect(
        engine.request({ method: 'GET', url: `https://api.victim.test:${port}/`, headers: {} }),
      ).rejects.toMatchObject({ code: 'HEADERS_TOO_LARGE', message: expect.stringMatching(/64 KiB/) });
    } finally {
      await engine.close();
      await new Promise((r) => server.close(r));
    }
  });
});
