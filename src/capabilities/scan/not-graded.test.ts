import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeTarget } from '../grade/index.js';
import { scanTarget } from './scan-target.js';

// A result never claims more than was observed: a target that never showed corsguard the resource
// (redirects, rate limits, outages) is not graded, says why and what to do, and never gets "A+ … not
// readable cross-origin". Each server is a loopback stand-in for what real endpoints answer.
describe('results that were not earned are not graded', () => {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/to-self') res.writeHead(302, { location: req.url }).end();
    else if (path === '/to-internal') res.writeHead(302, { location: 'http://10.0.0.5/admin' }).end();
    else if (path === '/to-file') res.writeHead(301, { location: 'file:///etc/passwd' }).end();
    else if (path === '/rate-limited') res.writeHead(429, { 'retry-after': '120' }).end();
    else if (path === '/unavailable') res.writeHead(503).end();
    else if (path === '/limited-after-5') {
      hits++;
      if (hits > 5) res.writeHead(429, { 'retry-after': '30' }).end();
      else res.writeHead(200).end('{}');
    } else if (path === '/front-end-only') {
      // Trusts one front end on a host no scanner can guess.
      const ok = req.headers.origin === 'https://k8x2-frontend.example-cdn.net';
      res.writeHead(
        200,
        ok ? { 'access-control-allow-origin': req.headers.origin ?? '', vary: 'Origin' } : { vary: 'Origin' },
      );
      res.end('{}');
    } else res.writeHead(200).end('{}');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  for (const [path, code, fix] of [
    ['/to-self', 'REDIRECTED', /-L/],
    ['/to-internal', 'REDIRECTED', /-L/],
    ['/to-file', 'REDIRECTED', /redirects to/],
    ['/rate-limited', 'RATE_LIMITED', /later \(the server asks for 120\)/],
    ['/unavailable', 'UNAVAILABLE', /once the service is up/],
  ] as const) {
    it(`${path}: every probe answered ${code} → not graded, with the fix`, async () => {
      const result = await scanTarget(`${base}${path}`, { timeoutMs: 5000 });
      expect(result.error?.code).toBe(code);
      expect(result.error?.message).toMatch(/every one of the \d+ requests/);
      expect(result.error?.message).toMatch(/never saw the resource/);
      expect(result.error?.message).toMatch(fix);
      expect(gradeTarget(result)).toBeNull();
      expect(result.notes.join(' ')).not.toMatch(/not readable cross-origin/);
    });
  }

  it('a redirect to an internal address or file: is never followed, even to check it', async () => {
    const result = await scanTarget(`${base}/to-internal`, { timeoutMs: 5000 });
    expect(result.error?.message).toContain('http://10.0.0.5/admin');
    // The scan sent every request to the loopback server only (no follow without -L).
    expect(result.requests).toBeGreaterThan(1);
  });

  it('rate limited part-way through: the findings seen so far are kept, the result is not graded', async () => {
    hits = 0;
    const result = await scanTarget(`${base}/limited-after-5`, { timeoutMs: 5000 });
    expect(result.error?.code).toBe('RATE_LIMITED');
    expect(result.error?.message).toMatch(/\d+ of \d+ requests were answered 429/);
    expect(result.error?.message).toMatch(/incomplete/);
    expect(gradeTarget(result)).toBeNull();
  });

  it('an allowlist trusting only a front end corsguard cannot guess: graded, with an honest note', async () => {
    const result = await scanTarget(`${base}/front-end-only`, { timeoutMs: 5000 });
    expect(result.error).toBeUndefined();
    const note = result.notes.join(' ');
    expect(note).toMatch(/origins tried \(its own origin, common subdomains/);
    expect(note).toMatch(/may still be trusted; name it with --trusted-origin/);
    expect(note).not.toMatch(/the endpoint is not readable cross-origin/);
    const trusted = await scanTarget(`${base}/front-end-only`, {
      timeoutMs: 5000,
      trustedOrigins: ['https://k8x2-frontend.example-cdn.net'],
    });
    expect(trusted.notes.join(' ')).not.toMatch(/No Access-Control-Allow-Origin/);
  });
});
