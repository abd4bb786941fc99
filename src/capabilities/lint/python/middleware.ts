import {
  callName,
  dictValue,
  keywords,
  type Node,
  positional,
  pyBool,
  pyElements,
  pyString,
  visit,
} from './ast.js';
import { type PyContext, type PySite, pyEntries, pyRegex, pyReport, pyResolve } from './context.js';

const FLASK_REGEX_CHARS = /[*\\\]?$^[()]/;

/**
 * flask-cors: `CORS(app, …)`, `@cross_origin(…)` and per-resource `resources={r"/api/*": {"origins": …}}`.
 * Its default `origins="*"` does NOT send `*`: unless `send_wildcard=True` it answers the request's own
 * Origin (flask-cors docs, "send_wildcard"), so every site can read — with cookies when
 * `supports_credentials=True`. A string with regex characters is a pattern applied with
 * `re.match(pattern, origin, flags=re.IGNORECASE)`; other strings are compared exactly (flask-cors
 * `try_match`).
 */
function flaskCors(ctx: PyContext, call: Node): void {
  const kw = keywords(call);
  const credentialed = pyBool(kw.get('supports_credentials')) === true;
  const site: PySite = {
    rule: 'python/flask-cors',
    reach: credentialed ? 'credentialed' : 'anonymous',
    what: call.text.split('\n')[0]?.slice(0, 90) ?? 'CORS(...)',
  };
  const wildcard = pyBool(kw.get('send_wildcard')) === true;
  const judge = (origins: Node | undefined, at: Node, site: PySite) => {
    const value = pyResolve(origins, ctx);
    if (origins !== undefined && value === undefined) return;
    const list = value === undefined ? undefined : (pyElements(value) ?? [value]);
    if (list === undefined || list.some((n) => pyString(n) === '*')) {
      if (wildcard && credentialed)
        pyReport(
          ctx,
          'wildcard-with-credentials',
          at,
          site,
          '`*` is sent with credentials, which browsers refuse',
        );
      else if (wildcard)
        pyReport(
          ctx,
          'wildcard-origin',
          at,
          site,
          'every website can read these responses (without cookies)',
        );
      else
        pyReport(
          ctx,
          'origin-reflected',
          at,
          site,
          'flask-cors answers `origins="*"` (its default) with the request\'s own Origin, so every website is trusted',
          {
            description: 'pass origins=["https://app.example.com"] (the front ends that need it)',
          },
        );
      return;
    }
    for (const n of list) {
      const s = pyString(n);
      if (s === undefined) continue;
      if (FLASK_REGEX_CHARS.test(s)) pyRegex(ctx, n, s, { flags: 'i', dialect: 'python-match' }, site);
      else pyEntries(ctx, [n], site);
    }
  };
  const resources = pyResolve(kw.get('resources'), ctx);
  if (resources?.type === 'dictionary') {
    for (const pair of resources.namedChildren) {
      const options = pair?.type === 'pair' ? pyResolve(pair.childForFieldName('value'), ctx) : undefined;
      if (options?.type === 'dictionary') {
        const creds = pyBool(dictValue(options, 'supports_credentials')) === true;
        const inner: PySite = { ...site, reach: creds || credentialed ? 'credentialed' : 'anonymous' };
        const origins = dictValue(options, 'origins');
        judge(origins, origins ?? options, inner);
      }
    }
    return;
  }
  judge(kw.get('origins'), kw.get('origins') ?? call, site);
}

/**
 * Starlette/FastAPI `CORSMiddleware` (`app.add_middleware(CORSMiddleware, …)`, `Middleware(CORSMiddleware, …)`).
 * With `allow_origins=["*"]` and `allow_credentials=True` it answers a request that carries cookies with
 * that request's own Origin (starlette/middleware/cors.py), so every site reads with cookies.
 * `allow_origin_regex` is applied with `fullmatch`.
 */
function starlette(ctx: PyContext, call: Node): void {
  const args = positional(call);
  if (args[0]?.text !== 'CORSMiddleware' && !args[0]?.text.endsWith('.CORSMiddleware')) return;
  const kw = keywords(call);
  const credentialed = pyBool(kw.get('allow_credentials')) === true;
  const site: PySite = {
    rule: 'python/starlette-cors',
    reach: credentialed ? 'credentialed' : 'anonymous',
    what: 'CORSMiddleware',
  };
  const origins = pyResolve(kw.get('allow_origins'), ctx);
  const list = pyElements(origins) ?? [];
  const star = list.find((n) => pyString(n) === '*');
  if (star) {
    if (credentialed)
      pyReport(
        ctx,
        'origin-reflected',
        star,
        site,
        "with allow_credentials=True, Starlette answers `*` with the request's own Origin whenever it carries cookies, so every website can read responses with them",
        {
          description: 'list the front ends in allow_origins=["https://app.example.com"]',
        },
      );
    else
      pyReport(
        ctx,
        'wildcard-origin',
        star,
        site,
        'every website can read these responses (without cookies)',
      );
  }
  pyEntries(ctx, list, site);
  const regex = pyResolve(kw.get('allow_origin_regex'), ctx);
  const source = pyString(regex);
  if (regex && source !== undefined)
    pyRegex(ctx, regex, source, { flags: '', dialect: 'python-fullmatch' }, site);
}

/**
 * CORS middleware configured in Python code: flask-cors and Starlette/FastAPI's `CORSMiddleware`.
 *
 * @example
 * ```ts
 * checkPythonMiddleware(ctx, tree.rootNode); // CORS(app, supports_credentials=True) → origin-reflected
 * ```
 */
export function checkPythonMiddleware(ctx: PyContext, root: Node): void {
  const flask = /\bflask_cors\b/.test(root.text);
  visit(root, (node) => {
    if (node.type !== 'call') return;
    const name = callName(node);
    if ((name === 'CORS' || name === 'cross_origin') && flask) flaskCors(ctx, node);
    else if (name === 'add_middleware' || name === 'Middleware') starlette(ctx, node);
  });
}
