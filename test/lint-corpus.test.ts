import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseDomain } from 'tldts';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFile, type LintFinding, prepareAnalyzers } from '../src/capabilities/lint/index.js';
import { SEVERITIES } from '../src/core/findings/index.js';
import { recheckCounterexamples } from '../src/services/lint/index.js';

/**
 * The lint corpus: real-world-shaped snippets, one file each (test/lint-corpus/<language>/…), with the
 * expected findings written by hand in comments: `expect: <id>[, <id>…]` for the line it is on,
 * `expect-next-line: <id>…` for the next line (Apache allows no comment after a directive). A file without
 * annotations is a correct configuration: lint must report nothing at `low` or above in it.
 */
const ROOT = new URL('./lint-corpus/', import.meta.url).pathname;
const LOW = SEVERITIES.indexOf('low');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.md') ? [] : [path];
  });
}

function expected(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /expect(-next-line)?: ([a-z-]+(?:, *[a-z-]+)*)/.exec(line);
    if (!m?.[2]) return;
    for (const id of m[2].split(/, */)) out.push(`${i + 1 + (m[1] ? 1 : 0)} ${id}`);
  });
  return out.sort();
}

const corpus = files(ROOT);

describe('lint corpus: every vulnerable snippet found with the right id on the right line, nothing on correct ones', () => {
  beforeAll(() => prepareAnalyzers());
  it('has at least 80 snippets', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
  });
  for (const path of corpus) {
    const name = relative(ROOT, path);
    it(name, () => {
      const text = readFileSync(path, 'utf8');
      const want = expected(text);
      const result = analyzeFile({ path: name, text });
      expect(result.problems).toEqual([]);
      const got = result.findings
        .filter((f) => SEVERITIES.indexOf(f.severity) <= LOW || want.includes(`${f.region.line} ${f.id}`))
        .map((f) => `${f.region.line} ${f.id}`);
      expect([...new Set(got)].sort()).toEqual(want);
    });
  }
  it('every counterexample is accepted by the real engine and is an origin an attacker can register', () => {
    const all: LintFinding[] = corpus.flatMap((path) =>
      analyzeFile({ path, text: readFileSync(path, 'utf8') }).findings.filter(
        (f) => f.counterexample !== undefined,
      ),
    );
    // Witnesses of patterns (regexes, and string checks turned into one); `includes` on a string of
    // origins gives a shorter origin found in that string instead, with no pattern to run.
    const witnesses = all.filter((f) => f.pattern !== undefined);
    expect(all.filter((f) => f.pattern === undefined).map((f) => f.id)).toEqual(['substring-match-bypass']);
    expect(witnesses.length).toBeGreaterThan(40);
    const checks = recheckCounterexamples(witnesses);
    for (const f of witnesses) {
      const where = `${f.file}:${f.region.line} ${f.id} ${f.counterexample}`;
      expect(checks.get(f)?.accepted, where).toBe(true);
      if (f.id.endsWith('-bypass') || f.id === 'origin-reflected') {
        const host = new URL(f.counterexample as string).hostname;
        // Registrable under a public suffix of the ICANN section of the Public Suffix List.
        const p = parseDomain(host);
        expect(p.isIcann === true && p.domain !== null, where).toBe(true);
      }
    }
    expect(new Set([...checks.values()].map((c) => c.engine))).toEqual(
      new Set(['javascript', 'pcre2', 'cpython']),
    );
  });
});
