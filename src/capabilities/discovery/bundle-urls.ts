import { parseJavaScript, rangeOf } from '../../core/javascript/index.js';
import { LineIndex } from '../../core/text/index.js';
import { child, children, type Node, nameOf, objectName, unwrap, walk } from './js-ast.js';
import { type StaticString, staticString } from './static-string.js';

/** A URL string found in JavaScript, as written (maybe relative), with its 1-based line. */
export interface BundleUrl {
  readonly url: string;
  readonly line: number;
}

/** What {@link bundleUrls} found in one script. */
export interface BundleScan {
  /** Endpoint URLs: passed to fetch, axios, XMLHttpRequest, jQuery, WebSocket…; API-like absolute URLs. */
  readonly urls: readonly BundleUrl[];
  /** Module specifiers of `import`/`export … from`/`import()` (chunks of the same bundle). */
  readonly imports: readonly BundleUrl[];
  /** Set when the script could not be parsed: only quoted URLs were taken, by pattern. */
  readonly problem?: string;
}

/** Brackets nested deeper than this are not handed to oxc (see `parseJavaScript`). */
export { MAX_NESTING } from '../../core/javascript/index.js';
/** URLs kept from one script; the rest are ignored. */
export const MAX_URLS_PER_SCRIPT = 2000;

const MAX_URL_LENGTH = 4096;
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const JQUERY_CALLS = new Set(['ajax', 'get', 'post', 'getJSON', 'getScript']);
const FETCH_LIKE = new Set(['fetch', 'WebSocket', 'EventSource', 'Request']);
const URL_KEYS = new Set([
  'url',
  'baseURL',
  'baseUrl',
  'uri',
  'endpoint',
  'apiUrl',
  'apiBase',
  'graphqlEndpoint',
]);
const URLISH = /^(?:(?:https?|wss?):\/\/[^\s"'<>`\\]+|\/[^\s"'<>`\\]*)$/i;
/** API-like: an api/graphql host label, or an /api, /graphql, /rest or /vN path segment. */
const API_LIKE =
  /^(?:(?:https?|wss?):\/\/(?:api|graphql|gql)[.-][^/\s]*|(?:(?:https?|wss?):\/\/[^/\s]+)?\/(?:[^\s]*\/)?(?:api|graphql|gql|rest|v\d+)(?:[/?#.]|$))/i;

/**
 * Finds the endpoint URLs a JavaScript bundle calls: the first argument of `fetch`, `axios(...)`,
 * `axios.get/post/…`, `XMLHttpRequest#open`, `$.ajax/get/post/getJSON`, `new WebSocket/EventSource/Request`,
 * `url`/`baseURL`/`uri`/`endpoint` properties, and API-like strings anywhere (`https://api.…`, `/api/…`,
 * `/graphql`). Strings built with `+`, template literals and constants bound once are resolved; an
 * unresolved part cuts the URL there. A script oxc cannot parse, or that `parseJavaScript` refuses as
 * nested too deep, is scanned for quoted absolute and API-like URLs instead, with `problem` set. Safe for
 * hostile text: it never throws, and oxc runs on a big-stack thread, so deep nesting cannot crash the
 * process.
 *
 * @example
 * ```ts
 * bundleUrls('const API = "https://api.example.com"; fetch(`${API}/cart`)').urls;
 * // [{ url: 'https://api.example.com/cart', line: 1 }]
 * ```
 */
export function bundleUrls(text: string, name = 'bundle.js'): BundleScan {
  const lines = new LineIndex(text);
  const parsed = parseJavaScript(name, text);
  if (!parsed.ok) {
    return {
      ...byPattern(text, lines),
      problem: `not parsed (${parsed.reason}); quoted URLs taken by pattern`,
    };
  }
  const { program } = parsed;
  const firstError = parsed.errors.find((e) => e.severity === 'Error')?.message;
  if (firstError !== undefined && children(program, 'body').length === 0) {
    return {
      ...byPattern(text, lines),
      problem: `not valid JavaScript (${firstError}); quoted URLs taken by pattern`,
    };
  }
  const found = fromAst(program, lines);
  return firstError === undefined
    ? found
    : { ...found, problem: `syntax error (${firstError}); what parsed was read` };
}

function fromAst(program: Node, lines: LineIndex): BundleScan {
  const consts = constants(program);
  const urls: BundleUrl[] = [];
  const imports: BundleUrl[] = [];
  const seen = new Set<string>();
  const add = (value: StaticString | undefined, at: Node, anyPath: boolean) => {
    if (!value || urls.length >= MAX_URLS_PER_SCRIPT) return;
    const url = value.value.trim();
    if (url.length > MAX_URL_LENGTH || !URLISH.test(url) || (!anyPath && !API_LIKE.test(url)) || url === '/')
      return;
    const line = lines.line(rangeOf(at)[0]);
    const key = `${line}\n${url}`;
    if (seen.has(key)) return;
    seen.add(key);
    urls.push({ url, line });
  };
  walk(program, (node) => {
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression': {
        const hit = callUrl(node, consts);
        if (hit) add(hit.value, node, hit.anyPath);
        break;
      }
      case 'Property': {
        const key = child(node, 'key');
        const k = key?.type === 'Identifier' ? (key.name as string) : undefined;
        if (k !== undefined && URL_KEYS.has(k)) add(staticString(child(node, 'value'), consts), node, true);
        break;
      }
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
      case 'ImportExpression': {
        const source = staticString(child(node, 'source'), consts);
        if (source && !source.partial)
          imports.push({ url: source.value, line: lines.line(rangeOf(node)[0]) });
        break;
      }
      case 'Literal':
        if (typeof node.value === 'string') add({ value: node.value, partial: false }, node, false);
        break;
      case 'TemplateLiteral':
        add(staticString(node, consts), node, false);
        break;
    }
  });
  return { urls, imports };
}

/** A URL argument, and whether any path counts (a request call) or only API-like ones. */
type CallUrl = { readonly value: StaticString | undefined; readonly anyPath: boolean };

/** The URL argument of a call that sends a request, by the callee's shape. */
function callUrl(node: Node, consts: ReadonlyMap<string, string>): CallUrl | undefined {
  const callee = unwrap(child(node, 'callee'));
  const args = children(node, 'arguments');
  const name = nameOf(callee);
  const object = objectName(callee);
  if (!name) return undefined;
  const urlOf = (arg: Node | undefined): StaticString | undefined => {
    const a = unwrap(arg);
    if (a?.type !== 'ObjectExpression') return staticString(a, consts);
    for (const p of children(a, 'properties')) {
      const key = child(p, 'key');
      if (key?.type === 'Identifier' && URL_KEYS.has(key.name as string))
        return staticString(child(p, 'value'), consts);
    }
    return undefined;
  };
  const request = (arg: Node | undefined): CallUrl => ({ value: urlOf(arg), anyPath: true });
  if (callee?.type === 'Identifier' && (FETCH_LIKE.has(name) || name === 'axios' || name === 'ajax'))
    return request(args[0]);
  if (FETCH_LIKE.has(name) && (object === 'window' || object === 'globalThis' || object === 'self'))
    return request(args[0]);
  if (object === 'axios' && (HTTP_METHODS.has(name) || name === 'create')) return request(args[0]);
  if ((object === '$' || object === 'jQuery') && JQUERY_CALLS.has(name)) return request(args[0]);
  if (name === 'open' && args.length >= 2) {
    const method = staticString(args[0], consts);
    if (method && !method.partial && /^[A-Za-z]+$/.test(method.value))
      return { value: staticString(args[1], consts), anyPath: true };
  }
  // `http.get('/api/…')`, `this.client.post(…)`: any object, but only API-like URLs (Map#get is not a call).
  if (callee?.type === 'MemberExpression' && HTTP_METHODS.has(name))
    return { value: urlOf(args[0]), anyPath: false };
  return undefined;
}

/** Names bound once (`const`/`let`/`var`) to a resolvable string; a name bound twice is dropped. */
function constants(program: Node): Map<string, string> {
  const consts = new Map<string, string>();
  const ambiguous = new Set<string>();
  walk(program, (node) => {
    if (node.type !== 'VariableDeclarator') return;
    const id = child(node, 'id');
    if (id?.type !== 'Identifier') return;
    const name = id.name as string;
    const value = staticString(child(node, 'init'), consts);
    if (ambiguous.has(name)) return;
    if (!value || value.partial || (consts.has(name) && consts.get(name) !== value.value)) {
      if (consts.has(name) || value) ambiguous.add(name);
      consts.delete(name);
      return;
    }
    consts.set(name, value.value);
  });
  return consts;
}

const QUOTED = /["'`]((?:(?:https?|wss?):\/\/|\/)[^"'`\s<>\\]{1,2000})["'`]/g;

/** The fallback for a script that does not parse: quoted absolute and API-like URLs. */
function byPattern(text: string, lines: LineIndex): { urls: BundleUrl[]; imports: BundleUrl[] } {
  const urls: BundleUrl[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const url = m[1] as string;
    if (!API_LIKE.test(url)) continue;
    urls.push({ url, line: lines.line(m.index) });
    if (urls.length >= MAX_URLS_PER_SCRIPT) break;
  }
  return { urls, imports: [] };
}
