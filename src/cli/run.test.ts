import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../capabilities/lab/index.js';
import { SEVERITIES, type TargetResult } from '../capabilities/scan/index.js';
import { reportErrors, targetErrors } from '../capabilities/scan/test-support/schema.js';
import type { ScanSummary } from '../outputs/report/index.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

interface Report {
  tool: { name: string; version: string };
  format: number;
  targets: TargetResult[];
  summary: ScanSummary;
}

/** A port nothing listens on (binding port 1 needs root), so connecting is refused at once. */
const CLOSED = 'http://127.0.0.1:1/';
const STACK_FRAME = /\n\s+at /;

let lab: Lab;
let plain: Server;
let plainBase: string;
const originsSeen: string[] = [];
let tmp: string;

/** `--resolve` and `-k` so lab URLs given as arguments reach the lab. */
const labArgs = (): string[] => [...lab.resolve.flatMap((r) => ['--resolve', r]), '-k', '--no-progress'];
const labUrl = (path: string): string => {
  const t = lab.targets.find((x) => x.endpoint.path === path);
  if (!t) throw new Error(`no lab endpoint ${path}`);
  return t.url;
};

beforeAll(async () => {
  lab = await startLab();
  plain = createServer((req, res) => {
    if (req.headers.origin !== undefined) originsSeen.push(req.headers.origin);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  plain.listen(0, '127.0.0.1');
  await once(plain, 'listening');
  plainBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  tmp = await mkdtemp(join(tmpdir(), 'corsguard-cli-'));
});

afterAll(async () => {
  await lab?.close();
  plain?.closeAllConnections();
  await new Promise<void>((resolve) => (plain ? plain.close(() => resolve()) : resolve()));
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function scanJson(args: readonly string[], stdin?: readonly string[]) {
  const t = fakeIo(stdin ? { stdin } : {});
  const code = await run(['scan', '--format', 'json', '--no-progress', ...args], t.io);
  const report = JSON.parse(t.stdout.text) as Report;
  return { code, report, stderr: t.stderr.text };
}

describe('corsguard scan --lab --format json', () => {
  let code: number;
  let report: Report;
  let raw: unknown;

  beforeAll(async () => {
    const t = fakeIo();
    code = await run(['scan', '--lab', '--format', 'json'], t.io);
    raw = JSON.parse(t.stdout.text);
    report = raw as Report;
  });

  it('exits 1 because the lab has critical findings and the default --fail-on is high', () => {
    expect(code).toBe(1);
    expect(report.summary.failOn).toBe('high');
    expect(report.summary.findings.critical).toBeGreaterThan(0);
  });

  it('writes a document that validates against schema/report.schema.json', () => {
    expect(reportErrors(raw)).toEqual([]);
    expect(report.tool.name).toBe('corsguard');
    expect(report.format).toBe(1);
  });

  it('reports every lab endpoint', () => {
    expect(report.targets).toHaveLength(lab.targets.length);
    expect(report.targets.map((t) => new URL(t.url).pathname)).toEqual(
      lab.targets.map((t) => t.endpoint.path),
    );
  });

  it('has summary counts that add up to the targets', () => {
    const s = report.summary;
    const ts = report.targets;
    expect(s.targets).toBe(ts.length);
    expect(s.errors).toBe(ts.filter((t) => t.error).length);
    expect(s.scanned).toBe(ts.length - s.errors);
    expect(s.requests).toBe(ts.reduce((n, t) => n + t.requests, 0));
    for (const sev of SEVERITIES) {
      expect(s.findings[sev], sev).toBe(
        ts.flatMap((t) => t.findings).filter((f) => f.severity === sev).length,
      );
    }
    expect(s.failing).toBe(
      ts.filter((t) => t.findings.some((f) => f.severity === 'critical' || f.severity === 'high')).length,
    );
  });
});

describe('exit codes', () => {
  it('--fail-on none exits 0 even with critical findings', async () => {
    const t = fakeIo();
    expect(await run(['scan', '--lab', '--format', 'jsonl', '--fail-on', 'none'], t.io)).toBe(0);
  });

  it('--fail-on critical exits 0 on correctly configured endpoints', async () => {
    const { code, report } = await scanJson([
      ...labArgs(),
      '--fail-on',
      'critical',
      labUrl('/safe'),
      labUrl('/safe-public-read'),
    ]);
    expect(code).toBe(0);
    expect(report.targets).toHaveLength(2);
    expect(report.targets.every((t) => t.error === undefined)).toBe(true);
    expect(report.summary.failing).toBe(0);
  });

  it('exits 3 when a target cannot be scanned and nothing reaches --fail-on', async () => {
    const { code, report } = await scanJson([CLOSED]);
    expect(code).toBe(3);
    expect(report.targets).toHaveLength(1);
    expect(report.targets[0]?.error?.code).toBe('CONNECTION_REFUSED');
  });

  it('exits 1 rather than 3 when findings reach --fail-on and another target fails', async () => {
    const { code, report } = await scanJson([...labArgs(), labUrl('/reflect'), CLOSED]);
    expect(code).toBe(1);
    expect(report.summary.errors).toBe(1);
    expect(report.summary.failing).toBe(1);
  });

  it('reports every target of a run that mixes failing and good targets', async () => {
    const urls = [`${plainBase}/a`, CLOSED, `${plainBase}/b`, 'http://127.0.0.1:1/again', `${plainBase}/c`];
    const { code, report } = await scanJson(urls);
    expect(code).toBe(3);
    expect(report.targets.map((t) => t.url).sort()).toEqual([...urls].sort());
    expect(report.targets.filter((t) => t.error === undefined)).toHaveLength(3);
    const failed = report.targets.filter((t) => t.error !== undefined);
    expect(failed.map((t) => t.url).sort()).toEqual([CLOSED, 'http://127.0.0.1:1/again'].sort());
    for (const t of failed) expect(t.error?.code).toMatch(/^[A-Z_]+$/);
    expect(report.summary).toMatchObject({ targets: 5, scanned: 3, errors: 2 });
    expect(reportErrors(report)).toEqual([]);
  });
});

describe('output formats', () => {
  it('--format jsonl writes one schema-valid target object per line', async () => {
    const t = fakeIo();
    const code = await run(['scan', '--lab', '--format', 'jsonl', '--no-progress'], t.io);
    expect(code).toBe(1);
    expect(t.stdout.text.endsWith('\n')).toBe(true);
    const lines = t.stdout.text.trimEnd().split('\n');
    expect(lines).toHaveLength(lab.targets.length);
    for (const line of lines) {
      const value: unknown = JSON.parse(line);
      expect(targetErrors(value), line.slice(0, 80)).toEqual([]);
    }
    const paths = lines.map((l) => new URL((JSON.parse(l) as TargetResult).url).pathname).sort();
    expect(paths).toEqual(lab.targets.map((x) => x.endpoint.path).sort());
  });

  it('the text report names each finding id and ends with a Summary', async () => {
    const t = fakeIo();
    const code = await run(
      ['scan', ...labArgs(), labUrl('/reflect'), labUrl('/null'), labUrl('/safe')],
      t.io,
    );
    expect(code).toBe(1);
    const text = t.stdout.text;
    expect(text).toContain('origin-reflected');
    expect(text).toContain('null-origin-allowed');
    expect(text).toContain(labUrl('/safe'));
    expect(text).toMatch(/\nSummary: 3 target\(s\), 0 error\(s\)/);
    expect(text).not.toContain('\x1b[');
  });

  it('the text report never shows the cookie, Authorization or API key it sent, nor the Set-Cookie value', async () => {
    const t = fakeIo();
    await run(
      [
        'scan',
        ...labArgs(),
        '-v',
        '--cookie',
        'session=COOKIE-SECRET-1',
        '-H',
        'Authorization: Bearer AUTH-SECRET-2',
        '-H',
        'X-Api-Key: KEY-SECRET-3',
        labUrl('/reflect'),
        labUrl('/samesite-none'),
      ],
      t.io,
    );
    const text = t.stdout.text;
    expect(text).toContain('samesite-none-cookie');
    for (const secret of ['COOKIE-SECRET-1', 'AUTH-SECRET-2', 'KEY-SECRET-3', 'abc123']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('session=[redacted]');
  });

  it('colours the text report only when asked: --color forces it into a pipe, NO_COLOR and pipes turn it off', async () => {
    const args = ['scan', ...labArgs(), labUrl('/reflect')];
    const forced = fakeIo({ env: { NO_COLOR: '1' } });
    await run([...args, '--color'], forced.io);
    expect(forced.stdout.text).toContain('\x1b[');
    const piped = fakeIo();
    await run(args, piped.io);
    expect(piped.stdout.text).not.toContain('\x1b[');
  });

  it('--output FILE writes the report to the file and nothing to stdout', async () => {
    const file = join(tmp, 'report.json');
    const t = fakeIo();
    const code = await run(
      ['scan', ...labArgs(), '--format', 'json', '--output', file, labUrl('/safe')],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.stdout.text).toBe('');
    const doc: unknown = JSON.parse(await readFile(file, 'utf8'));
    expect(reportErrors(doc)).toEqual([]);
    expect((doc as Report).targets.map((x) => x.url)).toEqual([labUrl('/safe')]);
  });
});

describe('targets from a file and from stdin', () => {
  it('-i FILE scans every URL in it, skipping blank lines and # comments', async () => {
    const file = join(tmp, 'targets.txt');
    await writeFile(
      file,
      `# targets\n\n${plainBase}/one\n   \n  ${plainBase}/two  \n# ${plainBase}/commented-out\r\n${plainBase}/three\r\n`,
    );
    const { code, report } = await scanJson(['-i', file]);
    expect(code).toBe(0);
    expect(report.targets.map((t) => t.url).sort()).toEqual(
      [`${plainBase}/one`, `${plainBase}/two`, `${plainBase}/three`].sort(),
    );
  });

  it('-i FILE is scanned together with URL arguments', async () => {
    const file = join(tmp, 'more.txt');
    await writeFile(file, `${plainBase}/from-file\n`);
    const { report } = await scanJson([`${plainBase}/from-arg`, '-i', file]);
    expect(report.targets.map((t) => t.url).sort()).toEqual(
      [`${plainBase}/from-arg`, `${plainBase}/from-file`].sort(),
    );
  });

  it('reads targets piped on stdin when no URL is given', async () => {
    const { code, report } = await scanJson(
      [],
      [`${plainBase}/s1\n# comment\n\n`, `${plainBase}/s2\n`, `${CLOSED}\n`],
    );
    expect(code).toBe(3);
    expect(report.targets.map((t) => t.url).sort()).toEqual(
      [`${plainBase}/s1`, `${plainBase}/s2`, CLOSED].sort(),
    );
    expect(report.summary).toMatchObject({ targets: 3, scanned: 2, errors: 1 });
  });

  it('-i - reads stdin too', async () => {
    const { report } = await scanJson(['-i', '-'], [`${plainBase}/dash\n`]);
    expect(report.targets.map((t) => t.url)).toEqual([`${plainBase}/dash`]);
  });
});

describe('--trusted-origin', () => {
  it('is accepted and normalised before probes are sent', async () => {
    originsSeen.length = 0;
    const { code, report } = await scanJson([
      '--trusted-origin',
      'HTTPS://App.Trusted.EXAMPLE:443',
      `${plainBase}/trusted`,
    ]);
    expect(code).toBe(0);
    expect(report.targets[0]?.error).toBeUndefined();
    expect(originsSeen).toContain('https://app.trusted.example');
    expect(originsSeen).not.toContain('HTTPS://App.Trusted.EXAMPLE:443');
    // The default port is never written out. (Not `includes(':443')`: the test server's own random port,
    // e.g. 127.0.0.1:44312, appears among the probes too.)
    expect(originsSeen.some((o) => /:443$/.test(o))).toBe(false);
  });
});

describe('usage errors exit 2 with a message that says the fix', () => {
  const cases: ReadonlyArray<{ name: string; argv: string[]; message: RegExp; tty?: boolean }> = [
    {
      name: 'unknown option',
      argv: ['scan', '--bogus', CLOSED],
      message: /unknown option '--bogus'[\s\S]*--help/,
    },
    {
      name: '--format xml',
      argv: ['scan', '--format', 'xml', CLOSED],
      message: /one of text, json, jsonl, sarif, junit, markdown, html, got "xml"/,
    },
    {
      name: '--fail-on urgent',
      argv: ['scan', '--fail-on', 'urgent', CLOSED],
      message: /urgent[\s\S]*critical, high, medium, low, info, none/,
    },
    {
      name: '-c 0',
      argv: ['scan', '-c', '0', CLOSED],
      message: /concurrency must be a whole number from 1 to 1024, got "0"/,
    },
    {
      name: "-H 'bad'",
      argv: ['scan', '-H', 'bad', CLOSED],
      message: /not "Name: value"; write it like -H "X-Api-Key: abc"/,
    },
    {
      name: "-H 'Origin: x'",
      argv: ['scan', '-H', 'Origin: x', CLOSED],
      message: /Origin is not allowed: corsguard sets the Origin/,
    },
    {
      name: '--trusted-origin with a path',
      argv: ['scan', '--trusted-origin', 'https://a.example/path', CLOSED],
      message: /only scheme:\/\/host\[:port\] — remove "\/path"/,
    },
    {
      name: '--trusted-origin null',
      argv: ['scan', '--trusted-origin', 'null', CLOSED],
      message: /null origin can never be trusted/,
    },
    {
      name: '--resolve nonsense',
      argv: ['scan', '--resolve', 'nonsense', CLOSED],
      message: /write it like api\.example\.com:443:127\.0\.0\.1/,
    },
    {
      name: 'no targets with a terminal on stdin',
      argv: ['scan'],
      tty: true,
      message: /no targets: give URLs, -i FILE[\s\S]*--lab/,
    },
    {
      name: '--lab with a URL',
      argv: ['scan', '--lab', CLOSED],
      message: /drop the URLs and -i, or drop --lab/,
    },
    {
      name: '-i /nonexistent',
      argv: ['scan', '-i', '/nonexistent/targets.txt'],
      message: /no such readable file; give a file with one URL per line/,
    },
    { name: 'unknown command', argv: ['scna'], message: /unknown command 'scna'/ },
  ];

  it.each(cases)('$name', async ({ argv, message, tty }) => {
    const t = fakeIo({ stdinIsTTY: tty === true });
    expect(await run(argv, t.io)).toBe(2);
    expect(t.stderr.text).toMatch(message);
    expect(t.stderr.text).not.toMatch(STACK_FRAME);
    expect(t.stdout.text).toBe('');
  });

  it('an empty target list is a usage error in every input mode (never a silent pass)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corsguard-empty-'));
    try {
      const comments = join(dir, 'comments.txt');
      await writeFile(comments, '# nothing to scan yet\n\n   \n# still nothing\n');
      for (const [argv, stdin, source] of [
        [['scan'], [], 'stdin'], // corsguard scan </dev/null
        [['scan', '-i', '-'], ['# only a comment\n', '\n'], 'stdin'],
        [['scan', '-i', comments], [], comments],
      ] as const) {
        const t = fakeIo({ stdin });
        expect(await run([...argv], t.io), argv.join(' ')).toBe(2);
        expect(t.stderr.text).toContain(`no targets: ${source} has no URL`);
        expect(t.stdout.text).toBe('');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists every problem when several options are wrong', async () => {
    const t = fakeIo();
    expect(await run(['scan', '-c', '0', '--per-host', 'x', '-H', 'bad', CLOSED], t.io)).toBe(2);
    expect(t.stderr.text).toContain('-c/--concurrency');
    expect(t.stderr.text).toContain('--per-host');
    expect(t.stderr.text).toContain('-H "bad"');
  });
});

describe('--version and --help', () => {
  it('--version prints the package version and exits 0', async () => {
    const t = fakeIo();
    expect(await run(['--version'], t.io)).toBe(0);
    expect(t.stdout.text.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--help lists the commands and exits 0', async () => {
    const t = fakeIo();
    expect(await run(['--help'], t.io)).toBe(0);
    expect(t.stdout.text).toContain('scan');
    expect(t.stdout.text).toContain('lab');
  });

  it('scan --help lists the scan options and exits 0', async () => {
    const t = fakeIo();
    expect(await run(['scan', '--help'], t.io)).toBe(0);
    expect(t.stdout.text).toContain('--fail-on');
    expect(t.stdout.text).toContain('--trusted-origin');
  });
});
