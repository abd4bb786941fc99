import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OriginRegex, proveOriginRegex, toJsRegex } from './index.js';
import { isAttackerOrigin, originArbitrary } from './test-support/origins.js';

/**
 * The prover against the engines that really run these patterns: CPython's `re` for Django, flask-cors and
 * Starlette (match / fullmatch / search), PCRE2 (GNU `grep -P`, the library nginx and Apache link) for
 * server configs. Every counterexample must be accepted by the real engine and be registrable by an
 * attacker under a Public Suffix List entry; every pattern proven safe must reject every generated
 * attacker origin when the real engine runs it.
 */
const SITE = 'example.com';

function missing(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: ['pipe', 'ignore', 'ignore'], input: 'a\n' });
    return null;
  } catch {
    if (process.env.CORSGUARD_REQUIRE_SERVERS === '1') throw new Error(`${command} is required on CI`);
    return `${command} is not available`;
  }
}

const FN = { 'python-match': 'match', 'python-fullmatch': 'fullmatch', 'python-search': 'search' } as const;

/** CPython's verdict for every origin, in one process. */
function cpython(regex: OriginRegex, origins: readonly string[]): boolean[] {
  const script = `import json,re,sys
d=json.load(sys.stdin)
f=re.IGNORECASE if 'i' in d['flags'] else 0
print(json.dumps([getattr(re,d['fn'])(d['source'],o,f) is not None for o in d['origins']]))`;
  const fn = FN[regex.dialect as keyof typeof FN];
  const input = JSON.stringify({ source: regex.source, flags: regex.flags, fn, origins });
  return JSON.parse(execFileSync('python3', ['-I', '-c', script], { input, encoding: 'utf8' })) as boolean[];
}

/** PCRE2's verdict (matches anywhere, as nginx `~`/`~*` and Apache `SetEnvIf` apply it) for every origin. */
function pcre2(regex: OriginRegex, origins: readonly string[]): boolean[] {
  const args = ['-nP', ...(regex.flags.includes('i') ? ['-i'] : []), '-e', regex.source];
  let out = '';
  try {
    out = execFileSync('grep', args, { input: `${origins.join('\n')}\n`, encoding: 'utf8' });
  } catch (e) {
    if ((e as { status?: number }).status !== 1) throw e;
  }
  const hit = new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => Number(l.slice(0, l.indexOf(':'))) - 1),
  );
  return origins.map((_, i) => hit.has(i));
}

const engine = (r: OriginRegex) => (r.dialect === 'pcre' ? pcre2 : cpython);

const py = (source: string, dialect: OriginRegex['dialect'] = 'python-match', flags = ''): OriginRegex => ({
  source,
  flags,
  dialect,
});
const pcre = (source: string, flags = ''): OriginRegex => ({ source, flags, dialect: 'pcre' });

const VULNERABLE: OriginRegex[] = [
  // django-cors-headers CORS_ALLOWED_ORIGIN_REGEXES (re.match: anchored at the start only)
  py(String.raw`https://.*\.example\.com`),
  py(String.raw`https://app\.example\.com`),
  py(String.raw`^https://\w+\.example\.com`),
  py(String.raw`https?://app\.example\.com$`),
  py(String.raw`https://.*example\.com$`),
  py(String.raw`https://api.example\.com$`),
  py(String.raw`(?i)HTTPS://APP\.EXAMPLE\.COM`),
  py(String.raw`^(https://app\.example\.com|null)$`),
  // Starlette allow_origin_regex (fullmatch) and hand-written re.search
  py(String.raw`https://.*example\.com`, 'python-fullmatch'),
  py(String.raw`https://(www|api).example\.com`, 'python-fullmatch'),
  py(String.raw`example\.com`, 'python-search'),
  py(String.raw`^https://[a-z]+\.example\.com`, 'python-search', 'i'),
  // nginx `if ($http_origin ~* …)` / map, Apache SetEnvIf Origin (PCRE, matches anywhere)
  pcre(String.raw`https?://(.*\.)?example\.com`, 'i'),
  pcre(String.raw`^https://(www|app)\.example\.com`),
  pcre(String.raw`(?i)^https://app.example\.com$`),
  pcre(String.raw`example\.com$`, 'i'),
  pcre(String.raw`^https?://([a-z0-9-]+\.)*example\.com$`),
  pcre(String.raw`^https://[a-z]+\.example\.com(:[0-9]+)?$|^null$`),
];

const SAFE: OriginRegex[] = [
  py(String.raw`https://app\.example\.com$`),
  py(String.raw`https://(www|api)\.example\.com$`),
  py(String.raw`https://app\.example\.com`, 'python-fullmatch'),
  py(String.raw`https://([a-z0-9-]+\.)?example\.com`, 'python-fullmatch', 'i'),
  py(String.raw`\Ahttps://api\.example\.com\Z`, 'python-search'),
  pcre(String.raw`^https://(www|app)\.example\.com$`),
  pcre(String.raw`^https://app\.example\.com(:443)?$`, 'i'),
  pcre(String.raw`(?i)^https://(?:[a-z0-9-]+\.)?example\.com$`),
];

const noPython = missing('python3', ['-c', 'import re']);
const noGrep = missing('grep', ['-qP', 'a']);
const skip = (r: OriginRegex) => (r.dialect === 'pcre' ? noGrep : noPython) !== null;

describe('prover counterexamples in the real engines', () => {
  it('covers 26 patterns across the dialects', () => {
    expect(VULNERABLE.length + SAFE.length).toBe(26);
  });
  for (const regex of VULNERABLE) {
    it.skipIf(skip(regex))(
      `${regex.dialect} ${regex.source} /${regex.flags}: every counterexample is accepted and registrable`,
      () => {
        const proof = proveOriginRegex(toJsRegex(regex), { trustedSite: SITE });
        expect(proof.verdict).toBe('vulnerable');
        const origins = proof.counterexamples.map((c) => c.origin);
        expect(engine(regex)(regex, origins)).toEqual(origins.map(() => true));
        for (const cx of proof.counterexamples) {
          expect(isAttackerOrigin(cx.origin, SITE), cx.origin).toBe(true);
          if (cx.kind === 'cross-site')
            expect(cx.listedSuffix, `${cx.origin} is under a PSL entry`).toBe(true);
        }
      },
    );
  }
  for (const regex of SAFE) {
    it.skipIf(skip(regex))(
      `${regex.dialect} ${regex.source} /${regex.flags}: proven safe, and the real engine rejects 3,000 generated attacker origins`,
      () => {
        expect(proveOriginRegex(toJsRegex(regex), { trustedSite: SITE }).verdict).toBe('safe');
        const origins = fc
          .sample(originArbitrary(SITE), { numRuns: 3000, seed: 13 })
          .filter((o) => isAttackerOrigin(o, SITE));
        expect(origins.length).toBeGreaterThan(1500);
        const verdicts = engine(regex)(regex, origins);
        expect(origins.filter((_, i) => verdicts[i])).toEqual([]);
      },
    );
  }
  it.skipIf(noPython !== null)(
    'the generated origins have teeth: the real engine accepts some for the vulnerable patterns',
    () => {
      const origins = fc
        .sample(originArbitrary(SITE), { numRuns: 3000, seed: 13 })
        .filter((o) => isAttackerOrigin(o, SITE));
      const regex = py(String.raw`https://.*\.example\.com`);
      expect(cpython(regex, origins).filter(Boolean).length).toBeGreaterThan(0);
    },
  );
});
