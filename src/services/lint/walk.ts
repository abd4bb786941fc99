import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { CorsguardError } from '../../core/errors/index.js';

/** Options of {@link walkFiles}. */
export interface WalkOptions {
  /** Paths are reported relative to this directory (default: the process's working directory). */
  readonly cwd: string;
  /** Only files matching one of these globs (relative to `cwd`, picomatch syntax) are linted. */
  readonly include?: readonly string[];
  /** Files matching one of these globs are skipped. */
  readonly exclude?: readonly string[];
  /** Honour `.gitignore` files (default true). */
  readonly gitignore?: boolean;
  /** True for a path worth reading (a language some analyzer reads). */
  readonly candidate: (path: string) => boolean;
}

/** One file the walk yields: its path relative to `cwd` (with `/`), and the absolute path to read. */
export interface WalkedFile {
  readonly path: string;
  readonly absolute: string;
}

/** Directories never walked into: version control internals, and dependencies unless named as a root. */
const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn']);

const posix = (p: string) => p.split(sep).join('/');

interface Scope {
  readonly dir: string;
  readonly rules: Ignore;
}

async function gitignoreAt(dir: string): Promise<Ignore | null> {
  try {
    const text = await readFile(join(dir, '.gitignore'), 'utf8');
    return ignore().add(text);
  } catch {
    return null;
  }
}

function ignored(scopes: readonly Scope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = posix(relative(scope.dir, absolute));
    if (rel === '' || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Walks the given files and directories, depth first in name order, yielding the files worth linting:
 * `.gitignore` rules honoured at every level (as git reads them: a nested file's patterns are relative to
 * its directory), `--include`/`--exclude` globs applied to the path relative to `cwd`, `.git` and
 * `node_modules` skipped (unless a root is inside `node_modules`), symbolic links not followed (no loops).
 * A path that does not exist is a `USAGE` error naming it.
 *
 * @example
 * ```ts
 * for await (const f of walkFiles(['src'], { cwd: process.cwd(), candidate: (p) => p.endsWith('.js') })) console.log(f.path);
 * ```
 */
export async function* walkFiles(roots: readonly string[], options: WalkOptions): AsyncGenerator<WalkedFile> {
  const include = options.include?.length ? picomatch([...options.include], { dot: true }) : null;
  const exclude = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : null;
  const wanted = (path: string) =>
    options.candidate(path) && (include === null || include(path)) && !(exclude?.(path) ?? false);
  const useGitignore = options.gitignore ?? true;
  for (const root of roots) {
    const absolute = resolve(options.cwd, root);
    const stat = await lstat(absolute).catch(() => null);
    if (stat === null)
      throw new CorsguardError(
        'USAGE',
        `${root}: no such file or directory; give files or directories to lint`,
      );
    if (!stat.isDirectory()) {
      // A file named on the command line is linted even if ignored: it was asked for by name.
      yield { path: shown(options.cwd, absolute) || basename(absolute), absolute };
      continue;
    }
    const inDependencies = posix(absolute).split('/').includes('node_modules');
    const scopes: Scope[] = [];
    if (useGitignore) {
      // The rules of the directories from the working directory down to the root apply too.
      for (const dir of chainFrom(options.cwd, absolute)) {
        const rules = await gitignoreAt(dir);
        if (rules) scopes.push({ dir, rules });
      }
    }
    yield* walkDir(absolute, scopes, useGitignore, inDependencies, wanted, options.cwd);
  }
}

/** A file's path in reports: relative to `cwd` when inside it, else absolute. */
function shown(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return posix(rel.startsWith('..') ? absolute : rel);
}

/** The directories from `cwd` down to `dir` when `dir` is inside `cwd`, else `dir` alone. */
function chainFrom(cwd: string, dir: string): string[] {
  const rel = relative(cwd, dir);
  if (rel.startsWith('..') || rel === '') return [dir];
  const chain = [cwd];
  let at = cwd;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    chain.push(at);
  }
  return chain;
}

async function* walkDir(
  dir: string,
  scopes: Scope[],
  useGitignore: boolean,
  inDependencies: boolean,
  wanted: (path: string) => boolean,
  cwd: string,
): AsyncGenerator<WalkedFile> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory (permissions): nothing in it can be linted
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || (entry.name === 'node_modules' && !inDependencies)) continue;
      if (ignored(scopes, absolute, true)) continue;
      const rules = useGitignore ? await gitignoreAt(absolute) : null;
      const inner = rules ? [...scopes, { dir: absolute, rules }] : scopes;
      yield* walkDir(absolute, inner, useGitignore, inDependencies, wanted, cwd);
    } else if (entry.isFile()) {
      const path = shown(cwd, absolute);
      if (!wanted(path) || ignored(scopes, absolute, false)) continue;
      yield { path, absolute };
    }
  }
}
