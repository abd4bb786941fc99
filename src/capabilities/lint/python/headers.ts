import { callName, type Node, positional, pyString, visit } from './ast.js';
import { type PyContext, type PySite, pyReport } from './context.js';
import { type PyJudgement, pyCombine, pyGrant, pyJudge } from './judge.js';
import { isPyOriginRead } from './origin-read.js';

interface PyWrite {
  readonly name: string;
  readonly value: Node;
  readonly node: Node;
  readonly ancestors: readonly Node[];
  readonly scope: Node | undefined;
}

const ACAO = 'access-control-allow-origin';
const SETTERS = new Set(['add', 'set', 'setdefault', 'add_header', 'set_header', '__setitem__']);

function scopeOf(ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--)
    if (ancestors[i]?.type === 'function_definition') return ancestors[i];
  return ancestors[0];
}

/** Header writes: `response["X"] = v`, `response.headers["X"] = v`, `headers.add("X", v)`, `{"X": v}` dicts. */
function collectWrites(root: Node): PyWrite[] {
  const writes: PyWrite[] = [];
  const add = (
    name: string | undefined,
    value: Node | null | undefined,
    node: Node,
    ancestors: readonly Node[],
  ) => {
    if (name === undefined || !value || !/^(access-control-|vary$)/i.test(name)) return;
    const a = [...ancestors];
    writes.push({ name: name.toLowerCase(), value, node, ancestors: a, scope: scopeOf(a) });
  };
  visit(root, (node, ancestors) => {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      if (left?.type === 'subscript')
        add(pyString(left.childForFieldName('subscript')), node.childForFieldName('right'), node, ancestors);
    } else if (node.type === 'call' && SETTERS.has(callName(node) ?? '')) {
      const [name, value] = positional(node);
      add(pyString(name), value, node, ancestors);
    } else if (node.type === 'call' && callName(node) === 'patch_vary_headers') {
      // Django's django.utils.cache.patch_vary_headers(response, ["Origin"])
      add('vary', positional(node)[1], node, ancestors);
    } else if (node.type === 'pair') {
      add(pyString(node.childForFieldName('key')), node.childForFieldName('value'), node, ancestors);
    }
  });
  return writes;
}

/** The conditions the code at a node runs under, inside its function: enclosing `if`/`elif`/`else`, `x if c else y`, earlier `if c: return`. */
function guardsOf(node: Node, ancestors: readonly Node[]): { test: Node; positive: boolean }[] {
  const guards: { test: Node; positive: boolean }[] = [];
  let inner = node;
  const within = (outer: Node | null | undefined) =>
    !!outer && outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as Node;
    if (a.type === 'if_statement' || a.type === 'elif_clause') {
      const test = a.childForFieldName('condition');
      if (test && !within(test)) guards.push({ test, positive: within(a.childForFieldName('consequence')) });
    } else if (a.type === 'block' || a.type === 'module') {
      for (const s of a.namedChildren) {
        if (!s || within(s)) break;
        const body = s.type === 'if_statement' ? s.childForFieldName('consequence') : null;
        const last = body?.namedChildren.at(-1);
        const test = s.childForFieldName('condition');
        if (
          test &&
          (last?.type === 'return_statement' || last?.type === 'raise_statement') &&
          !s.childForFieldName('alternative')
        )
          guards.push({ test, positive: false });
      }
    }
    if (a.type === 'function_definition') break;
    inner = a;
  }
  return guards;
}

/**
 * Hand-written CORS headers in Django, Flask and Starlette/FastAPI views: the Origin followed from
 * `request.headers.get("Origin")` / `request.META["HTTP_ORIGIN"]` to `Access-Control-Allow-Origin`, and
 * the checks on the way judged (as the JavaScript analyzer does). Credentials count when the same function
 * sets them; `Vary: Origin` (or Django's `patch_vary_headers`) must come with a value that depends on it.
 *
 * @example
 * ```ts
 * checkPythonHeaders(ctx, tree.rootNode); // response["Access-Control-Allow-Origin"] = request.headers.get("Origin") → origin-reflected
 * ```
 */
export function checkPythonHeaders(ctx: PyContext, root: Node): void {
  const writes = collectWrites(root);
  for (const w of writes) {
    if (w.name !== ACAO) continue;
    const scope = writes.filter((o) => o.scope === w.scope || o.scope?.type === 'module');
    const credentialed = scope.some(
      (o) => o.name === 'access-control-allow-credentials' && /^['"]?true['"]?$/i.test(o.value.text),
    );
    const site: PySite = {
      rule: 'python/acao-header',
      reach: credentialed ? 'credentialed' : 'anonymous',
      what: w.node.text.split('\n')[0]?.slice(0, 90) ?? '',
    };
    const guards = guardsOf(w.node, w.ancestors);
    let value: Node = w.value;
    if (value.type === 'conditional_expression') {
      // `origin if origin in ALLOWED else ""`: the first branch runs under the condition.
      const [then, test] = value.namedChildren;
      if (then && test) {
        guards.push({ test, positive: true });
        value = then;
      }
    }
    const literal = pyString(value);
    if (literal === '*') {
      if (credentialed)
        pyReport(
          ctx,
          'wildcard-with-credentials',
          value,
          site,
          '`*` is sent with credentials, which browsers refuse',
        );
      else
        pyReport(
          ctx,
          'wildcard-origin',
          value,
          site,
          'every website can read these responses (without cookies)',
        );
      continue;
    }
    if (!isPyOriginRead(value, ctx, new Set())) continue;
    let j: PyJudgement | undefined;
    for (const g of guards) {
      const next = pyJudge(g.test, ctx, new Set(), g.positive);
      j = j === undefined ? next : pyCombine(j, next, 'and');
    }
    if (j === undefined || j.kind === 'none' || j.kind === 'deny')
      pyGrant(ctx, j === undefined || j.kind === 'none' ? 'unguarded' : j, w.node, site);
    else if (j.kind !== 'unknown') pyGrant(ctx, j, w.node, site);
    const varied = scope.some((o) => o.name === 'vary' && /origin|\*/i.test(o.value.text));
    if (!varied)
      pyReport(
        ctx,
        'vary-origin-missing',
        w.node,
        site,
        "the value depends on the request's Origin but no `Vary: Origin` is set, so a shared cache can serve one site's answer to another",
        {
          description: 'add `Vary: Origin` (Django: `patch_vary_headers(response, ["Origin"])`)',
        },
      );
  }
}
