// The generated TypeScript (Express, Fastify, Hono, Next.js, corsguard) compiles under the strictest
// settings this project uses (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes) against the
// real packages' types.
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { generateConfig } from '../../src/capabilities/generate/index.js';
import { GENERATE_CASES } from '../../src/capabilities/generate/test-support/policies.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

it('every generated TypeScript file typechecks', async () => {
  const dir = join(ROOT, 'test', '.tmp', `typecheck-${process.pid}`);
  await mkdir(dir, { recursive: true });
  try {
    for (const target of ['express', 'fastify', 'hono', 'next', 'corsguard'] as const) {
      for (const c of GENERATE_CASES) {
        // corsguard's package entry is built from src/; point the type import at the policy types.
        const code = generateConfig(target, c.input).code.replace(
          "from 'corsguard'",
          "from '../../../src/core/policy/index.js'",
        );
        await writeFile(join(dir, `${target}-${c.name}.ts`), code);
      }
    }
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.json',
        compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, rootDir: '../../..' },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
