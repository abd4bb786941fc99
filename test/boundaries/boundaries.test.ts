// The import-boundary rules of .dependency-cruiser.cjs (run by `npm test` as `npm run boundaries`) really
// refuse what they are meant to: each bad import below, written into a scratch copy of the layer layout,
// makes dependency-cruiser fail naming its rule, and the good layout passes.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A scratch project: the real config and tsconfig, plus the given files. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-boundaries-'));
  scratch.push(dir);
  cpSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  const base: Record<string, string> = {
    'src/core/origin/index.ts': "export { parse } from './parse.js';\n",
    'src/core/origin/parse.ts': 'export const parse = (s: string) => s;\n',
    'src/capabilities/scan/index.ts': "export { scan } from './scan.js';\n",
    'src/capabilities/scan/scan.ts':
      "import { parse } from '../../core/origin/index.js';\nexport const scan = (s: string) => parse(s);\n",
    'src/cli/main.ts': "import { scan } from '../capabilities/scan/index.js';\nscan('x');\n",
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
    { cwd: dir, encoding: 'utf8', timeout: 60_000 },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('import boundaries', () => {
  it('the layered layout with imports through index.ts passes', () => {
    const { status, output } = cruise({});
    expect(output).not.toMatch(/error/);
    expect(status).toBe(0);
  });

  it('a core model importing a capability (upward) fails', () => {
    const { status, output } = cruise({
      'src/core/origin/parse.ts':
        "import { scan } from '../../capabilities/scan/index.js';\nexport const parse = (s: string) => scan(s);\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/no-upward-from-core/);
  });

  it("a capability importing another folder's internal file (not its index.ts) fails", () => {
    const { status, output } = cruise({
      'src/capabilities/scan/scan.ts':
        "import { parse } from '../../core/origin/parse.js';\nexport const scan = (s: string) => parse(s);\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/through-index:/);
  });

  it('the CLI reaching past an index.ts fails', () => {
    const { status, output } = cruise({
      'src/cli/main.ts': "import { scan } from '../capabilities/scan/scan.js';\nscan('x');\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/through-index-from-cli/);
  });

  it('production code importing test-support fails', () => {
    const { status, output } = cruise({
      'src/capabilities/scan/test-support/fixture.ts': 'export const fixture = 1;\n',
      'src/capabilities/scan/scan.ts':
        "import { parse } from '../../core/origin/index.js';\nimport { fixture } from './test-support/fixture.js';\nexport const scan = (s: string) => parse(s) + fixture;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/no-test-code-in-production/);
  });
});
