import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayLint } from '../../capabilities/lint/index.js';
import { walkFiles } from './index.js';

let root: string;

function put(path: string, text = 'x'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function walk(paths: string[], extra: Record<string, unknown> = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const f of walkFiles(paths, { cwd: root, candidate: mayLint, ...extra })) out.push(f.path);
  return out;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cg-walk-'));
  put('.gitignore', 'dist/\n*.generated.ts\n');
  put('src/app.ts');
  put('src/app.generated.ts');
  put('src/logo.png');
  put('src/types.d.ts');
  put('src/vendor.min.js');
  put('src/legacy/.gitignore', 'old.js\n');
  put('src/legacy/old.js');
  put('src/legacy/new.js');
  put('dist/app.js');
  put('node_modules/cors/index.js');
  put('etc/nginx/sites-available/default');
  put('etc/nginx/nginx.conf');
  put('api/settings.py');
  put('.git/hooks/pre-commit.js');
  symlinkSync(root, join(root, 'src/loop'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('walkFiles: what lint reads in a repository', () => {
  it('honours .gitignore at every level, skips .git, node_modules, binaries by name, .d.ts and minified files, and symlinks', async () => {
    expect(await walk(['.'])).toEqual([
      'api/settings.py',
      'etc/nginx/nginx.conf',
      'etc/nginx/sites-available/default',
      'src/app.ts',
      'src/legacy/new.js',
    ]);
  });
  it('--no-gitignore lints what .gitignore excludes (but never .git or node_modules)', async () => {
    expect(await walk(['src'], { gitignore: false })).toEqual([
      'src/app.generated.ts',
      'src/app.ts',
      'src/legacy/new.js',
      'src/legacy/old.js',
    ]);
  });
  it('walks node_modules when it is the root asked for (the benchmark lints dependencies)', async () => {
    expect(await walk(['node_modules'])).toEqual(['node_modules/cors/index.js']);
  });
  it('--include and --exclude globs apply to paths relative to the working directory', async () => {
    expect(await walk(['.'], { include: ['src/**'] })).toEqual(['src/app.ts', 'src/legacy/new.js']);
    expect(await walk(['.'], { exclude: ['**/*.py', 'etc/**'] })).toEqual([
      'src/app.ts',
      'src/legacy/new.js',
    ]);
  });
  it('a file named on the command line is linted even when .gitignore excludes it', async () => {
    expect(await walk(['dist/app.js'])).toEqual(['dist/app.js']);
  });
  it('a path that does not exist is a usage error naming it', async () => {
    await expect(walk(['nope/'])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('nope/'),
    });
  });
});
