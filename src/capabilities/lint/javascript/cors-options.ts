import {
  booleanValue,
  calleeName,
  child,
  children,
  identifierName,
  isFunction,
  type Node,
  property,
  stringValue,
  unwrap,
  walk,
} from './ast.js';
import { resolve } from './bindings.js';
import type { JsContext } from './context.js';
import { codeOf, grantOrigin, grantValue } from './grants.js';
import { type Guard, guardsOf } from './guards.js';
import { regexOf } from './judge.js';
import { type GrantSite, report, reportGrant } from './report.js';

/**
 * How a CORS middleware reads its options. Express `cors` (and NestJS `enableCors`, which passes them to
 * it), `@fastify/cors` and `hono/cors` answer `*` by default and `origin: true` reflects the request's
 * Origin; `@koa/cors` answers `*` by default too, but with `credentials: true` its default (and `'*'`)
 * becomes the request's Origin (its README: "If `credentials` set and return `true`, the `origin` default
 * value will set to the request `Origin` header").
 */
type Flavor = 'express' | 'fastify' | 'hono' | 'koa';

const MODULES: Record<string, Flavor> = {
  cors: 'express',
  '@fastify/cors': 'fastify',
  'fastify-cors': 'fastify',
  'hono/cors': 'hono',
  '@koa/cors': 'koa',
  'koa2-cors': 'koa',
  kcors: 'koa',
};

function moduleOf(node: Node | undefined, ctx: JsContext): string | undefined {
  const n = unwrap(node);
  const name = identifierName(n);
  if (name !== undefined) return ctx.bindings.modules.get(name);
  // `register(require('@fastify/cors'), …)`, `register(import('@fastify/cors'), …)`.
  if (n?.type === 'CallExpression' && identifierName(child(n, 'callee')) === 'require')
    return stringValue(children(n, 'arguments')[0]);
  if (n?.type === 'ImportExpression') return stringValue(child(n, 'source'));
  return undefined;
}

/** Each place a file configures a CORS middleware: the flavour, the options node (if any) and the call. */
function corsCalls(
  program: Node,
  ctx: JsContext,
): { flavor: Flavor; options: Node | undefined; call: Node }[] {
  const calls: { flavor: Flavor; options: Node | undefined; call: Node }[] = [];
  walk(program, (node) => {
    if (node.type !== 'CallExpression') return;
    const args = children(node, 'arguments');
    const direct = MODULES[moduleOf(child(node, 'callee'), ctx) ?? ''];
    if (direct) calls.push({ flavor: direct, options: args[0], call: node });
    const name = calleeName(node);
    if (name === 'register' && MODULES[moduleOf(args[0], ctx) ?? ''] === 'fastify')
      calls.push({ flavor: 'fastify', options: args[1], call: node });
    if (name === 'enableCors') calls.push({ flavor: 'express', options: args[0], call: node });
    // NestFactory.create(AppModule, { cors: true | { … } })
    if (
      name === 'create' &&
      identifierName(child(unwrap(child(node, 'callee')) ?? node, 'object')) === 'NestFactory'
    ) {
      const cors = property(resolve(args[1], ctx.bindings), 'cors');
      const value = cors && resolve(child(cors, 'value'), ctx.bindings);
      if (value && booleanValue(value) !== false)
        calls.push({
          flavor: 'express',
          options: booleanValue(value) === true ? undefined : value,
          call: node,
        });
    }
  });
  return calls;
}

function wildcard(ctx: JsContext, site: GrantSite, at: Node): void {
  if (site.reach === 'credentialed')
    report(
      ctx,
      'wildcard-with-credentials',
      at,
      site,
      `${site.what}: \`*\` is sent with credentials, which browsers refuse; teams then "fix" it with \`origin: true\`, which trusts every site`,
      {
        fix: { description: 'list the front ends that need cookies: `origin: ["https://app.example.com"]`' },
      },
    );
  else
    report(
      ctx,
      'wildcard-origin',
      at,
      site,
      `${site.what}: every website can read these responses (without cookies)`,
    );
}

/** The callback of an origin function (`(origin, callback) => …`): its grants are `callback(null, x)`. */
function checkOriginFunction(
  ctx: JsContext,
  fn: Node,
  flavor: Flavor,
  site: GrantSite,
  outer: readonly Guard[],
): void {
  const params = children(fn, 'params').map((p) => identifierName(p));
  const names = new Set(flavor === 'koa' ? [] : [params[0]].filter((p): p is string => p !== undefined));
  const callback = params[1];
  const body = child(fn, 'body');
  if (!body) return;
  const grant = (value: Node | undefined, guards: readonly Guard[], at: Node) => {
    const v = unwrap(value);
    const here = { ...site, node: at };
    if (!v || booleanValue(v) === false) return;
    if (booleanValue(v) === true) grantOrigin(ctx, guards, names, here);
    else if (
      v.type === 'BinaryExpression' ||
      v.type === 'LogicalExpression' ||
      v.type === 'UnaryExpression' ||
      (v.type === 'CallExpression' && calleeName(v) !== 'split')
    )
      grantOrigin(ctx, [...guards, { test: v, positive: true }], names, here);
    else grantValue(ctx, v, guards, names, here, () => {});
  };
  // `(origin) => ALLOWED.has(origin)` (Fastify/Hono/Koa answer with the value) — unless it calls back.
  const callsBack =
    callback !== undefined && identifierName(child(unwrap(body) ?? body, 'callee')) === callback;
  if (body.type !== 'BlockStatement' && !callsBack) {
    grant(body, outer, body);
    return;
  }
  walk(body, (node, ancestors) => {
    if (isFunction(node) && node !== fn) return;
    const guards = () => [...outer, ...guardsOf(node, ancestors.slice(ancestors.indexOf(body)))];
    if (
      node.type === 'CallExpression' &&
      callback !== undefined &&
      identifierName(child(node, 'callee')) === callback
    ) {
      const [error, value] = children(node, 'arguments');
      if (unwrap(error)?.type === 'Literal' && value) grant(value, guards(), node);
    } else if (node.type === 'ReturnStatement' && callback === undefined) {
      const value = child(node, 'argument');
      if (value) grant(value, guards(), value);
    }
  });
}

/** Judges one options object of a CORS middleware. */
function checkOptions(
  ctx: JsContext,
  flavor: Flavor,
  optionsNode: Node | undefined,
  call: Node,
  outer: readonly Guard[],
): void {
  const options = resolve(optionsNode, ctx.bindings);
  // Express `cors(delegate)`: `(req, callback) => callback(null, { origin: true })` — judge each options object.
  if (isFunction(options) && options) {
    const body = child(options, 'body') ?? options;
    walk(body, (node, ancestors) => {
      if (node.type === 'ObjectExpression' && property(node, 'origin'))
        checkOptions(ctx, flavor, node, node, [
          ...outer,
          ...guardsOf(node, ancestors.slice(ancestors.indexOf(body))),
        ]);
    });
    return;
  }
  if (optionsNode !== undefined && options?.type !== 'ObjectExpression') return; // built elsewhere: not guessed
  const credentialed = booleanValue(child(property(options, 'credentials') ?? call, 'value')) === true;
  const site: GrantSite = {
    node: call,
    reach: credentialed ? 'credentialed' : 'anonymous',
    rule: 'js/cors-options',
    what: codeOf(ctx, call),
  };
  const originProperty = property(options, 'origin');
  const origin = resolve(child(originProperty ?? call, 'value'), ctx.bindings);
  const at = originProperty ?? call;
  if (!originProperty || stringValue(origin) === '*') {
    if (flavor === 'koa' && credentialed) {
      const why = `${site.what}: with \`credentials: true\`, @koa/cors answers the request's own Origin when \`origin\` is unset or \`*\`, so every website can read responses with the user's cookies`;
      report(ctx, 'origin-reflected', at, site, why, {
        fix: {
          description: 'pass `origin: (ctx) => ALLOWED.has(ctx.get("Origin")) ? ctx.get("Origin") : ""`',
        },
      });
    } else if (outer.length === 0 || originProperty) wildcard(ctx, site, at);
    return;
  }
  if (booleanValue(origin) === true) {
    grantOrigin(ctx, outer, new Set(), { ...site, node: at });
    return;
  }
  const judgeElement = (element: Node | undefined) => {
    const e = resolve(element, ctx.bindings);
    const atom = regexOf(e, ctx);
    if (atom)
      reportGrant(
        ctx,
        { kind: 'flawed', entries: [], patterns: [atom], substrings: [] },
        { ...site, node: atom.node },
      );
    else if (e && stringValue(e) !== undefined)
      reportGrant(
        ctx,
        {
          kind: 'exact',
          entries: [{ value: stringValue(e) as string, node: e }],
          patterns: [],
          substrings: [],
        },
        { ...site, node: e },
      );
  };
  if (origin?.type === 'ArrayExpression') for (const e of children(origin, 'elements')) judgeElement(e);
  else if (isFunction(origin) && origin)
    checkOriginFunction(ctx, origin, flavor, { ...site, node: at }, outer);
  else judgeElement(origin);
}

/**
 * CORS middleware options: Express `cors(…)`, `fastify.register(cors, …)`, `hono/cors`, `@koa/cors`,
 * NestJS `app.enableCors(…)` and `NestFactory.create(…, { cors })`. `origin: true` (or a callback that
 * answers `true` unchecked) reflects every origin; lists are judged entry by entry, regexes by the prover,
 * origin callbacks by the checks they make before granting; options read from the environment or built
 * elsewhere are left alone rather than guessed.
 *
 * @example
 * ```ts
 * checkCorsOptions(ctx, program); // cors({ origin: true, credentials: true }) → origin-reflected (critical)
 * ```
 */
export function checkCorsOptions(ctx: JsContext, program: Node): void {
  for (const { flavor, options, call } of corsCalls(program, ctx))
    checkOptions(ctx, flavor, options, call, []);
}
