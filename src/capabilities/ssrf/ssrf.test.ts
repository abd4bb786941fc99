import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from '../scan/index.js';
import { createTargetGate, forbiddenReason, type Lookup, type TargetGateOptions } from './index.js';
import { forbiddenSpellings, hostileLookup as lookup } from './test-support/battery.js';

// A canary on loopback counts every connection: a gate that lets one spelling through would reach it,
// because every URL below is "scanned" through the gate (checked, then scanned with the pinned address).
let canary: NetServer;
let port: number;
let connections = 0;
let publicServer: Server;
let publicHits = 0;

const listen = (s: NetServer | Server, host: string, p = 0) =>
  new Promise<number>((resolve, reject) => {
    s.once('error', reject);
    s.listen(p, host, () => resolve((s.address() as AddressInfo).port));
  });

beforeAll(async () => {
  // "Public" server on 127.0.0.2 (allowed by a CIDR in the rebinding test), canary on 127.0.0.1, same port.
  publicServer = createHttpServer((_req, res) => {
    publicHits++;
    res.end('ok');
  });
  port = await listen(publicServer, '127.0.0.2');
  canary = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await listen(canary, '127.0.0.1', port);
});
afterAll(async () => {
  await new Promise((r) => canary.close(r));
  publicServer.closeAllConnections();
  await new Promise((r) => publicServer.close(r));
});

async function gatedScan(url: string, options: TargetGateOptions) {
  const gate = await createTargetGate({ lookup, ports: [port, 80, 443], ...options }).check(url);
  if (gate.ok) await scanTarget(gate.url, { resolve: gate.pin ? [gate.pin] : [], timeoutMs: 2_000 });
  return gate;
}

describe('the SSRF gate of a public scanner', () => {
  it(`refuses ${forbiddenSpellings(0).length} spellings of loopback, private, metadata and reserved targets, and the canary sees no connection`, async () => {
    for (const url of forbiddenSpellings(port)) {
      const gate = await gatedScan(url, {});
      expect(gate, url).toMatchObject({ ok: false, code: 'TARGET_FORBIDDEN' });
    }
    expect(connections).toBe(0);
  });

  it.each([
    ['file:///etc/passwd', 'INVALID_URL', /file: URLs cannot be scanned/],
    ['gopher://example.com/', 'INVALID_URL', /gopher:/],
    ['http://user:secret@example.com/', 'INVALID_URL', /user name or password/],
    ['not a url', 'INVALID_URL', /is not a URL/],
    ['https://example.com:22/', 'TARGET_FORBIDDEN', /port 22 is not scanned/],
    ['http://nowhere.attacker.test/', 'TARGET_FORBIDDEN', /does not resolve/],
  ])('refuses %s with %s and says why', async (url, code, message) => {
    const gate = await gatedScan(url, {});
    expect(gate).toMatchObject({ ok: false, code });
    expect(gate.ok ? '' : gate.message).toMatch(message);
  });

  it('a DNS answer that changes between check and connect cannot switch the target: the checked address is pinned', async () => {
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? '127.0.0.2' : '127.0.0.1' }];
    const gate = await createTargetGate({
      lookup: rebinding,
      ports: [port],
      allowCidrs: ['127.0.0.2/32'],
    }).check(`http://rebind.attacker.test:${port}/`);
    expect(gate).toMatchObject({
      ok: true,
      address: '127.0.0.2',
      pin: `rebind.attacker.test:${port}:127.0.0.2`,
    });
    if (!gate.ok || gate.pin === null) throw new Error('not allowed');
    const result = await scanTarget(gate.url, { resolve: [gate.pin], timeoutMs: 2_000 });
    expect(result.requests).toBeGreaterThan(0);
    expect(publicHits).toBe(result.requests);
    expect(connections).toBe(0);
  });

  it('dangerouslyAllowPrivate lets the lab through but still checks scheme, port and credentials', async () => {
    const gate = createTargetGate({ dangerouslyAllowPrivate: true, ports: [port] });
    expect(await gate.check(`http://127.0.0.1:${port}/`)).toMatchObject({ ok: true, pin: null });
    expect(await gate.check('http://127.0.0.1:22/')).toMatchObject({ ok: false, code: 'TARGET_FORBIDDEN' });
    expect(await gate.check('file:///etc/passwd')).toMatchObject({ ok: false, code: 'INVALID_URL' });
  });

  it('bad options are refused when the gate is built, all problems at once', () => {
    expect(() => createTargetGate({ ports: [0, 70000], allowCidrs: ['10.0.0.0/33', 'nonsense'] })).toThrow(
      /port 0 is not 1-65535; port 70000 is not 1-65535; allowCidrs "10.0.0.0\/33" .*; allowCidrs "nonsense"/,
    );
  });

  it.each([
    ['93.184.216.34', null],
    ['2606:2800:220:1:248:1893:25c8:1946', null],
    ['8.8.8.8', null],
    ['::ffff:8.8.8.8', null],
    ['169.254.169.254', /link-local/],
    ['::ffff:10.1.2.3', /private network/],
    ['fd00:ec2::254', /unique-local/],
  ])('forbiddenReason(%s)', (address, reason) => {
    const why = forbiddenReason(address);
    if (reason === null) expect(why).toBeNull();
    else expect(why).toMatch(reason);
  });
});
