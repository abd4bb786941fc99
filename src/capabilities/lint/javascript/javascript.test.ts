import { describe, expect, it } from 'vitest';
import { javascriptAnalyzer } from './index.js';

const lint = (text: string, path = 'app.js') => javascriptAnalyzer.analyze({ path, text });
const found = (text: string, path?: string) =>
  lint(text, path).findings.map(
    (f) => `${f.region.line} ${f.id} ${f.severity}${f.counterexample ? ` ${f.counterexample}` : ''}`,
  );

describe('JavaScript: CORS middleware options', () => {
  it('cors({ origin: true, credentials: true }) lets every site read with cookies', () => {
    expect(
      found("const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));"),
    ).toEqual(['2 origin-reflected critical']);
  });
  it('an options object in a variable is followed', () => {
    const text = "import cors from 'cors';\nconst opts = { origin: true };\napp.use(cors(opts));";
    expect(found(text)).toEqual(['2 origin-reflected low']);
  });
  it('origin "*" with credentials is wildcard-with-credentials; without, only informational', () => {
    expect(
      found("const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));"),
    ).toEqual(['2 wildcard-with-credentials low']);
    expect(found("const cors = require('cors');\napp.use(cors());")).toEqual(['2 wildcard-origin info']);
  });
  it('@koa/cors with credentials reflects the Origin by default', () => {
    expect(found("const cors = require('@koa/cors');\napp.use(cors({ credentials: true }));")).toEqual([
      '2 origin-reflected critical',
    ]);
  });
  it('a list with null, localhost and http origins names each entry on its line', () => {
    const text = [
      "const cors = require('cors');",
      'app.use(cors({ credentials: true, origin: [',
      "  'https://app.example.com',",
      "  'null',",
      "  'http://localhost:3000',",
      "  'http://app.example.com',",
      '] }));',
    ].join('\n');
    expect(found(text)).toEqual([
      '4 null-origin-allowed critical',
      '5 localhost-trusted medium',
      '6 insecure-scheme-trusted medium',
    ]);
  });
  it('an origin regex with an unescaped dot gets the lookalike domain and an exact fix', () => {
    const text =
      "const cors = require('cors');\napp.use(cors({ origin: /^https:\\/\\/app.example\\.com$/, credentials: true }));";
    const [f] = lint(text).findings;
    expect(f?.id).toBe('unescaped-dot-bypass');
    expect(f?.counterexample).toMatch(/^https:\/\/app[^.]example\.com$/);
    expect(f?.fix?.edit?.text).toBe('/^https:\\/\\/app\\.example\\.com$/');
  });
  it('an origin callback that answers endsWith(...) is a suffix bypass', () => {
    const text =
      "const cors = require('cors');\napp.use(cors({ credentials: true, origin: (origin, cb) => cb(null, origin.endsWith('example.com')) }));";
    expect(found(text)).toContain('2 suffix-match-bypass critical https://xexample.com');
  });
  it('the cors README callback (whitelist.indexOf(origin) !== -1, !origin allowed) is safe', () => {
    const text = [
      "const cors = require('cors');",
      "const whitelist = ['https://example1.com', 'https://example2.com'];",
      'app.use(cors({ credentials: true, origin(origin, callback) {',
      '  if (!origin || whitelist.indexOf(origin) !== -1) callback(null, true);',
      "  else callback(new Error('Not allowed by CORS'));",
      '} }));',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });
  it('fastify.register(cors, { origin: true }) and NestJS enableCors are read', () => {
    const text =
      "import cors from '@fastify/cors';\nawait app.register(cors, { origin: true, credentials: true });\nnest.enableCors({ origin: true });";
    expect(found(text)).toEqual(['2 origin-reflected critical', '3 origin-reflected low']);
  });
  it('an origin list from the environment is not guessed at', () => {
    const text =
      "const cors = require('cors');\napp.use(cors({ origin: process.env.ORIGINS.split(','), credentials: true }));";
    expect(found(text)).toEqual([]);
  });
});

describe('JavaScript: hand-written CORS headers', () => {
  it('copying req.headers.origin unchecked, with credentials, is critical', () => {
    const text = [
      'app.use((req, res, next) => {',
      "  res.header('Access-Control-Allow-Origin', req.headers.origin);",
      "  res.header('Access-Control-Allow-Credentials', true);",
      '  next();',
      '});',
    ].join('\n');
    expect(found(text)).toEqual(['2 origin-reflected critical', '2 vary-origin-missing low']);
  });
  it('an exact allowlist check with Vary is correct; without Vary it is vary-origin-missing', () => {
    const body = [
      "const ALLOWED = ['https://app.example.com'];",
      'app.use((req, res, next) => {',
      '  const origin = req.headers.origin;',
      '  if (ALLOWED.includes(origin)) {',
      "    res.setHeader('Access-Control-Allow-Origin', origin);",
    ];
    expect(found([...body, "    res.setHeader('Vary', 'Origin');", '  }', '});'].join('\n'))).toEqual([]);
    expect(found([...body, '  }', '});'].join('\n'))).toEqual(['5 vary-origin-missing low']);
  });
  it('an early return when the origin is not allowed guards what follows', () => {
    const text = [
      "const ALLOWED = new Set(['https://app.example.com']);",
      'function cors(req, res, next) {',
      "  const origin = req.get('origin');",
      '  if (!ALLOWED.has(origin)) return next();',
      "  res.set('Access-Control-Allow-Origin', origin);",
      "  res.vary('Origin');",
      '  next();',
      '}',
    ].join('\n');
    expect(found(text)).toEqual([]);
  });
  it('a deny-list (!origin.includes("evil")) trusts every other site', () => {
    const text =
      "app.use((req, res) => { const o = req.headers.origin; if (!o.includes('evil.com')) res.setHeader('Access-Control-Allow-Origin', o); });";
    expect(found(text)).toEqual(['1 origin-reflected low', '1 vary-origin-missing low']);
  });
  it('includes on a comma-separated string accepts a shorter origin of another site', () => {
    const text = [
      "const LIST = 'https://app.example.com,https://admin.example.com';",
      'app.use((req, res) => {',
      '  if (LIST.includes(req.headers.origin)) {',
      "    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
      "    res.setHeader('Access-Control-Allow-Credentials', 'true');",
      "    res.setHeader('Vary', 'Origin');",
      '  }',
      '});',
    ].join('\n');
    expect(found(text)).toEqual(['3 substring-match-bypass critical https://app.example.co']);
  });
  it('new URL(origin).hostname.endsWith("example.com") accepts xexample.com and http', () => {
    const text = [
      'export async function GET(req: Request) {',
      "  const origin = req.headers.get('origin') ?? '';",
      "  if (new URL(origin).hostname.endsWith('example.com')) {",
      "    return new Response('{}', { headers: { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } });",
      '  }',
      '}',
    ].join('\n');
    expect(found(text, 'route.ts')).toEqual([
      '3 suffix-match-bypass low https://xexample.com',
      '3 insecure-scheme-trusted low http://example.com',
    ]);
  });
  it('a regex test stored in a variable and used in a ternary is proven', () => {
    const text = [
      'export function middleware(request) {',
      "  const origin = request.headers.get('origin');",
      '  const ok = /^https:\\/\\/(www|app)\\.example\\.com/.test(origin);',
      '  const res = NextResponse.next();',
      "  res.headers.set('Access-Control-Allow-Origin', ok ? origin : 'https://example.com');",
      "  res.headers.set('Access-Control-Allow-Credentials', 'true');",
      "  res.headers.set('Vary', 'Origin');",
      '  return res;',
      '}',
    ].join('\n');
    expect(found(text, 'middleware.ts')).toEqual([
      '3 prefix-match-bypass critical https://app.example.com.x.com',
    ]);
  });
  it("next.config headers(): '*' with credentials", () => {
    const text =
      "module.exports = { async headers() { return [{ source: '/api/:path*', headers: [\n{ key: 'Access-Control-Allow-Credentials', value: 'true' },\n{ key: 'Access-Control-Allow-Origin', value: '*' },\n] }]; } };";
    expect(found(text, 'next.config.js')).toEqual(['3 wildcard-with-credentials low']);
  });
});

describe('JavaScript: pathological input', () => {
  it('a syntax error is a problem with its line, and the rest is still checked', () => {
    const r = lint(
      "const cors = require('cors');\napp.use(cors({ origin: true }));\nconst s = 'unterminated\n",
    );
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['LINT_PARSE_ERROR', 3]]);
  });
  it('10,000 nested brackets are refused with a problem instead of crashing the parser', () => {
    const r = lint(`const cors = require('cors');\nconst x = ${'['.repeat(10_000)}${']'.repeat(10_000)};`);
    expect(r.problems.map((p) => p.code)).toEqual(['LINT_TOO_DEEP']);
  });
  // oxc recurses natively: on a normal stack these crash the whole process (SIGSEGV) near 20,000 levels,
  // brackets or not. The parser runs on a 1 GiB stack, and a tree deeper than MAX_TREE_DEPTH is not
  // analysed (quadratic), so each ends quickly with a result or a problem.
  it.each([
    ['an else-if chain', 50_000, (n: number) => `if (a) b();${' else if (a) b();'.repeat(n)}`],
    ['a ternary chain', 100_000, (n: number) => `x = ${'a ? b : '.repeat(n)}c;`],
    ['an assignment chain', 100_000, (n: number) => `${'a = '.repeat(n)}1;`],
    ['an arrow chain', 100_000, (n: number) => `f = ${'x => '.repeat(n)}1;`],
    ['a unary chain', 300_000, (n: number) => `x = ${'!'.repeat(n)}a;`],
  ])(
    '%s nested %i deep is parsed without crashing the process: analysed, or refused with LINT_TOO_DEEP',
    (_name, n, make) => {
      const text = `const cors = require('cors');\n${make(n)}\napp.use(cors({ origin: true, credentials: true }));`;
      const r = lint(text);
      const codes = [...r.problems.map((p) => p.code), ...r.findings.map((f) => f.id)];
      // Either the file was analysed (the reflected origin is found) or it was refused, with a reason.
      expect(
        codes.includes('origin-reflected') || codes.includes('LINT_TOO_DEEP'),
        JSON.stringify(codes),
      ).toBe(true);
      expect(r.problems.filter((p) => p.code === 'LINT_INTERNAL')).toEqual([]);
    },
  );
  it('a long but real else-if chain (2,000) is analysed', () => {
    const r = lint(
      `const cors = require('cors');\nif (a) b();${' else if (a) b();'.repeat(2_000)}\napp.use(cors({ origin: true, credentials: true }));`,
    );
    expect(r.findings.map((f) => f.id)).toContain('origin-reflected');
  });
  it('a self-referencing binding (a = b; b = a) ends', () => {
    const text =
      "let a = b; let b = a;\napp.use((req, res) => res.setHeader('Access-Control-Allow-Origin', a));";
    expect(found(text)).toEqual([]);
  });
  it('control characters in a header value stay escaped in the snippet', () => {
    const text = "res.setHeader('Access-Control-Allow-Origin', 'null'); // \u001b[31mred\u0007";
    const [f] = lint(text).findings;
    expect(f?.id).toBe('null-origin-allowed');
    expect([...(f?.snippet ?? '')].some((c) => c.charCodeAt(0) < 32)).toBe(false);
  });
  it('a file that never mentions CORS is not parsed', () => {
    expect(lint('this is not javascript at all {{{')).toEqual({ findings: [], problems: [] });
  });
});
