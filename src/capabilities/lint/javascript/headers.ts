import {
  booleanValue,
  calleeName,
  child,
  children,
  keyName,
  type Node,
  property,
  stringValue,
  walk,
} from './ast.js';
import type { JsContext } from './context.js';
import { codeOf, grantValue } from './grants.js';
import { enclosingFunction, guardsOf } from './guards.js';
import { report } from './report.js';

/** A header written by code: its lower-cased name, the value expression, and where. */
interface HeaderWrite {
  readonly name: string;
  readonly value: Node | undefined;
  readonly node: Node;
  readonly ancestors: readonly Node[];
  readonly scope: Node | undefined;
}

// Node's `res.setHeader`, Express `res.header`/`res.set`/`res.append`, Fastify `reply.header`, Koa
// `ctx.set`, Hono `c.header`, the Fetch `Headers#set`/`append` (Next.js `response.headers.set`).
const SETTERS = new Set(['setHeader', 'header', 'set', 'append']);
const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';

function collectWrites(program: Node): HeaderWrite[] {
  const writes: HeaderWrite[] = [];
  const add = (name: string, value: Node | undefined, node: Node, ancestors: readonly Node[]) => {
    const a = [...ancestors];
    writes.push({ name: name.toLowerCase(), value, node, ancestors: a, scope: enclosingFunction(a) });
  };
  walk(program, (node, ancestors) => {
    if (node.type === 'CallExpression') {
      const method = calleeName(node);
      const [first, second] = children(node, 'arguments');
      const name = stringValue(first);
      if (method !== undefined && SETTERS.has(method) && name !== undefined && second)
        add(name, second, node, ancestors);
      // Express `res.vary('Origin')`, the `vary` package's `vary(res, 'Origin')`, Fastify's `reply.vary`.
      if (method === 'vary') add('vary', children(node, 'arguments').at(-1), node, ancestors);
    } else if (node.type === 'Property') {
      // `res.set({ … })`, `res.writeHead(200, { … })`, `new Response(body, { headers: { … } })`.
      const name = keyName(node);
      if (name !== undefined && /^(access-control-|vary$)/i.test(name))
        add(name, child(node, 'value'), node, ancestors);
    } else if (node.type === 'ObjectExpression') {
      // Next.js `next.config` `headers()`: `{ key: 'Access-Control-Allow-Origin', value: '*' }`.
      const key = stringValue(child(property(node, 'key') ?? node, 'value'));
      const value = property(node, 'value');
      if (key !== undefined && value && /^(access-control-|vary$)/i.test(key))
        add(key, child(value, 'value'), node, ancestors);
    }
  });
  return writes;
}

const sameScope = (w: HeaderWrite, scope: Node | undefined) =>
  w.scope === scope || w.scope?.type === 'Program';

/**
 * Hand-written CORS headers: every `Access-Control-Allow-Origin` a file writes, followed to where its
 * value comes from. The request's Origin copied under no check (or a deny-list) reflects every site; under
 * a check, the check is judged (exact lists entry by entry, patterns by the prover). `*` with
 * `Access-Control-Allow-Credentials: true` is refused by browsers (Fetch standard, CORS check step 3), and
 * a value that depends on the Origin without `Vary: Origin` lets a cache serve one site's grant to another.
 * Credentials count when the same function (or the module's top level) sets them.
 *
 * @example
 * ```ts
 * checkHeaderWrites(ctx, program); // res.setHeader('Access-Control-Allow-Origin', req.headers.origin) → origin-reflected
 * ```
 */
export function checkHeaderWrites(ctx: JsContext, program: Node): void {
  const writes = collectWrites(program);
  for (const w of writes) {
    if (w.name !== ACAO) continue;
    const inScope = writes.filter((o) => sameScope(o, w.scope));
    const credentialed = inScope.some((o) => o.name === ACAC && booleanValue(o.value) === true);
    const site = {
      node: w.node,
      reach: credentialed ? ('credentialed' as const) : ('anonymous' as const),
      rule: 'js/acao-header',
      what: codeOf(ctx, w.node),
    };
    const outcome = grantValue(
      ctx,
      w.value,
      guardsOf(w.node, w.ancestors),
      new Set(),
      site,
      (literal, node) => {
        if (literal !== '*') return;
        if (credentialed)
          report(
            ctx,
            'wildcard-with-credentials',
            node,
            site,
            `${site.what}: \`*\` is sent with credentials, which browsers refuse; teams then "fix" it by reflecting the Origin`,
            {
              fix: {
                description:
                  'answer the one allowed origin from an exact list instead of `*`, with `Vary: Origin`',
              },
            },
          );
        else
          report(
            ctx,
            'wildcard-origin',
            node,
            site,
            `${site.what}: every website can read these responses (without cookies)`,
          );
      },
    );
    // Reported with a reflection too, as `scan` does: the cache bug is its own fix.
    if (!outcome.dynamic) continue;
    const varied = inScope.some((o) => {
      if (o.name !== 'vary') return false;
      const v = stringValue(o.value);
      return v === undefined || /(^|[\s,])(origin|\*)($|[\s,])/i.test(v);
    });
    if (!varied)
      report(
        ctx,
        'vary-origin-missing',
        w.node,
        site,
        `${site.what}: the value depends on the request's Origin but no \`Vary: Origin\` is set, so a shared cache can serve one site's answer to another`,
        {
          fix: {
            description: "add `Vary: Origin` wherever this header is set (`res.vary('Origin')` in Express)",
          },
        },
      );
  }
}
