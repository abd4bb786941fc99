import { beforeAll, describe, expect, it } from 'vitest';
import { pythonAnalyzer } from './index.js';

const found = (text: string, path = 'settings.py') =>
  pythonAnalyzer
    .analyze({ path, text })
    .findings.map(
      (f) => `${f.region.line} ${f.id} ${f.severity}${f.counterexample ? ` ${f.counterexample}` : ''}`,
    );

beforeAll(() => pythonAnalyzer.prepare?.());

describe('Python: the settings and middleware that reflect every origin', () => {
  it('CORS_ALLOW_ALL_ORIGINS with credentials: django-cors-headers echoes the Origin', () => {
    expect(found('CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n')).toEqual([
      '1 origin-reflected critical',
    ]);
    expect(found('CORS_ALLOW_ALL_ORIGINS = True\n')).toEqual(['1 wildcard-origin info']);
  });
  it('re.match semantics: a regex without $ lets https://app.example.com.<attacker> through', () => {
    expect(
      found('CORS_ALLOW_CREDENTIALS = True\nCORS_ALLOWED_ORIGIN_REGEXES = [r"^https://app\\.example\\.com"]'),
    ).toEqual(['2 prefix-match-bypass critical https://app.example.com.x.com']);
  });
  it('fullmatch semantics: the same regex in Starlette allow_origin_regex is safe', () => {
    const text =
      'app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://app\\.example\\.com", allow_credentials=True)';
    expect(found(text, 'main.py')).toEqual([]);
  });
  it('the regex fix rewrites the raw string literal exactly', () => {
    const text = 'CORS_ALLOWED_ORIGIN_REGEXES = [r"https://api.example\\.com"]';
    const [f] = pythonAnalyzer.analyze({ path: 'settings.py', text }).findings;
    expect(f?.id).toBe('unescaped-dot-bypass');
    expect(f?.fix?.edit?.text).toBe('r"^https://api\\.example\\.com$"');
  });
  it('flask-cors CORS(app, supports_credentials=True) reflects every origin with cookies', () => {
    expect(found('from flask_cors import CORS\nCORS(app, supports_credentials=True)', 'app.py')).toEqual([
      '2 origin-reflected critical',
    ]);
  });
  it('a view that checks origin.endswith("example.com") trusts xexample.com', () => {
    const text = [
      'def view(request):',
      '    origin = request.headers.get("Origin", "")',
      '    response = HttpResponse()',
      '    if not origin.endswith("example.com"):',
      '        return response',
      '    response["Access-Control-Allow-Origin"] = origin',
      '    response["Vary"] = "Origin"',
      '    return response',
    ].join('\n');
    expect(found(text, 'views.py')).toEqual([
      '4 suffix-match-bypass low https://xexample.com',
      '4 insecure-scheme-trusted low http://example.com',
    ]);
  });
  it('an exact set lookup without Vary is vary-origin-missing', () => {
    const text = [
      'ALLOWED = {"https://app.example.com"}',
      'def view(request):',
      '    origin = request.META.get("HTTP_ORIGIN")',
      '    response = HttpResponse()',
      '    if origin in ALLOWED:',
      '        response["Access-Control-Allow-Origin"] = origin',
      '    return response',
    ].join('\n');
    expect(found(text, 'views.py')).toEqual(['6 vary-origin-missing low']);
  });
});

describe('Python: pathological input', () => {
  it('a syntax error is a problem with its line, and the rest is still checked', () => {
    const r = pythonAnalyzer.analyze({
      path: 'settings.py',
      text: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\ndef broken(:\n',
    });
    expect(r.findings.map((f) => f.id)).toEqual(['origin-reflected']);
    expect(r.problems.map((p) => [p.code, p.line])).toEqual([['LINT_PARSE_ERROR', 3]]);
  });
  it('100,000 nested brackets parse without overflowing a stack', () => {
    const text = `CORS_ALLOWED_ORIGINS = ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(pythonAnalyzer.analyze({ path: 'settings.py', text }).problems).toEqual([]);
  });
  it('control characters in a listed origin stay escaped in the snippet', () => {
    const text = 'CORS_ALLOWED_ORIGINS = ["null", "\u001b[31m"]  # \u0007';
    const [f] = pythonAnalyzer.analyze({ path: 'settings.py', text }).findings;
    expect(f?.id).toBe('null-origin-allowed');
    expect([...(f?.snippet ?? '')].some((c) => c.charCodeAt(0) < 32)).toBe(false);
  });
});
