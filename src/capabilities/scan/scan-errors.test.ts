import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../lab/index.js';
import { labTlsCredentials, startLab } from '../lab/index.js';
import { scanMany } from './scan-many.js';
import { type ScanOptions, scanTarget } from './scan-target.js';
import type { TargetResult } from './types.js';

// Every server here listens on loopback, port 0, and is closed (connections included) in afterAll.
const servers: Array<NetServer | Server> = [];
const sockets = new Set<Socket>();

async function listen<S extends NetServer | Server>(server: S): Promise<number> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A TCP server that answers each HTTP request head it reads with `respond(head)` (raw bytes, no checks). */
async function rawHttp(respond: (head: string, socket: Socket) => void): Promise<string> {
  const server = createNetServer((socket) => {
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let i = buffer.indexOf('\r\n\r\n'); i !== -1; i = buffer.indexOf('\r\n\r\n')) {
        const head = buffer.slice(0, i);
        buffer = buffer.slice(i + 4);
        respond(head, socket);
      }
    });
  });
  return `http://127.0.0.1:${await listen(server)}/`;
}

/** A TCP server that runs `onConnection` and never parses anything. */
async function rawTcp(onConnection: (socket: Socket) => void): Promise<number> {
  return listen(createNetServer(onConnection));
}

const originOf = (head: string): string | undefined => /\r\norigin: *([^\r\n]*)/i.exec(head)?.[1];

const scan = (url: string, options: ScanOptions = {}): Promise<TargetResult> =>
  scanTarget(url, { timeoutMs: 5_000, ...options });

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(
    servers.map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))),
  );
});

function expectError(result: TargetResult, code: string, hint: RegExp): void {
  expect(result.error, JSON.stringify(result)).toBeDefined();
  expect(result.error?.code).toBe(code);
  expect(result.error?.message).toMatch(hint);
  expect(result.findings).toEqual([]);
}

describe('a target that cannot be scanned gets error.code and a message that says what to do', () => {
  it('an unparsable URL becomes INVALID_URL without any request', async () => {
    const r = await scan('not a url');
    expectError(r, 'INVALID_URL', /"not a url" is not a URL; write it like https:\/\//);
    expect(r.requests).toBe(0);
    expect(r.url).toBe('not a url');
  });

  it('an ftp:// URL becomes UNSUPPORTED_SCHEME', async () => {
    const r = await scan('ftp://files.example/pub');
    expectError(r, 'UNSUPPORTED_SCHEME', /use http, https, ws or wss/);
    expect(r.requests).toBe(0);
  });

  it('a host that does not resolve (.invalid) becomes DNS_FAILURE', async () => {
    const r = await scan('http://corsguard-test.invalid/');
    expectError(r, 'DNS_FAILURE', /does not resolve.*--resolve/);
    expect(r.error?.message).toContain('http://corsguard-test.invalid/');
  });

  it('a closed port becomes CONNECTION_REFUSED', async () => {
    const server = createNetServer();
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await scan(`http://127.0.0.1:${port}/`);
    expectError(r, 'CONNECTION_REFUSED', /nothing is listening there/);
  });

  it('https to a plain-HTTP server becomes TLS_ERROR', async () => {
    const port = await listen(createHttpServer((_req, res) => res.end('plain')));
    const r = await scan(`https://127.0.0.1:${port}/`);
    expectError(r, 'TLS_ERROR', /TLS handshake failed/);
  });

  describe('a self-signed certificate', () => {
    let url: string;
    beforeAll(async () => {
      const server = createHttpsServer(labTlsCredentials(), (req, res) => {
        const origin = req.headers.origin;
        if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
        res.end('{}');
      });
      url = `https://127.0.0.1:${await listen(server)}/`;
    });

    it('is a TLS_ERROR that suggests --insecure', async () => {
      expectError(await scan(url), 'TLS_ERROR', /--insecure/);
    });

    it('is scanned with insecure: true', async () => {
      const r = await scan(url, { insecure: true });
      expect(r.error).toBeUndefined();
      expect(r.findings.map((f) => f.id)).toContain('origin-reflected');
    });
  });

  it('a server that accepts and never answers becomes TIMEOUT', async () => {
    const port = await rawTcp(() => {});
    const r = await scan(`http://127.0.0.1:${port}/`, { timeoutMs: 300 });
    expectError(r, 'TIMEOUT', /no answer in time; raise --timeout/);
  });

  it('a non-HTTP service (SSH banner) becomes MALFORMED_RESPONSE', async () => {
    const port = await rawTcp((socket) => socket.write('SSH-2.0-OpenSSH\r\n'));
    const r = await scan(`http://127.0.0.1:${port}/`);
    expectError(r, 'MALFORMED_RESPONSE', /did not send valid HTTP/);
  });

  it('a response with an invalid header line becomes MALFORMED_RESPONSE', async () => {
    const url = await rawHttp((_head, s) =>
      s.write('HTTP/1.1 200 OK\r\nthis is not a header\r\nContent-Length: 0\r\n\r\n'),
    );
    expectError(await scan(url), 'MALFORMED_RESPONSE', /did not send valid HTTP/);
  });

  it('duplicated conflicting Content-Length headers become MALFORMED_RESPONSE', async () => {
    const url = await rawHttp((_head, s) =>
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nok'),
    );
    expectError(await scan(url), 'MALFORMED_RESPONSE', /duplicated framing headers/);
  });

  it('a 200 KB response header becomes HEADERS_TOO_LARGE, and memory stays bounded', async () => {
    const big = 'a'.repeat(200 * 1024);
    const url = await rawHttp((_head, s) =>
      s.write(`HTTP/1.1 200 OK\r\nX-Big: ${big}\r\nContent-Length: 0\r\n\r\n`),
    );
    const before = process.memoryUsage().heapUsed;
    const r = await scan(url);
    expectError(r, 'HEADERS_TOO_LARGE', /64 KiB/);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(JSON.stringify(r).length).toBeLessThan(10_000);
  });

  it('an endless body does not stop the scan: bodies are discarded and a result arrives without error', async () => {
    const url = await rawHttp((head, socket) => {
      const origin = originOf(head);
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n${origin ? `Access-Control-Allow-Origin: ${origin}\r\n` : ''}\r\n`,
      );
      const chunk = 'x'.repeat(16 * 1024);
      let left = 4096; // at most 64 MB per response, then give up
      const pump = (): void => {
        while (left > 0 && !socket.destroyed) {
          left--;
          if (!socket.write(chunk)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
    const r = await scan(url);
    expect(r.error).toBeUndefined();
    expect(r.findings.map((f) => f.id)).toContain('origin-reflected');
    expect(r.requests).toBeGreaterThan(0);
  });
});

describe('responses that are odd but valid HTTP are findings, not errors', () => {
  it('duplicated Access-Control-Allow-Origin headers are reported as invalid-cors-headers', async () => {
    const url = await rawHttp((head, s) => {
      const origin = originOf(head) ?? 'https://x.invalid';
      s.write(
        `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: ${origin}\r\nAccess-Control-Allow-Origin: ${origin}\r\nVary: Origin\r\nContent-Length: 0\r\n\r\n`,
      );
    });
    const r = await scan(url);
    expect(r.error).toBeUndefined();
    const finding = r.findings.find((f) => f.id === 'invalid-cors-headers');
    expect(finding).toBeDefined();
    expect(finding?.explanation).toMatch(/several Access-Control-Allow-Origin values/);
  });
});

describe('secrets never appear in results', () => {
  let url: string;
  beforeAll(async () => {
    const server = createHttpServer((req, res) => {
      const origin = req.headers.origin;
      if (origin) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
        res.setHeader('Vary', 'Origin');
      }
      res.setHeader('Set-Cookie', 'session=SETCOOKIE789; Path=/; Secure; HttpOnly; SameSite=None');
      res.end('{}');
    });
    url = `http://127.0.0.1:${await listen(server)}/me`;
  });

  it('the Cookie and Authorization sent, and the Set-Cookie value received, are redacted in the evidence', async () => {
    const r = await scan(url, {
      cookie: 'session=SECRET123',
      headers: { authorization: 'Bearer SECRET456' },
    });
    expect(r.error).toBeUndefined();
    expect(r.findings.map((f) => f.id)).toContain('origin-reflected');
    expect(r.findings.map((f) => f.id)).toContain('samesite-none-cookie');
    const json = JSON.stringify(r);
    expect(json).not.toContain('SECRET123');
    expect(json).not.toContain('SECRET456');
    expect(json).not.toContain('SETCOOKIE789');
    const evidence = r.findings.flatMap((f) => f.evidence);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence) {
      expect(e.request.headers.cookie).toBe('[redacted]');
      expect(e.request.headers.authorization).toBe('[redacted]');
    }
    const setCookies = evidence.flatMap((e) => e.response.headers.filter(([n]) => n === 'set-cookie'));
    expect(setCookies.length).toBeGreaterThan(0);
    for (const [, value] of setCookies)
      expect(value).toMatch(/^session=\[redacted\]; Path=\/; Secure; HttpOnly; SameSite=None$/);
  });
});

describe('scanMany: one failing target does not stop the others', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab.close();
  });

  it('a scan of N targets where 3 fail reports N-3 results and 3 errors, one result per input, in input order', async () => {
    const closed = createNetServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const good = ['/reflect', '/prefix', '/suffix', '/null', '/ws'].map((path) => {
      const target = lab.targets.find((t) => t.endpoint.path === path);
      if (!target) throw new Error(`no lab target ${path}`);
      return target.url;
    });
    const failing = ['not a url', 'ftp://files.example/', `http://127.0.0.1:${closedPort}/`];
    const inputs = [
      good[0],
      failing[0],
      good[1],
      good[2],
      failing[1],
      good[3],
      failing[2],
      good[4],
    ] as string[];

    const results: TargetResult[] = [];
    for await (const r of scanMany(inputs, { resolve: lab.resolve, insecure: true, timeoutMs: 5_000 })) {
      results.push(r);
    }

    expect(results.map((r) => r.url)).toEqual(inputs);
    const errors = results.filter((r) => r.error !== undefined);
    const ok = results.filter((r) => r.error === undefined);
    expect(errors.map((r) => [r.url, r.error?.code])).toEqual([
      ['not a url', 'INVALID_URL'],
      ['ftp://files.example/', 'UNSUPPORTED_SCHEME'],
      [`http://127.0.0.1:${closedPort}/`, 'CONNECTION_REFUSED'],
    ]);
    expect(ok).toHaveLength(inputs.length - 3);
    for (const r of ok) expect(r.findings.length, r.url).toBeGreaterThan(0);
  });
});
