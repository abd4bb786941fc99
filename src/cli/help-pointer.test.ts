import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

describe('usage errors point at the --help of their own command', () => {
  it.each([
    [['scan', '--bogus'], 'corsguard scan --help for the options'],
    [['check', '--bogus'], 'corsguard check --help for the options'],
    [['generate', '--bogus'], 'corsguard generate --help for the options'],
    [['init', '--bogus'], 'corsguard init --help for the options'],
    [['lab', '--bogus'], 'corsguard lab --help for the options'],
    [['policy', 'validate', '--bogus'], 'corsguard policy validate --help for the options'],
    [['policy', 'bogus'], 'corsguard policy --help for the commands'],
    [['--bogus'], 'corsguard --help for the commands'],
  ])('%j', async (argv, hint) => {
    const t = fakeIo();
    expect(await run(argv, t.io)).toBe(2);
    expect(t.stderr.text).toContain(`(run ${hint})`);
    if (argv[0] !== 'scan') expect(t.stderr.text).not.toContain('corsguard scan --help');
  });
});

describe('corsguard generate', () => {
  it('lists every issue the target cannot express, with its fix, and exits 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corsguard-gen-'));
    try {
      const file = join(dir, 'cors.policy.yaml');
      await writeFile(
        file,
        'version: 1\nenvironments:\n  production:\n    origins: [https://app.example.com]\n    privateNetwork: true\n    maxAge: 0\n',
      );
      const t = fakeIo();
      expect(await run(['generate', '--policy', file, '--target', 'django'], t.io)).toBe(2);
      expect(t.stdout.text).toBe('');
      expect(t.stderr.text).toContain(
        `corsguard: 2 problems in the django configuration of environment "production" (${file}):\n  - privateNetwork: the default policy has privateNetwork: true`,
      );
      expect(t.stderr.text).toContain('  - maxAge: the default policy has maxAge: 0');
      expect(t.stderr.text).toContain('. Fix: use maxAge: 1, or leave maxAge out\n');
      expect(t.stderr.text).toContain('nothing was written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
