import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyServer } from '../../capabilities/check/test-support/policy-server.js';
import { CorsguardError } from '../../core/errors/index.js';
import { inferDraft, writePolicyDraft } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corsguard-init-service-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('inferDraft and writePolicyDraft', () => {
  it('drafts a policy from a live deployment and writes it once, refusing to overwrite', async () => {
    const server = await startPolicyServer({ origins: ['https://app.example.com'], credentials: true });
    try {
      const started: string[] = [];
      const { draft, requests } = await inferDraft(server.url('/v1/me'), {
        declared: ['https://app.example.com'],
        overrides: { maxAge: 60 },
        onStart: () => started.push('start'),
      });
      expect(started).toEqual(['start']);
      expect(requests).toBeGreaterThan(0);
      expect(draft).toMatchObject({ environment: 'development', urls: [server.url('/v1/me')], maxAge: 60 });
      expect(draft.origins).toContain('https://app.example.com');
      const file = join(dir, 'cors.policy.yaml');
      const { text } = await writePolicyDraft(draft, file);
      expect(await readFile(file, 'utf8')).toBe(text);
      await expect(writePolicyDraft(draft, file)).rejects.toThrow(/already exists; use --force/);
      await expect(writePolicyDraft(draft, file, { force: true })).resolves.toMatchObject({ file });
    } finally {
      await server.close();
    }
    await expect(inferDraft('ftp://x/')).rejects.toBeInstanceOf(CorsguardError);
  });
});
