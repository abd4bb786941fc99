import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyServer } from '../capabilities/check/test-support/policy-server.js';
import { getEnvironment, parsePolicyFile } from '../capabilities/policy-file/index.js';
import type { PolicyInput } from '../core/policy/index.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

let tmp: string;
let n = 0;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'corsguard-init-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const nextFile = () => join(tmp, `cors-${n++}.policy.yaml`);

/** Runs `corsguard init`, then `corsguard policy validate` on what it wrote. */
async function init(args: readonly string[], options: Parameters<typeof fakeIo>[0] = {}) {
  const file = nextFile();
  const t = fakeIo(options);
  const code = await run(['init', '-o', file, ...args], t.io);
  const v = fakeIo();
  const valid = code === 0 ? await run(['policy', 'validate', file], v.io) : null;
  const text = code === 0 ? await readFile(file, 'utf8') : '';
  const parsed = parsePolicyFile(text, file);
  return {
    code,
    file,
    text,
    out: t.stdout.text,
    err: t.stderr.text,
    valid,
    validation: v.stdout.text,
    parsed,
  };
}

const SERVED: PolicyInput = {
  origins: ['https://app.victim.test', 'https://www.victim.test'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  requestHeaders: ['Authorization', 'Content-Type'],
  exposeHeaders: ['X-Request-Id'],
  maxAge: 600,
};

describe('corsguard init --from', () => {
  it('infers origins, credentials, methods, headers and max-age from a live deployment; the file validates', async () => {
    const server = await startPolicyServer(SERVED);
    try {
      const url = `http://api.victim.test:${server.port}/v1/me`;
      const r = await init(['--from', url, '--resolve', `api.victim.test:${server.port}:127.0.0.1`]);
      expect(r.err).toContain(
        'note: origins the server grants: https://www.victim.test, https://app.victim.test',
      );
      expect(r.code).toBe(0);
      expect(r.valid).toBe(0);
      if (!r.parsed.ok) throw new Error('invalid');
      const env = getEnvironment(r.parsed.file, 'production');
      expect(env.urls).toEqual([url]);
      expect(env.input).toEqual({
        ...SERVED,
        origins: ['https://www.victim.test', 'https://app.victim.test'],
      });
      expect(r.text).toMatch(
        /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/corsguard\/schema\/cors-policy\.schema\.json\n/,
      );
      expect(r.out).toContain(`corsguard check --policy ${r.file} --env production`);
    } finally {
      await server.close();
    }
  });

  it('never writes attacker, null or bypass origins the server grants; warns about them', async () => {
    // Trusts app.victim.test, but also null and every subdomain of victim.test (a suffix-style check).
    const server = await startPolicyServer({
      origins: ['https://app.victim.test', 'https://*.victim.test', 'http://localhost:3000'],
      credentials: true,
    });
    try {
      const url = `http://api.victim.test:${server.port}/`;
      const r = await init(['--from', url, '--resolve', `api.victim.test:${server.port}:127.0.0.1`]);
      expect(r.code).toBe(0);
      expect(r.valid).toBe(0);
      expect(r.err).toMatch(/warning: the server also grants http:\/\/localhost:3000 \(localhost\)/);
      expect(r.err).toMatch(/warning: the server also grants https:\/\/\w+\.victim\.test \(subdomain\)/);
      if (!r.parsed.ok) throw new Error('invalid');
      const origins = getEnvironment(r.parsed.file, 'production').input.origins as string[];
      expect(origins).toContain('https://app.victim.test');
      expect(
        origins.every((o) => /^https:\/\/(app|www|admin|api|dashboard|portal|[a-z]+)\.victim\.test$/.test(o)),
      ).toBe(true);
      expect(origins).not.toContain('null');
      expect(r.text).not.toContain('invalid');
      expect(r.text).not.toContain('localhost:3000');
    } finally {
      await server.close();
    }
  });

  it('refuses to guess from a server that reflects any origin', async () => {
    const server = await startPolicyServer({ origins: ['https://x.example'] }, (_h, req) =>
      req.origin === null ? [] : [['Access-Control-Allow-Origin', req.origin]],
    );
    try {
      const r = await init(['--from', server.url('/')]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('allows every origin (it reflects Origin)');
      expect(r.err).toContain('--origin');
    } finally {
      await server.close();
    }
  });

  it('names a localhost deployment development', async () => {
    const server = await startPolicyServer({ origins: ['http://localhost:5173'], credentials: true });
    try {
      const r = await init(['--from', server.url('/'), '--origin', 'http://localhost:5173']);
      expect(r.code).toBe(0);
      expect(r.valid).toBe(0);
      expect(r.text).toContain('  development:\n');
      expect(r.text).toContain('      - http://localhost:5173\n');
    } finally {
      await server.close();
    }
  });
});

describe('corsguard init from flags', () => {
  it('writes a commented file that validates, and refuses to overwrite it without --force', async () => {
    const r = await init([
      '--origin',
      'https://app.example.com',
      '--origin',
      'https://*.example.com',
      '--url',
      'https://api.example.com/v1/me',
      '--method',
      'PUT,DELETE',
      '--request-header',
      'Authorization',
      '--max-age',
      '600',
    ]);
    expect(r.code).toBe(0);
    expect(r.valid).toBe(0);
    expect(r.text).toContain("      - 'https://*.example.com'\n");
    expect(r.text).toContain('  methods: [PUT, DELETE]\n');
    expect(r.text).toContain('    credentials: true\n');
    expect(r.text).toContain('  # development:\n');

    const again = fakeIo();
    expect(await run(['init', '-o', r.file, '--origin', 'https://a.example.com'], again.io)).toBe(2);
    expect(again.stderr.text).toContain('already exists; use --force');
    expect(await readFile(r.file, 'utf8')).toBe(r.text);
    const forced = fakeIo();
    expect(await run(['init', '-o', r.file, '--origin', 'https://a.example.com', '--force'], forced.io)).toBe(
      0,
    );
    expect(await readFile(r.file, 'utf8')).toContain('https://a.example.com');
  });

  it("writes a public API with --origin '*'", async () => {
    const r = await init(['--origin', '*']);
    expect(r.code).toBe(0);
    expect(r.valid).toBe(0);
    expect(r.text).toContain("    origins: '*'\n    # Send");
    expect(r.text).toContain('credentials: false');
  });

  it('rejects unsafe flags with the fix, naming the flag', async () => {
    const r = await init(['--origin', 'null', '--origin', 'http://app.example.com']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--origin: "null" is refused');
    expect(r.err).toContain('--origin: "http://app.example.com" is http: and credentials are on');
  });

  it('requires flags when stdin is not a terminal', async () => {
    const r = await init([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('init needs --from URL');
  });
});

describe('corsguard init on a terminal', () => {
  it('asks, re-asks after an invalid answer, and writes a file that validates', async () => {
    const answers = [
      'production',
      'https://api.example.com/v1/me',
      'y',
      'null', // refused: asked again
      'https://app.example.com http://localhost:3000', // localhost in production: asked again
      'https://app.example.com',
      'put delete',
      'Authorization',
    ];
    const r = await init([], { stdinIsTTY: true, stdin: [`${answers.join('\n')}\n`] });
    expect(r.err).toContain('"null" is refused');
    expect(r.err).toContain('local development origins do not belong in it');
    expect(r.code).toBe(0);
    expect(r.valid).toBe(0);
    if (!r.parsed.ok) throw new Error('invalid');
    expect(getEnvironment(r.parsed.file, 'production').input).toMatchObject({
      origins: ['https://app.example.com'],
      credentials: true,
      methods: ['PUT', 'DELETE'],
      requestHeaders: ['Authorization'],
    });
  });

  it('stops with a usage error when input ends early', async () => {
    const r = await init([], { stdinIsTTY: true, stdin: ['production\n'] });
    expect(r.code).toBe(2);
    expect(r.err).toContain('input ended before every question was answered');
  });
});
