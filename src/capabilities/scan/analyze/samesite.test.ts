import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from '../scan-target.js';

// samesite-none-cookie says whether SameSite=Lax would serve the trusted front ends seen. SameSite is
// schemeful and site-based (RFC 6265bis §5.2): a subdomain of the API's site gets a Lax cookie on its
// credentialed requests, a front end on another site gets it only with SameSite=None.
describe('samesite-none-cookie precision', () => {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const trusted =
      path === '/cross-site-front-end' ? 'http://app.partner-portal.example' : 'http://app.victim.test';
    const origin = req.headers.origin;
    res.setHeader('set-cookie', 'session=abc; Path=/; Secure; HttpOnly; SameSite=None');
    res.setHeader('vary', 'Origin');
    if (origin === trusted) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
    }
    res.writeHead(200).end('{}');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });
  const scan = (path: string, trustedOrigins: string[]) =>
    scanTarget(`http://api.victim.test:${port}${path}`, {
      resolve: [`api.victim.test:${port}:127.0.0.1`],
      trustedOrigins,
      timeoutMs: 5000,
    });

  it('same-site front end: low, and says SameSite=Lax would serve it', async () => {
    const result = await scan('/same-site-front-end', ['http://app.victim.test']);
    const f = result.findings.find((x) => x.id === 'samesite-none-cookie');
    expect(f?.severity).toBe('low');
    expect(f?.explanation).toContain('is same-site with the endpoint, so SameSite=Lax would still serve it');
  });

  it('cross-site front end: SameSite=None is required, so informational with what still matters', async () => {
    const result = await scan('/cross-site-front-end', ['http://app.partner-portal.example']);
    const f = result.findings.find((x) => x.id === 'samesite-none-cookie');
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain(
      'SameSite=None is needed here: the trusted front end http://app.partner-portal.example is cross-site',
    );
  });
});
