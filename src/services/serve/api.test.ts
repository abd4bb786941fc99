import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetErrors } from '../../capabilities/scan/test-support/schema.js';
import type { RunningServer } from './index.js';
import { type Client, openApiErrors, testServer } from './test-support/server.js';

let server: RunningServer & Client;
const lab = (path: string) => server.lab?.targets.find((t) => t.endpoint.path === path)?.url ?? '';

beforeAll(async () => {
  server = await testServer({
    lab: true,
    scansPerClient: 1000,
    scansPerTargetHost: 1000,
    maxConcurrentScans: 4,
    requestsPerSecond: 0,
  });
});
afterAll(() => server?.close());

describe('the JSON API', () => {
  it('scans a URL: 202 with links, then the result is the per-target object of scan --format json', async () => {
    const created = await server.post('/api/scans', { url: lab('/reflect') });
    expect(created.status).toBe(202);
    expect(openApiErrors('ScanCreated', created.json)).toEqual([]);
    expect(created.json.links).toEqual({
      self: `/api/scans/${created.json.id}`,
      events: `/api/scans/${created.json.id}/events`,
      page: `/scans/${created.json.id}`,
      badge: `/badge/${created.json.id}.svg`,
    });
    expect(created.headers.get('location')).toBe(`/api/scans/${created.json.id}`);
    const scan = await server.waitEnded(created.json.id);
    expect(openApiErrors('Scan', scan)).toEqual([]);
    expect(scan).toMatchObject({ id: created.json.id, url: lab('/reflect'), status: 'done' });
    expect(targetErrors(scan.result)).toEqual([]);
    const result = scan.result as { grade: { letter: string }; findings: Array<{ id: string }> };
    expect(result.grade.letter).toBe('F');
    expect(result.findings.map((f) => f.id)).toEqual(['origin-reflected']);
  });

  it('every lab endpoint gets exactly the findings the lab expects (as the CLI scan does)', async () => {
    const targets = server.lab?.targets ?? [];
    const ids = await Promise.all(
      targets.map(async (t) => (await server.post('/api/scans', { url: t.url })).json.id as string),
    );
    for (const [i, t] of targets.entries()) {
      const scan = await server.waitEnded(ids[i] as string, 60_000);
      const found = (scan.result as { findings: Array<{ id: string }> }).findings.map((f) => f.id);
      expect([...new Set(found)].sort(), t.endpoint.path).toEqual([...t.endpoint.expect].sort());
    }
    expect(server.runner.peakRunning).toBeLessThanOrEqual(4);
  }, 90_000);

  it('streams the events of a scan: status, progress with the probes, then done, and the stream ends', async () => {
    const { json } = await server.post('/api/scans', { url: lab('/safe') });
    const res = await fetch(`${server.url}/api/scans/${json.id}/events`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text(); // ends when the scan ends
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((m) => ({
      type: m[1],
      data: JSON.parse(m[2] as string),
    }));
    for (const e of events) expect(openApiErrors('ScanEvent', e.data)).toEqual([]);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    expect(done?.data).toMatchObject({ type: 'done', grade: 'A+', findings: 0 });
    // Late subscribers get the recent backlog; the final event always comes from the store.
    const progress = events.filter((e) => e.type === 'progress');
    if (progress.length > 0) expect(progress[0]?.data.probe).toHaveProperty('method');
  });

  it('an ended scan streams just its final event', async () => {
    const { json } = await server.post('/api/scans', { url: lab('/wildcard') });
    await server.waitEnded(json.id);
    const text = await (await fetch(`${server.url}/api/scans/${json.id}/events`)).text();
    expect(text).toMatch(/^event: done\ndata: \{"type":"done","grade":"[A-F+]+","findings":\d+\}\n\n$/);
  });

  it('lists the history of a URL, newest first, in pages', async () => {
    const url = lab('/null');
    const a = (await server.post('/api/scans', { url })).json.id;
    await server.waitEnded(a);
    const b = (await server.post('/api/scans', { url, force: true })).json.id;
    await server.waitEnded(b);
    const first = await server.get(`/api/scans?url=${encodeURIComponent(url)}&limit=1`);
    expect(openApiErrors('ScanHistory', first.json)).toEqual([]);
    expect(first.json.scans.map((s: { id: string }) => s.id)).toEqual([b]);
    expect(first.json.scans[0]).toMatchObject({ grade: 'F', status: 'done' });
    const second = await server.get(
      `/api/scans?url=${encodeURIComponent(url.toUpperCase().replace('/NULL', '/null'))}&limit=1&cursor=${first.json.next}`,
    );
    expect(second.json.scans.map((s: { id: string }) => s.id)).toEqual([a]);
  });

  it('gives back a recent scan of the same URL (cooldown) unless forced', async () => {
    const cooled = await testServer({ lab: true, cooldownMs: 60_000 });
    try {
      const url = cooled.lab?.targets[0]?.url ?? '';
      const first = await cooled.post('/api/scans', { url });
      await cooled.waitEnded(first.json.id);
      const again = await cooled.post('/api/scans', { url });
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ id: first.json.id, status: 'done', reused: true });
      const other = await cooled.post('/api/scans', { url, trustedOrigins: ['https://app.victim.test'] });
      expect(other.status).toBe(202);
      const forced = await cooled.post('/api/scans', { url, force: true });
      expect(forced.status).toBe(202);
      expect(forced.json.id).not.toBe(first.json.id);
    } finally {
      await cooled.close();
    }
  });

  it.each([
    [{ url: 'nope' }, 400, 'INVALID_URL', /is not a URL/],
    [{}, 400, 'INVALID_URL', /give the URL to scan/],
    [{ url: 'ftp://example.com/' }, 400, 'INVALID_URL', /ftp: URLs cannot be scanned/],
    [{ url: 'http://169.254.169.254/latest/meta-data/' }, 403, 'TARGET_FORBIDDEN', /link-local/],
    [{ url: 'https://example.com/', trustedOrigins: ['null'] }, 400, 'INVALID_REQUEST', /null origin/],
    [{ url: 'https://example.com/', trustedOrigins: 'x' }, 400, 'INVALID_REQUEST', /trustedOrigins/],
    [{ url: 'https://example.com/', stack: 'rails' }, 400, 'INVALID_REQUEST', /stack must be one of/],
    [{ url: 'https://example.com/', headers: { Host: 'x' } }, 400, 'INVALID_REQUEST', /headers must be/],
    [{ url: 'https://example.com/', cookie: 'a=1\r\nX: y' }, 400, 'INVALID_REQUEST', /one line/],
    ['{"url": ', 400, 'INVALID_REQUEST', /JSON/i],
    ['[1]', 400, 'INVALID_REQUEST', /JSON object/],
  ])('refuses %j with %i %s and says why', async (body, status, code, message) => {
    const res = await server.post('/api/scans', body);
    expect(res.status).toBe(status);
    expect(openApiErrors('Error', res.json)).toEqual([]);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).toMatch(message);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });

  it('answers NOT_FOUND for unknown scans and paths, as JSON under /api', async () => {
    for (const path of [
      '/api/scans/00000000-0000-4000-8000-000000000000',
      '/api/scans/not-a-uuid',
      '/api/nope',
    ]) {
      const res = await server.get(path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code, path).toBe('NOT_FOUND');
    }
    expect((await server.get('/api/scans')).json.error.code).toBe('INVALID_REQUEST');
    expect((await server.get('/api/scans?url=x&cursor=bogus')).json.error.code).toBe('INVALID_REQUEST');
  });

  it("the API's own CORS is corsguard's middleware: any page may call it, without credentials", async () => {
    const preflight = await fetch(`${server.url}/api/scans`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const get = await server.get('/api/openapi.json', { origin: 'https://dashboard.example' });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    const refused = await fetch(`${server.url}/api/scans`, {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'DELETE' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves its OpenAPI document, whose schemas all compile and cover every error code', async () => {
    const { json } = await server.get('/api/openapi.json');
    expect(json.openapi).toBe('3.1.0');
    for (const name of Object.keys(json.components.schemas))
      expect(() => openApiErrors(name, {})).not.toThrow();
    expect(Object.keys(json.paths).sort()).toEqual(
      [
        '/api/scans',
        '/api/scans/{id}',
        '/api/scans/{id}/events',
        '/api/sites/{id}',
        '/api/explain',
        '/healthz',
      ].sort(),
    );
    const health = await server.get('/healthz');
    expect(openApiErrors('Health', health.json)).toEqual([]);
  });

  it('sends the security headers on every page and a CSP without inline scripts', async () => {
    const res = await server.get('/');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'; style-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.text).not.toMatch(/<script>|<style>| style="| on\w+="/);
  });

  it('says on every page when private targets are allowed', async () => {
    expect((await server.get('/')).text).not.toContain('data-testid="private-banner"');
    const open = await testServer({ dangerouslyAllowPrivate: true });
    try {
      const page = (await open.get('/')).text;
      expect(page).toContain('data-testid="private-banner"');
      expect(page).toMatch(/Private targets allowed/);
    } finally {
      await open.close();
    }
  });
});
