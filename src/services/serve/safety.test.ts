import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookup } from '../../capabilities/ssrf/index.js';
import { forbiddenSpellings, hostileLookup } from '../../capabilities/ssrf/test-support/battery.js';
import { type Target, target, testServer } from './test-support/server.js';

// Every target below listens on loopback; the server allows only the addresses a test names.
let canary: Server;
let canaryHits = 0;
let pub: Target; // the "public" server on 127.0.0.2, same port as the canary on 127.0.0.1

beforeAll(async () => {
  pub = await target('127.0.0.2', (req, res) => {
    if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${pub.port}/` }).end();
    else res.end('ok');
  });
  canary = createServer((s) => {
    canaryHits++;
    s.destroy();
  });
  await new Promise<void>((r) => canary.listen(pub.port, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise((r) => canary.close(r));
  await pub.close();
});

describe('SSRF: a public scanner must not reach the network it runs in', () => {
  it(`refuses ${forbiddenSpellings(0).length} spellings and tricks with TARGET_FORBIDDEN (scans and explanations, API and form, and in a pasted message), and the canary sees no connection`, async () => {
    const server = await testServer({
      lookup: hostileLookup,
      targetPorts: [pub.port, 80, 443],
      scansPerClient: 1000,
      explainsPerClient: 10_000,
    });
    try {
      for (const url of forbiddenSpellings(pub.port)) {
        const res = await server.post('/api/scans', { url });
        expect(res.status, url).toBe(403);
        expect(res.json.error.code, url).toBe('TARGET_FORBIDDEN');
      }
      const form = await fetch(`${server.url}/scans`, {
        method: 'POST',
        body: new URLSearchParams({ url: `http://0x7f.1:${pub.port}/` }),
        redirect: 'manual',
      });
      expect(form.status).toBe(403);
      expect(await form.text()).toMatch(/data-code="TARGET_FORBIDDEN"/);
      expect(server.runner.peakRunning).toBe(0);
      // The explain replay fetches a user-chosen URL too: the same gate, on the API, the form, and the
      // URL a pasted console message names.
      const origin = 'https://app.example.com';
      for (const url of forbiddenSpellings(pub.port)) {
        const res = await server.post('/api/explain', { url, origin, method: 'PUT' });
        expect(res.status, url).toBe(403);
        expect(res.json.error.code, url).toBe('TARGET_FORBIDDEN');
        const page = await fetch(`${server.url}/explain`, {
          method: 'POST',
          body: new URLSearchParams({ url, origin }),
          redirect: 'manual',
        });
        expect(page.status, url).toBe(403);
        expect(await page.text(), url).toMatch(/data-code="TARGET_FORBIDDEN"/);
        const message = `Access to fetch at '${url}' from origin '${origin}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`;
        const pasted = await server.post('/api/explain', { message });
        expect(pasted.status, url).toBe(403);
        expect(pasted.json.error.code, url).toBe('TARGET_FORBIDDEN');
      }
      expect(server.explainer.running).toBe(0);
    } finally {
      await server.close();
    }
    expect(canaryHits).toBe(0);
  });

  it('a DNS answer that changes between check and connect cannot switch the target (the checked address is pinned)', async () => {
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? '127.0.0.2' : '127.0.0.1' }];
    const server = await testServer({
      lookup: rebinding,
      allowCidrs: ['127.0.0.2/32'],
      targetPorts: [pub.port],
    });
    try {
      const before = pub.requests.length;
      const { json } = await server.post('/api/scans', { url: `http://rebind.attacker.test:${pub.port}/` });
      const scan = await server.waitEnded(json.id);
      expect(scan.status).toBe('done');
      expect(scan.result.requests).toBeGreaterThan(0);
      expect(pub.requests.length - before).toBe(scan.result.requests);
      expect(pub.requests.at(-1)?.headers.host).toBe(`rebind.attacker.test:${pub.port}`);
    } finally {
      await server.close();
    }
    expect(canaryHits).toBe(0);
  });

  it('explain: the replay connects to the checked address too, whatever DNS answers next', async () => {
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? '127.0.0.2' : '127.0.0.1' }];
    const server = await testServer({
      lookup: rebinding,
      allowCidrs: ['127.0.0.2/32'],
      targetPorts: [pub.port],
    });
    try {
      const before = pub.requests.length;
      const res = await server.post('/api/explain', {
        url: `http://rebind.attacker.test:${pub.port}/`,
        origin: 'http://app.attacker.test',
        method: 'PUT',
      });
      expect(res.status).toBe(200);
      // A PUT needs a preflight: the OPTIONS (refused: no ACAO) reached the checked address.
      expect(pub.requests.length - before).toBe(1);
      expect(pub.requests.at(-1)?.headers.host).toBe(`rebind.attacker.test:${pub.port}`);
      expect(calls).toBe(1);
    } finally {
      await server.close();
    }
    expect(canaryHits).toBe(0);
  });

  it('follows no redirect: a target redirecting to loopback is reported, not fetched', async () => {
    const server = await testServer({ allowCidrs: ['127.0.0.2/32'], targetPorts: [pub.port] });
    try {
      const { json } = await server.post('/api/scans', { url: `http://127.0.0.2:${pub.port}/redirect` });
      const scan = await server.waitEnded(json.id);
      expect(scan.status).toBe('done');
      // The explain replay (a simple GET, then a preflighted PUT) stops at the redirect too.
      for (const method of ['GET', 'PUT']) {
        const res = await server.post('/api/explain', {
          url: `http://127.0.0.2:${pub.port}/redirect`,
          origin: 'http://localhost:5173',
          method,
        });
        expect(res.status, method).toBe(200);
        expect(res.json.explanation.evidence.status, method).toBe(302);
      }
    } finally {
      await server.close();
    }
    expect(canaryHits).toBe(0);
  });
});

describe('abuse limits', () => {
  let slow: Target;
  beforeAll(async () => {
    slow = await target('127.0.0.3', (req, res) => {
      setTimeout(() => res.end('ok'), req.url?.startsWith('/slow') ? 150 : 0);
    });
  });
  afterAll(() => slow.close());
  const opts = () => ({ allowCidrs: ['127.0.0.3/32'], targetPorts: [slow.port] });

  it('limits new scans per client (API and form share it) with RATE_LIMITED and Retry-After', async () => {
    const server = await testServer({ ...opts(), scansPerClient: 2 });
    try {
      expect((await server.post('/api/scans', { url: `${slow.url}/a` })).status).toBe(202);
      expect((await server.post('/api/scans', { url: `${slow.url}/b` })).status).toBe(202);
      const third = await server.post('/api/scans', { url: `${slow.url}/c` });
      expect(third.status).toBe(429);
      expect(third.json.error.code).toBe('RATE_LIMITED');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      const form = await fetch(`${server.url}/scans`, {
        method: 'POST',
        body: new URLSearchParams({ url: `${slow.url}/d` }),
        redirect: 'manual',
      });
      expect(form.status).toBe(429);
      expect(await form.text()).toMatch(/data-code="RATE_LIMITED"/);
      // Reading results is not limited by the scan limit.
      expect((await server.get('/healthz')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('ignores X-Forwarded-For unless trustProxy is set (a forged header cannot dodge the limit)', async () => {
    for (const trustProxy of [false, true]) {
      const server = await testServer({ ...opts(), scansPerClient: 1, trustProxy });
      try {
        const a = await server.post(
          '/api/scans',
          { url: `${slow.url}/x` },
          { 'x-forwarded-for': '198.51.100.1' },
        );
        const b = await server.post(
          '/api/scans',
          { url: `${slow.url}/y` },
          { 'x-forwarded-for': '198.51.100.2' },
        );
        expect([a.status, b.status], `trustProxy ${trustProxy}`).toEqual(
          trustProxy ? [202, 202] : [202, 429],
        );
      } finally {
        await server.close();
      }
    }
  });

  it('limits scans of one target host from all clients together', async () => {
    const server = await testServer({ ...opts(), scansPerTargetHost: 2, trustProxy: true });
    try {
      for (const [i, path] of ['/1', '/2'].entries()) {
        const res = await server.post(
          '/api/scans',
          { url: `${slow.url}${path}` },
          { 'x-forwarded-for': `198.51.100.${i}` },
        );
        expect(res.status).toBe(202);
      }
      const third = await server.post(
        '/api/scans',
        { url: `${slow.url}/3` },
        { 'x-forwarded-for': '198.51.100.9' },
      );
      expect(third.status).toBe(429);
      expect(third.json.error.message).toMatch(
        /127\.0\.0\.3 was scanned 2 times .* from every client together/,
      );
    } finally {
      await server.close();
    }
  });

  it('caps the event streams one client keeps open (each holds a connection for a whole scan)', async () => {
    const server = await testServer(opts());
    const controller = new AbortController();
    try {
      const { json } = await server.post('/api/scans', { url: `${slow.url}/slow-streams` });
      const open = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${server.url}/api/scans/${json.id}/events`, { signal: controller.signal }),
        ),
      );
      expect(open.every((r) => r.status === 200)).toBe(true);
      const refused = await server.get(`/api/scans/${json.id}/events`);
      expect(refused.status).toBe(429);
      expect(refused.json.error.code).toBe('RATE_LIMITED');
    } finally {
      controller.abort();
      await server.close();
    }
  });

  it('runs at most maxConcurrentScans at once, queues the rest, and refuses with QUEUE_FULL when the queue is full', async () => {
    const server = await testServer({ ...opts(), maxConcurrentScans: 1, maxQueuedScans: 1 });
    try {
      const a = await server.post('/api/scans', { url: `${slow.url}/slow-a` });
      const b = await server.post('/api/scans', { url: `${slow.url}/slow-b` });
      expect([a.status, b.status]).toEqual([202, 202]);
      expect((await server.get('/healthz')).json.scans).toMatchObject({ running: 1, queued: 1, limit: 1 });
      const c = await server.post('/api/scans', { url: `${slow.url}/slow-c` });
      expect(c.status).toBe(503);
      expect(c.json.error.code).toBe('QUEUE_FULL');
      expect(c.headers.get('retry-after')).toBe('60');
      await server.waitEnded(b.json.id, 60_000);
      expect(server.runner.peakRunning).toBe(1);
    } finally {
      await server.close();
    }
  }, 90_000);
});

describe('secrets and hostile values', () => {
  const HOSTILE = '"><script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
  let hostile: Target;
  beforeAll(async () => {
    hostile = await target('127.0.0.4', (req, res) => {
      res.setHeader('server', HOSTILE);
      res.setHeader(
        'access-control-allow-origin',
        `${req.headers.origin ?? ''}${HOSTILE}`.replace(/[^\t\x20-\x7e]/g, ''),
      );
      res.setHeader('access-control-allow-credentials', 'true');
      res.end('ok');
    });
  });
  afterAll(() => hostile.close());

  it('uses a given cookie and header for the probes, and never stores, shows or streams them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-serve-secrets-'));
    try {
      const server = await testServer({ allowCidrs: ['127.0.0.4/32'], targetPorts: [hostile.port], dataDir });
      let id = '';
      const seen: string[] = [];
      try {
        const res = await server.post('/api/scans', {
          url: `${hostile.url}/me`,
          cookie: 'session=SECRET-COOKIE-42',
          headers: { 'X-Api-Key': 'SECRET-KEY-42' },
        });
        id = res.json.id;
        const events = fetch(`${server.url}/api/scans/${id}/events`).then((r) => r.text());
        await server.waitEnded(id);
        seen.push(await events);
        const cookies = hostile.requests.map((r) => r.headers.cookie);
        expect(cookies.every((c) => c === 'session=SECRET-COOKIE-42')).toBe(true);
        expect(hostile.requests.every((r) => r.headers['x-api-key'] === 'SECRET-KEY-42')).toBe(true);
        const scan = await server.get(`/api/scans/${id}`);
        expect(scan.json.result.findings[0].evidence[0].request.headers.cookie).toBe('[redacted]');
        seen.push(scan.text, (await server.get(`/scans/${id}`)).text);
        seen.push((await server.get(`/api/scans?url=${encodeURIComponent(`${hostile.url}/me`)}`)).text);
        seen.push((await server.get(`/badge/${id}.svg`)).text);
      } finally {
        await server.close();
      }
      for (const text of seen) expect(text).not.toMatch(/SECRET-(COOKIE|KEY)-42/);
      // And not in the database either: read every column of every row straight from the data folder.
      const db = await PGlite.create(dataDir);
      const { rows } = await db.query<{ row: string }>('SELECT row_to_json(s)::text AS row FROM scans s');
      await db.close();
      expect(rows.length).toBe(1);
      expect(rows[0]?.row).toContain(id);
      expect(rows[0]?.row).toContain('"authenticated": true');
      expect(rows[0]?.row).not.toMatch(/SECRET-(COOKIE|KEY)-42/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('renders hostile header values as text in the page, the event stream and the badge', async () => {
    const server = await testServer({ allowCidrs: ['127.0.0.4/32'], targetPorts: [hostile.port] });
    try {
      const { json } = await server.post('/api/scans', { url: `${hostile.url}/x` });
      const stream = await (await fetch(`${server.url}/api/scans/${json.id}/events`)).text();
      const scan = await server.waitEnded(json.id);
      expect(JSON.stringify(scan.result)).toContain('<script>window.__xss=1</script>');
      const page = (await server.get(`/scans/${json.id}`)).text;
      expect(page).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
      expect(page).not.toMatch(/<script>window|<img src=x/);
      expect(stream).not.toMatch(/[<>]/);
      const badge = (await server.get(`/badge/${json.id}.svg`)).text;
      expect(badge).not.toMatch(/<script|<img|onerror/);
      const live = [...stream.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1] as string));
      const acao = live.filter((e) => e.type === 'progress').map((e) => e.probe.acao as string);
      if (acao.length > 0) expect(acao.some((v) => v.includes('<script>window.__xss=1</script>'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
