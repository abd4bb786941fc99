import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labTlsCredentials } from '../../capabilities/lab/index.js';
import type { Finding, TargetResult } from '../../capabilities/scan/index.js';
import { createWriter, SummaryBuilder, withGrade } from '../../outputs/report/index.js';
import { CHROMIUM, missingTool } from '../../test-support/tools.js';
import { HTTP_COOKIE_NOTE, startVerifier, type Verifier } from './index.js';

const missing = missingTool('chromium', CHROMIUM);
const EVIL = 'https://evil.invalid';
const HOSTILE = `${EVIL}<img/src=x/onerror=alert(1)>`;

/** A finding as the scan reports it: the server answered `headers` to a GET with Origin `EVIL`. */
function target(url: string, id: Finding['id'], headers: Array<[string, string]>): TargetResult {
  const finding: Finding = {
    id,
    severity: 'critical',
    title: 'test finding',
    credentialed: headers.some(([n, v]) => n === 'access-control-allow-origin' && v === EVIL),
    origin: EVIL,
    origins: [EVIL],
    evidence: [
      { request: { method: 'GET', url, headers: { origin: EVIL } }, response: { status: 200, headers } },
    ],
    explanation: 'test',
    remediation: 'test',
  };
  return { url, requests: 1, durationMs: 1, findings: [finding], notes: [] };
}

const REFLECT: Array<[string, string]> = [
  ['access-control-allow-origin', EVIL],
  ['access-control-allow-credentials', 'true'],
];

describe.skipIf(missing !== null)('the verifier in Chromium (cookies, pinning, hostile text)', () => {
  let server: Server;
  let base: string;
  let resolve: string[];
  let verifier: Verifier;
  const seen: Array<{ host: string; path: string; cookie: string }> = [];

  beforeAll(async () => {
    server = createServer(labTlsCredentials(), (req, res) => {
      seen.push({ host: req.headers.host ?? '', path: req.url ?? '', cookie: req.headers.cookie ?? '' });
      const cors = { 'access-control-allow-credentials': 'true' };
      if (req.url === '/redirect') {
        const { port } = server.address() as AddressInfo;
        res.writeHead(302, {
          ...cors,
          'access-control-allow-origin': EVIL,
          location: `https://other.victim.test:${port}/me`,
        });
      } else if (req.url === '/hostile') {
        res.writeHead(200, { ...cors, 'access-control-allow-origin': HOSTILE });
      } else res.writeHead(200, { ...cors, 'access-control-allow-origin': req.headers.origin ?? '' });
      res.end('{"secret":"s"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    base = `https://api.victim.test:${port}`;
    resolve = [`api.victim.test:${port}:127.0.0.1`];
    verifier = await startVerifier({
      chromium: CHROMIUM,
      resolve,
      cookie: 'session=s3cret; theme=dark',
      pageTimeoutMs: 5000,
      insecure: true, // the target's certificate is the lab's self-signed one: -k, as for the scan
    });
  }, 30_000);

  afterAll(async () => {
    await verifier?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });

  it('sets --cookie for the target host: the credentialed read carries it', async () => {
    const out = await verifier.verify(target(`${base}/me`, 'origin-reflected', REFLECT));
    expect(out.findings[0]?.verified).toMatchObject({ kind: 'fetch-credentialed', read: true });
    const read = seen.find((s) => s.path === '/me' && s.host.startsWith('api.'));
    expect(read?.cookie).toBe('session=s3cret; theme=dark');
  });

  it('never follows a redirect to a host it was not given: the read fails, the other host is never reached', async () => {
    const out = await verifier.verify(target(`${base}/redirect`, 'origin-reflected', REFLECT));
    expect(out.findings[0]?.verified?.read).toBe(false);
    expect(seen.some((s) => s.host.startsWith('other.'))).toBe(false);
  });

  it('keeps what the browser quotes from the target inert in the HTML, Markdown and text reports', async () => {
    const grant: Array<[string, string]> = [
      ['access-control-allow-origin', HOSTILE],
      ['access-control-allow-credentials', 'true'],
    ];
    const out = await verifier.verify(target(`${base}/hostile`, 'invalid-cors-headers', grant));
    const v = out.findings[0]?.verified;
    expect(v?.read).toBe(false);
    expect(v?.console.join('\n')).toContain(
      `Blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains the invalid value '${HOSTILE}'`,
    );
    const render = (format: 'html' | 'markdown' | 'text') => {
      let text = '';
      const w = createWriter(
        format,
        { write: (c: string) => (text += c) },
        { version: 't', color: false, verbose: false },
      );
      const summary = new SummaryBuilder('none');
      summary.add(withGrade(out));
      w.target(withGrade(out));
      w.end(summary.summary);
      return text;
    };
    const html = render('html');
    expect(html).not.toContain('<img/src');
    expect(html).toContain('&lt;img/src=x/onerror=alert(1)&gt;');
    expect(new MarkdownIt({ html: true }).render(render('markdown'))).not.toContain('<img/src');
    expect(render('text')).toContain('console: Blocked by CORS policy: ');
  });

  it("trusts no certificate of the target it was not told to: the lab's key is public, so without -k its certificate fails", async () => {
    const strict = await startVerifier({ chromium: CHROMIUM, resolve, pageTimeoutMs: 5000 });
    try {
      const out = await strict.verify(target(`${base}/me`, 'origin-reflected', REFLECT));
      expect(out.findings[0]?.verified?.read).toBe(false);
      expect(out.findings[0]?.verified?.console.join('\n')).toMatch(/Failed to fetch|ERR_CERT/);
    } finally {
      await strict.close();
    }
  });

  it('with pinnedOnly, a target without a pinned address is left unverified (and says so)', async () => {
    const strict = await startVerifier({ chromium: CHROMIUM, pinnedOnly: true });
    try {
      const out = await strict.verify(target(`${base}/me`, 'origin-reflected', REFLECT));
      expect(out.findings[0]?.verified).toBeUndefined();
      expect(out.notes).toContain(
        '--verify: 1 finding(s) not verified (time budget spent or target not pinned).',
      );
    } finally {
      await strict.close();
    }
  });
});

describe.skipIf(missing !== null)('the verifier on an http target with --cookie', () => {
  it('reads from the http twin of the attacker origin, and says the read carried no cookie (Chromium sends none cross-site to http)', async () => {
    const cookies: string[] = [];
    const server = createHttpServer((req, res) => {
      if (req.url === '/me') cookies.push(req.headers.cookie ?? '');
      res.writeHead(200, {
        'access-control-allow-origin': req.headers.origin ?? '',
        'access-control-allow-credentials': 'true',
      });
      res.end('{"secret":"s"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const verifier = await startVerifier({
      chromium: CHROMIUM,
      resolve: [`api.victim.test:${port}:127.0.0.1`],
      cookie: 'session=s3cret',
      pageTimeoutMs: 5000,
    });
    try {
      const out = await verifier.verify(
        target(`http://api.victim.test:${port}/me`, 'origin-reflected', REFLECT),
      );
      expect(out.findings[0]?.verified).toMatchObject({ kind: 'fetch-credentialed', read: true });
      // Served at the http twin of the attacker origin: an https page may not read an http URL.
      expect(out.findings[0]?.verified?.console[0]).toMatch(
        /served at http:\/\/evil\.invalid.*mixed content/,
      );
      expect(cookies).toEqual(['']); // what the note says: the read carried no cookie
      expect(out.notes).toContain(HTTP_COOKIE_NOTE);
    } finally {
      await verifier.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 30_000);
});
