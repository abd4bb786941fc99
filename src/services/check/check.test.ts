import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyServer } from '../../capabilities/check/test-support/policy-server.js';
import { EXIT } from '../../outputs/kit/index.js';
import { generateFromPolicyFile } from '../generate/index.js';
import { runCheck } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corsguard-services-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policyFile(text: string): Promise<string> {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, text);
  return file;
}

describe('runCheck', () => {
  it('returns the run, its summary and exit code, and the issues of an invalid file as data', async () => {
    const server = await startPolicyServer({ origins: ['https://app.example.com'], credentials: true });
    try {
      const file = await policyFile(
        `version: 1\nenvironments:\n  production:\n    urls: ['${server.url('/v1/me')}']\n    origins: [https://app.example.com]\n    credentials: true\n`,
      );
      const outcome = await runCheck(file, undefined, { network: { timeoutMs: 5000 } });
      if (!outcome.ok) throw new Error('expected a run');
      expect(outcome.exitCode).toBe(EXIT.ok);
      expect(outcome.run.environment).toBe('production');
      expect(outcome.summary.violations).toBe(0);
      expect(outcome.run.results[0]?.probeIds.length).toBe(outcome.summary.probes);
    } finally {
      await server.close();
    }
    const bad = await policyFile("version: 1\nenvironments:\n  production:\n    origins: ['null']\n");
    const invalid = await runCheck(bad, 'production');
    expect(invalid).toMatchObject({ ok: false, policyFile: bad, exitCode: EXIT.usage });
    expect(!invalid.ok && invalid.issues.map((i) => i.code)).toContain('origin-null');
  });
});

describe('generateFromPolicyFile', () => {
  it('returns the configuration, or what the target cannot express as issues', async () => {
    const file = await policyFile(
      'version: 1\nenvironments:\n  production:\n    origins: [https://app.example.com]\n    privateNetwork: true\n',
    );
    const nginx = await generateFromPolicyFile(file, 'production', 'nginx');
    expect(nginx.ok && nginx.config.filename).toBe('cors.conf');
    const express = await generateFromPolicyFile(file, 'production', 'express');
    expect(express).toMatchObject({ ok: false, exitCode: EXIT.usage });
    expect('refused' in express && express.refused.map((i) => [i.code, i.path])).toEqual([
      ['private-network-unsupported', ['privateNetwork']],
    ]);
  });
});
