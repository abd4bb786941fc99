import type { TargetResult } from '../scan/index.js';

/** Server stacks corsguard can tailor fixes for (`--stack`). */
export type Stack = 'express' | 'fastify' | 'hono' | 'next' | 'django' | 'nginx' | 'apache' | 'corsguard';

/** One ready-to-paste configuration snippet. */
export interface Snippet {
  readonly stack: Stack;
  /** Language for syntax highlighting: `typescript`, `python`, `nginx`, `apache`. */
  readonly language: string;
  /** Suggested file name (`cors.conf`, `middleware.ts`, …). */
  readonly filename: string;
  readonly code: string;
}

/** Every stack, in `--stack` order. */
export const STACKS: readonly Stack[] = [
  'express',
  'fastify',
  'hono',
  'next',
  'django',
  'nginx',
  'apache',
  'corsguard',
];

/** Human-readable stack names. */
export const STACK_LABELS: Readonly<Record<Stack, string>> = {
  express: 'Express',
  fastify: 'Fastify',
  hono: 'Hono',
  next: 'Next.js',
  django: 'Django',
  nginx: 'nginx',
  apache: 'Apache httpd',
  corsguard: 'corsguard middleware',
};

// Application frameworks first: they usually write the CORS headers; the Server header often names a proxy.
const RULES: ReadonlyArray<readonly [Stack, 'server' | 'poweredBy' | 'either', RegExp]> = [
  ['next', 'poweredBy', /next\.js/i],
  ['express', 'poweredBy', /\bexpress\b/i],
  ['fastify', 'either', /\bfastify\b/i],
  ['hono', 'either', /\bhono\b/i],
  ['django', 'either', /\b(wsgiserver|django)\b/i],
  ['corsguard', 'either', /\bcorsguard\b/i],
  ['nginx', 'server', /\bnginx\b/i],
  ['apache', 'server', /\bapache\b/i],
];

function hintsOf(result: TargetResult): { server: string; poweredBy: string } {
  if (result.stackHints) {
    return { server: result.stackHints.server ?? '', poweredBy: result.stackHints.poweredBy ?? '' };
  }
  // Reports written before stackHints existed only have the "Server: …" note.
  const note = result.notes.find((n) => n.startsWith('Server: ')) ?? '';
  return { server: note.slice('Server: '.length), poweredBy: note.slice('Server: '.length) };
}

/**
 * Stacks suggested by the target's `Server` and `X-Powered-By` headers, most likely CORS author first
 * (the application framework before the reverse proxy). Empty when the server names nothing known.
 *
 * @example
 * ```ts
 * detectStacks({ ...result, stackHints: { server: 'nginx/1.25', poweredBy: 'Express' } }); // ['express', 'nginx']
 * ```
 */
export function detectStacks(result: TargetResult): Stack[] {
  const { server, poweredBy } = hintsOf(result);
  return stacksFromHeaders(server, poweredBy);
}

/**
 * Stacks named by a `Server` and an `X-Powered-By` value (empty strings when absent), most likely CORS
 * author first: what {@link detectStacks} reads from a scan, for callers that hold raw headers.
 *
 * @example
 * ```ts
 * stacksFromHeaders('nginx/1.25', 'Express'); // ['express', 'nginx']
 * stacksFromHeaders('', '');                   // []
 * ```
 */
export function stacksFromHeaders(server: string, poweredBy: string): Stack[] {
  const found: Stack[] = [];
  for (const [stack, where, re] of RULES) {
    const hit = (where !== 'poweredBy' && re.test(server)) || (where !== 'server' && re.test(poweredBy));
    if (hit && !found.includes(stack)) found.push(stack);
  }
  return found;
}

/**
 * Whether a string is a known stack name.
 *
 * @example
 * ```ts
 * isStack('nginx'); // true
 * isStack('rails'); // false
 * ```
 */
export function isStack(value: string): value is Stack {
  return (STACKS as readonly string[]).includes(value);
}
