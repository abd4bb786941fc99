import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from './scan-target.js';

// A server that tries to make the scanner do unbounded work or leak what it was given.
describe('scanning a hostile server', () => {
  const tenThousandOrigins = Array.from({ length: 10_000 }, (_, i) => `https://o${i}.example`).join(', ');
  const server: Server = createServer((req, res) => {
    if (req.url === '/many-origins') {
      res.writeHead(200, { 'access-control-allow-origin': tenThousandOrigins.slice(0, 60_000) }).end();
    } else {
      res
        .writeHead(200, {
          'access-control-allow-origin': req.headers.origin ?? '*',
          'access-control-allow-credentials': 'true',
        })
        .end();
    }
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('does not turn an ACAO listing 10,000 origins into 10,000 requests', async () => {
    const result = await scanTarget(`${base}/many-origins`);
    expect(result.error).toBeUndefined();
    expect(result.requests).toBeLessThan(120);
    expect(result.findings.map((f) => f.id)).toContain('invalid-cors-headers');
  });

  it('keeps every -H value and the cookie out of the report', async () => {
    const result = await scanTarget(`${base}/reflect`, {
      headers: { 'X-Session-Token': 'TOPSECRET-H', authorization: 'Bearer TOPSECRET-A' },
      cookie: 'sid=TOPSECRET-C',
    });
    expect(result.findings.map((f) => f.id)).toContain('origin-reflected');
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/TOPSECRET/);
    expect(json).toContain('[redacted]');
  });
});
