import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

const SCHEMA = JSON.parse(readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);
const APP = 'http://localhost:5173';

let server: { url: (path: string) => string; close: () => Promise<void> };
let tmp: string;
beforeAll(async () => {
  // Grants APP with cookies; its preflight answer lacks PUT.
  const http = createServer((req, res) => {
    if (req.headers.origin === APP) {
      res.setHeader('Access-Control-Allow-Origin', APP);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
    }
    if (req.method === 'OPTIONS') res.setHeader('Access-Control-Allow-Methods', 'GET, DELETE');
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const port = (http.address() as AddressInfo).port;
  server = {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((r) => http.close(() => r())),
  };
  tmp = await mkdtemp(join(tmpdir(), 'corsguard-explain-'));
});
afterAll(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});

async function explain(args: string[], stdin?: string[]) {
  const t = fakeIo(stdin ? { stdin } : {});
  const code = await run(['explain', ...args], t.io);
  return { code, out: t.stdout.text, err: t.stderr.text };
}

describe('corsguard explain', () => {
  it('--format json follows schema/explain.schema.json', async () => {
    const r = await explain([
      '--url',
      server.url('/v1/me'),
      '--origin',
      APP,
      '--method',
      'PUT',
      '--credentials',
      'include',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.explanations[0]).toMatchObject({ cause: 'preflight-method', verdict: 'fix-server' });
  });

  it('every verdict and source validates against the schema', async () => {
    const cases = [
      ['--url', server.url('/v1/me'), '--origin', APP, '--credentials', 'include'],
      ['--url', server.url('/v1/me'), '--origin', 'null', '--credentials', 'include'],
      ['--url', 'http://127.0.0.1:1/x', '--origin', APP, '--timeout', '2000'],
      [
        '--message',
        `Access to fetch at '${server.url('/v1/me')}' from origin '${APP}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
        '--offline',
      ],
      ['--url', server.url('/v1/me').replace('http:', 'ws:'), '--origin', APP, '--stack', 'fastify'],
    ];
    const verdicts = new Set<string>();
    for (const args of cases) {
      const r = await explain([...args, '--format', 'json']);
      expect(r.err).toBe('');
      const doc = JSON.parse(r.out);
      expect(validate(doc), `${args.join(' ')}: ${JSON.stringify(validate.errors)}`).toBe(true);
      verdicts.add(doc.explanations[0].verdict);
    }
    expect([...verdicts].sort()).toEqual(['fix-server', 'not-blocked', 'not-cors', 'working-as-intended']);
  });

  it('text: the cause, the steps, the verdict, the delta and the snippet for the given stack', async () => {
    const r = await explain([
      '--url',
      server.url('/v1/me'),
      '--origin',
      APP,
      '--method',
      'PUT',
      '--credentials',
      'include',
      '--stack',
      'nginx',
    ]);
    expect(r.out).toContain('✗ Blocked at the preflight: preflight-method');
    expect(r.out).toContain(
      'Chrome:  Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.',
    );
    expect(r.out).toContain('✗ preflight-methods');
    expect(r.out).toContain('Verdict: fix-server');
    expect(r.out).toMatch(/\+ Access-Control-Allow-Methods: PUT/);
    expect(r.out).toContain('Fix for nginx: cors.conf');
    expect(r.out).not.toContain('\x1b[');
  });

  it('--policy: the server does not follow a policy that allows PUT', async () => {
    const file = join(tmp, 'cors.policy.yaml');
    await writeFile(
      file,
      `version: 1\nenvironments:\n  development:\n    urls: [${server.url('/v1/me')}]\n    origins: ['${APP}']\n    credentials: true\n    methods: [PUT]\n`,
    );
    const r = await explain([
      '--url',
      server.url('/v1/me'),
      '--origin',
      APP,
      '--method',
      'PUT',
      '--credentials',
      'include',
      '--policy',
      file,
      '--format',
      'json',
    ]);
    const e = JSON.parse(r.out).explanations[0];
    expect(e.fix.policyChanges).toEqual([]);
    const other = await explain([
      '--url',
      server.url('/v1/me'),
      '--origin',
      'https://partner.example',
      '--policy',
      file,
      '--format',
      'json',
    ]);
    expect(JSON.parse(other.out).explanations[0].verdict).toBe('working-as-intended');
    // An invalid policy file: its problems with FILE:LINE:COL, exit 2.
    const bad = join(tmp, 'bad.policy.yaml');
    await writeFile(bad, 'version: 1\nenvironments:\n  production:\n    origins: [null]\n');
    const refused = await explain(['--url', server.url('/v1/me'), '--origin', APP, '--policy', bad]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${bad}:4:`);
  });

  it('--message - reads the console message from stdin', async () => {
    const line = `Access to fetch at '${server.url('/v1/me')}' from origin '${APP}' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.\n`;
    const r = await explain(['--message', '-', '--offline', '--format', 'json'], [line]);
    expect(JSON.parse(r.out).explanations[0]).toMatchObject({
      cause: 'acao-missing',
      stage: 'preflight',
      source: 'message',
    });
  });

  it('--har: the failures of the file, json valid against the schema, a file that is not a HAR refused', async () => {
    const entry = (url: string, origin: string, status: number, headers: Array<[string, string]>) => ({
      startedDateTime: '2026-12-02T10:00:00.000Z',
      time: 3,
      request: {
        method: 'GET',
        url,
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Origin', value: origin }],
        queryString: [],
        cookies: [],
      },
      response: {
        status,
        statusText: '',
        headers: headers.map(([name, value]) => ({ name, value })),
        content: { size: 0, mimeType: 'x-unknown' },
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 1 },
      _resourceType: 'fetch',
    });
    const file = join(tmp, 'session.har');
    const log = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [{ id: 'page_1', title: `${APP}/` }],
        entries: [
          entry(server.url('/v1/me'), APP, 200, [['Access-Control-Allow-Origin', APP]]),
          entry(server.url('/v1/me'), 'https://other.example', 200, []),
        ],
      },
    };
    await writeFile(file, JSON.stringify(log));
    const json = await explain(['--har', file, '--offline', '--format', 'json']);
    const doc = JSON.parse(json.out);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.har).toMatchObject({ entries: 2, crossOrigin: 2, failures: 1, passed: 1, errors: [] });
    expect(
      doc.explanations.map((e: { cause: string; request: { origin: string } }) => [
        e.cause,
        e.request.origin,
      ]),
    ).toEqual([['acao-missing', 'https://other.example']]);
    const text = await explain(['--har', file, '--offline']);
    expect(text.out).toMatch(/^.*session\.har: 2 entries, 2 cross-origin requests: 1 blocked/);
    await writeFile(file, '{"log": ');
    const bad = await explain(['--har', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not JSON/);
    expect(bad.err).not.toMatch(/\n\s+at /);
  });

  it('bad options: every problem at once, exit 2, no stack trace', async () => {
    const r = await explain([
      '--url',
      'https://api.example.com',
      '--har',
      'x.har',
      '--format',
      'xml',
      '--credentials',
      'yes',
      '--stack',
      'rails',
    ]);
    expect(r.code).toBe(2);
    for (const part of [
      'not several',
      '--format must be text or json',
      '--credentials must be',
      '--stack must be one of',
      '--har explains the requests',
    ]) {
      expect(r.err).toContain(part);
    }
    expect(r.err).not.toMatch(/\n\s+at /);
    const none = await explain([]);
    expect([none.code, none.err]).toEqual([2, expect.stringContaining('give what to explain')]);
    const noOrigin = await explain(['--url', 'https://api.example.com', '--offline']);
    expect(noOrigin.err).toContain('--origin is required with --url');
    expect(noOrigin.err).toContain('--offline goes with --message or --har');
  });
});
