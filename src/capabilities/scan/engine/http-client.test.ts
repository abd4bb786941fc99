import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './http-client.js';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('Engine', () => {
  let inFlight = 0;
  let peak = 0;
  let lastHost = '';
  const app = createServer((req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    lastHost = req.headers.host ?? '';
    setImmediate(() => {
      inFlight--;
      res.writeHead(200, { 'access-control-allow-origin': req.headers.origin ?? '' }).end('{}');
    });
  });
  let port = 0;
  // A CONNECT proxy that records where it was asked to go and sends everything to the app on loopback.
  const tunnels: string[] = [];
  const proxy = createServer();
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  let proxyPort = 0;

  beforeAll(async () => {
    port = await listen(app);
    proxyPort = await listen(proxy);
  });
  afterAll(async () => {
    await new Promise((r) => proxy.close(r));
    await new Promise((r) => app.close(r));
  });

  it('never has more than --per-host requests in flight to one host', async () => {
    peak = 0;
    const engine = new Engine({ perHost: 2, concurrency: 50 });
    const url = `http://127.0.0.1:${port}/`;
    await Promise.all(Array.from({ length: 20 }, () => engine.request({ method: 'GET', url, headers: {} })));
    await engine.close();
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThan(0);
  });

  it('connects to the --resolve address while keeping the URL host in the Host header', async () => {
    const engine = new Engine({ resolve: [`api.victim.test:${port}:127.0.0.1`] });
    const ex = await engine.request({
      method: 'GET',
      url: `http://api.victim.test:${port}/x`,
      headers: { origin: 'https://a.invalid' },
    });
    await engine.close();
    expect(ex.status).toBe(200);
    expect(lastHost).toBe(`api.victim.test:${port}`);
  });

  it('sends requests through --proxy', async () => {
    tunnels.length = 0;
    const engine = new Engine({ proxy: `http://127.0.0.1:${proxyPort}` });
    const ex = await engine.request({
      method: 'GET',
      url: `http://api.victim.test:${port}/`,
      headers: { origin: 'https://b.invalid' },
    });
    await engine.close();
    expect(ex.status).toBe(200);
    expect(tunnels).toEqual([`api.victim.test:${port}`]);
  });

  it('sends -H headers and the cookie with every request, but lets the probe set Origin', async () => {
    const engine = new Engine({ headers: { 'X-Api-Key': 'k' }, cookie: 'session=s' });
    const ex = await engine.request({
      method: 'GET',
      url: `http://127.0.0.1:${port}/`,
      headers: { origin: 'https://c.invalid' },
    });
    await engine.close();
    expect(ex.request.headers).toMatchObject({
      'x-api-key': 'k',
      cookie: 'session=s',
      origin: 'https://c.invalid',
    });
  });

  it('rejects a malformed --resolve entry with a usage error that shows the expected form', () => {
    expect(() => new Engine({ resolve: ['api.victim.test:443'] })).toThrow(/host:port:address/);
  });
});
