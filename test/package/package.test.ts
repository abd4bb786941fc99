// The package as npm would publish it: `npm pack` (which builds through `prepack`), then the tarball's
// contents, then an install of the tarball with --engine-strict into an empty project, which imports every
// entry point at run time and type-checks them under both module resolutions TypeScript users have.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  exports: Record<string, { types: string; default: string }>;
  typesVersions: { '*': Record<string, string[]> };
};
const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.');

let work: string;
let tarball: string;
let files: string[];

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, CI: '1' },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-pack-'));
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  expect(packed.status, packed.out).toBe(0);
  const json = packed.out.slice(packed.out.indexOf('['), packed.out.lastIndexOf(']') + 1);
  const [info] = JSON.parse(json) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no file list:\n${packed.out}`);
  tarball = join(work, info.filename);
  files = info.files.map((f) => f.path);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm tarball', () => {
  it('holds the LICENSE, the README and the two published schemas', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'schema/cors-policy.schema.json',
        'schema/report.schema.json',
      ]),
    );
  });

  it('ships no vendored test schema, no test file and no test fixture', () => {
    expect(files.filter((f) => f.startsWith('schema/vendor/'))).toEqual([]);
    expect(files.filter((f) => /\.test\.|\/test-support\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it('has no dangling source map: every map carries the sources it points at', () => {
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(50);
    for (const map of maps) {
      const m = JSON.parse(readFileSync(join(ROOT, map), 'utf8')) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      expect(m.sourcesContent?.length, map).toBe(m.sources.length);
      expect(
        m.sourcesContent?.every((s) => typeof s === 'string' && s.length > 0),
        map,
      ).toBe(true);
    }
  });

  it('holds every file package.json points at: bin, exports and typesVersions', () => {
    const targets = [
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports).flatMap((e) => [e.types, e.default]),
      ...Object.values(pkg.typesVersions['*']).flat(),
    ].map((p) => p.replace(/^\.\//, ''));
    for (const t of targets) expect(files, t).toContain(t);
    expect(Object.keys(pkg.typesVersions['*']).sort()).toEqual(subpaths.map((s) => s.slice(2)).sort());
  });
});

describe('installed from the tarball', () => {
  let app: string;
  beforeAll(() => {
    app = join(work, 'app');
    run('mkdir', ['-p', app], work);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const installed = run(
      'npm',
      ['install', '--engine-strict', '--prefer-offline', '--no-audit', '--no-fund', tarball],
      app,
    );
    expect(installed.status, installed.out).toBe(0);
    expect(installed.out).not.toMatch(/EBADENGINE/);
  }, 300_000);

  it('imports every entry point at run time and runs the CLI', () => {
    const script = [
      `await import('${pkg.name}');`,
      ...subpaths.map((s) => `await import('${pkg.name}${s.slice(1)}');`),
    ];
    const imported = run(process.execPath, ['--input-type=module', '-e', script.join('\n')], app);
    expect(imported.out.trim()).toBe('');
    expect(imported.status).toBe(0);
    const help = run(join(app, 'node_modules', '.bin', 'corsguard'), ['--help'], app);
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/scan/);
  });

  for (const resolution of ['node10', 'nodenext'] as const) {
    it(`type-checks every entry point with moduleResolution ${resolution}`, () => {
      const dir = join(app, `ts-${resolution}`);
      run('mkdir', ['-p', dir], app);
      const lines = [
        `import type { PolicyInput } from '${pkg.name}';`,
        ...subpaths.map((s, i) => `import * as m${i} from '${pkg.name}${s.slice(1)}';`),
        `export const all = [${subpaths.map((_, i) => `m${i}`).join(', ')}];`,
        `export const policy: PolicyInput = { origins: ['https://app.example.com'] };`,
      ];
      writeFileSync(join(dir, 'consumer.ts'), `${lines.join('\n')}\n`);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            target: 'ES2022',
            types: ['node'],
            typeRoots: [join(ROOT, 'node_modules', '@types')],
            ...(resolution === 'node10'
              ? { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }
              : { module: 'nodenext', moduleResolution: 'nodenext' }),
          },
          files: ['consumer.ts'],
        }),
      );
      const tsc = run(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
        dir,
      );
      expect(tsc.out.trim()).toBe('');
      expect(tsc.status).toBe(0);
    }, 120_000);
  }
});
