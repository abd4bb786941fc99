import { analyzeProgram, type EstreeNode, type LintFinding } from '../lint/index.js';

/**
 * corsguard's JavaScript/TypeScript checks as ESLint rules (flat config), so the editor and an existing
 * `eslint` step report exactly what `corsguard lint` reports: the same analysis runs on ESLint's own AST,
 * with the same finding ids, words, counterexamples and fixes.
 *
 * - `corsguard/cors-options` — CORS middleware options (Express `cors`, `@fastify/cors`, `hono/cors`,
 *   `@koa/cors`, NestJS `enableCors`): `origin: true`, flawed lists, regexes and origin callbacks.
 * - `corsguard/cors-headers` — hand-written `Access-Control-Allow-Origin` (Node, Express, Koa, Hono,
 *   Next.js route handlers, middleware and `next.config` headers) and the Origin checks before it.
 *
 * @example
 * ```js
 * // eslint.config.js
 * import corsguard from 'corsguard/eslint';
 * export default [corsguard.configs.recommended];
 * ```
 */
/** The slice of ESLint's rule API the plugin uses (typed here so the package needs no `eslint` types). */
export interface RuleContext {
  readonly sourceCode: { readonly ast: object; readonly text: string };
  readonly filename: string;
  report(descriptor: {
    loc: { start: { line: number; column: number }; end: { line: number; column: number } };
    messageId: string;
    data: Record<string, string>;
    fix?: (fixer: { replaceTextRange(range: [number, number], text: string): unknown }) => unknown;
  }): void;
}

/** One ESLint rule: its metadata and the visitor factory. */
export interface RuleModule {
  readonly meta: Record<string, unknown>;
  create(context: RuleContext): Record<string, () => void>;
}

/** The plugin object: rules and a `recommended` flat config. */
export interface CorsguardEslintPlugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: Record<'cors-options' | 'cors-headers', RuleModule>;
  readonly configs: {
    readonly recommended: { plugins: Record<string, unknown>; rules: Record<string, 'error' | 'warn'> };
  };
}

const RULES = { 'cors-options': 'js/cors-options', 'cors-headers': 'js/acao-header' } as const;

// The two rules read one analysis per file: ESLint hands both the same AST object.
const cache = new WeakMap<object, readonly LintFinding[]>();

function findingsOf(context: RuleContext): readonly LintFinding[] {
  const source = context.sourceCode;
  const cached = cache.get(source.ast);
  if (cached) return cached;
  const text = source.text;
  const findings = /cors|access-control-/i.test(text)
    ? analyzeProgram(source.ast as unknown as EstreeNode, text, context.filename).findings
    : [];
  cache.set(source.ast, findings);
  return findings;
}

function rule(name: keyof typeof RULES): RuleModule {
  return {
    meta: {
      type: 'problem',
      fixable: 'code',
      docs: {
        description: `corsguard ${name}: CORS misconfigurations, with the scanner's finding ids`,
        url: 'https://www.npmjs.com/package/corsguard',
      },
      schema: [],
      messages: { finding: '{{severity}} {{id}}: {{message}}{{counterexample}}' },
    },
    create(context) {
      return {
        'Program:exit'() {
          for (const f of findingsOf(context)) {
            if (f.rule !== RULES[name]) continue;
            const edit = f.fix?.edit;
            context.report({
              loc: {
                start: { line: f.region.line, column: f.region.column - 1 },
                end: { line: f.region.endLine, column: f.region.endColumn - 1 },
              },
              messageId: 'finding',
              data: {
                severity: f.severity,
                id: f.id,
                message: f.message,
                counterexample: f.counterexample ? ` (accepted: ${f.counterexample})` : '',
              },
              ...(edit ? { fix: (fixer) => fixer.replaceTextRange([edit.start, edit.end], edit.text) } : {}),
            });
          }
        },
      };
    },
  };
}

const plugin: CorsguardEslintPlugin = {
  meta: { name: 'corsguard', version: '1' },
  rules: { 'cors-options': rule('cors-options'), 'cors-headers': rule('cors-headers') },
  configs: {
    recommended: {
      plugins: {},
      rules: { 'corsguard/cors-options': 'error', 'corsguard/cors-headers': 'error' },
    },
  },
};
plugin.configs.recommended.plugins.corsguard = plugin;

export default plugin;
