import { getHeader, isSafelistedMethod } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { originOfUrl } from '../../core/origin/index.js';
import { validatePolicy } from '../../core/policy/index.js';
import { randomProbeContext } from '../../core/probes/index.js';
import { isLoopbackOrigin, isProductionName } from '../policy-file/index.js';
import type { ScanOptions } from '../scan/index.js';
import { discoverOrigins, Engine, type HttpExchange } from '../scan/index.js';
import type { PolicyDraft } from './render.js';

/** What {@link inferPolicy} learned from a live deployment. */
export interface InferredPolicy {
  readonly draft: Omit<PolicyDraft, 'environment' | 'urls' | 'source'>;
  /** What was observed, and entries left out of the draft with the reason. */
  readonly notes: readonly string[];
  /** Origins the server grants that a policy must never allow (bypasses, null, shared hosting …). */
  readonly warnings: readonly string[];
  /** Requests sent. */
  readonly requests: number;
}

/**
 * Infers a starting policy from a live deployment with the scanner's origin exploration: the origins it
 * grants among the discovered candidates (its own origin, its site's common subdomains, origins it names)
 * and `declared` ones; never the attacker, probe, `null` or bypass origins, which become warnings. A
 * preflight from a granted origin gives methods, request headers and max-age; a granted response gives
 * credentials and exposed headers.
 *
 * @example
 * ```ts
 * const { draft, warnings } = await inferPolicy('https://api.example.com/v1/me', { declared: ['https://app.example.com'] });
 * draft.origins; // ['https://app.example.com', 'https://www.example.com']
 * ```
 */
export async function inferPolicy(
  url: string,
  options: ScanOptions & { readonly declared?: readonly string[]; readonly environment?: string } = {},
): Promise<InferredPolicy> {
  const target = new URL(url);
  const own = originOfUrl(target);
  if (own.kind !== 'tuple' || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw new CorsguardError('USAGE', `--from ${url}: give an http(s) URL of the API`);
  }
  const engine = new Engine(options);
  let requests = 0;
  const send = (headers: Record<string, string>, method = 'GET'): Promise<HttpExchange> => {
    requests++;
    return engine.request({ method, url: target.href, headers });
  };
  try {
    const declared = options.declared ?? [];
    const { explored } = await discoverOrigins(send, own, declared, randomProbeContext());
    const notes: string[] = [];
    const warnings: string[] = [];
    const first = explored.observations[0];
    const firstAcao = first ? getHeader(first.exchange.headers, 'access-control-allow-origin') : null;
    const reflects = first?.allowed === true;
    for (const hit of explored.hits) {
      warnings.push(
        `the server also grants ${hit.probe.origin} (${hit.probe.family === 'arbitrary' ? 'any origin: it reflects Origin' : hit.probe.family}); left out of the policy. Run corsguard scan ${url} for details`,
      );
    }
    if (reflects && declared.length === 0) {
      throw new CorsguardError(
        'USAGE',
        `${url} allows every origin (it reflects Origin), so the trusted front ends cannot be inferred; list them with --origin https://app.example.com`,
      );
    }
    if (firstAcao === '*') {
      const credentials =
        getHeader(first?.exchange.headers ?? [], 'access-control-allow-credentials') === 'true';
      if (credentials)
        warnings.push(
          'the server sends ACAO: * with credentials (browsers refuse it); the policy has credentials: false',
        );
      return {
        draft: {
          ...(await capabilities(send, 'https://corsguard-init.invalid', false)),
          origins: '*',
          credentials: false,
        },
        notes: ['the server allows any origin with Access-Control-Allow-Origin: * (a public API)'],
        warnings,
        requests,
      };
    }
    const granted = explored.observations.filter((o) => o.allowed && o.probe.family === 'discovery');
    const origins = unique([...explored.trusted, ...declared]);
    for (const d of declared) {
      if (!explored.trusted.includes(d))
        notes.push(`${d} is not granted by the server yet; check will report it until it is`);
    }
    if (explored.trusted.length > 0) notes.push(`origins the server grants: ${explored.trusted.join(', ')}`);
    const credentials = granted.some(
      (o) => getHeader(o.exchange.headers, 'access-control-allow-credentials') === 'true',
    );
    const sample = granted[0];
    const caps = sample
      ? await capabilities(send, sample.probe.origin, credentials, sample.exchange)
      : { methods: [], requestHeaders: [], exposeHeaders: [], maxAge: null };
    const draft = sanitize(
      { origins, credentials, ...caps },
      options.environment !== undefined && isProductionName(options.environment),
      notes,
    );
    if (draft.origins.length === 0)
      notes.push('the server granted none of the origins tried: add your front ends to origins');
    return { draft, notes, warnings, requests };
  } finally {
    await engine.close();
  }
}

type Caps = Pick<PolicyDraft, 'methods' | 'requestHeaders' | 'exposeHeaders' | 'maxAge'>;

/** Methods the preflights ask about, one preflight each: a server that echoes the asked method reveals only what is asked. */
const ASKED_METHODS = ['PUT', 'PATCH', 'DELETE'];
/** Request headers asked about together, then one by one when refused together. */
const ASKED_HEADERS = ['authorization', 'content-type'];

/** Methods, request headers and max-age from a few preflights; exposed headers from a granted response. */
async function capabilities(
  send: (h: Record<string, string>, m?: string) => Promise<HttpExchange>,
  origin: string,
  credentials: boolean,
  granted?: HttpExchange,
): Promise<Caps> {
  const preflight = async (method: string, headers?: string) => {
    const ex = await send(
      {
        origin,
        'access-control-request-method': method,
        ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
      },
      'OPTIONS',
    ).catch(() => undefined);
    return ex !== undefined && getHeader(ex.headers, 'access-control-allow-origin') !== null ? ex : undefined;
  };
  const listOf = (ex: HttpExchange | undefined, name: string) =>
    (ex ? (getHeader(ex.headers, name) ?? '') : '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '' && !(credentials && s === '*'));
  const methods: string[] = [];
  let maxAge: number | null = null;
  for (const method of ASKED_METHODS) {
    const ex = await preflight(method);
    for (const m of listOf(ex, 'access-control-allow-methods')) {
      const upper = m.toUpperCase();
      if (!isSafelistedMethod(upper) && upper !== 'OPTIONS') methods.push(upper);
    }
    const text = ex ? getHeader(ex.headers, 'access-control-max-age') : null;
    if (text !== null && /^\d+$/.test(text)) maxAge = Math.min(Number(text), 86_400);
  }
  const requestHeaders: string[] = [];
  const together = await preflight('GET', ASKED_HEADERS.join(','));
  if (together) requestHeaders.push(...listOf(together, 'access-control-allow-headers'));
  else {
    for (const h of ASKED_HEADERS)
      requestHeaders.push(...listOf(await preflight('GET', h), 'access-control-allow-headers'));
  }
  const exposeHeaders = listOf(granted, 'access-control-expose-headers');
  return {
    methods: unique(methods),
    requestHeaders: uniqueCaseless(requestHeaders).map(titleCase),
    exposeHeaders: uniqueCaseless(exposeHeaders),
    maxAge,
  };
}

/** `content-type` → `Content-Type`: how people write header names (they are case-insensitive). */
function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function uniqueCaseless(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = i.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Drops every entry that would make the file invalid (validatePolicy issues, localhost origins in a
 * production environment), noting each with the reason, so the written file always validates.
 */
export function sanitize(
  draft: Omit<PolicyDraft, 'environment' | 'urls' | 'source'>,
  production: boolean,
  notes: string[],
): Omit<PolicyDraft, 'environment' | 'urls' | 'source'> & { origins: readonly string[] | '*' } {
  const lists: Record<'origins' | 'methods' | 'requestHeaders' | 'exposeHeaders', string[] | '*'> = {
    origins: draft.origins === '*' ? '*' : [...draft.origins],
    methods: [...draft.methods],
    requestHeaders: [...draft.requestHeaders],
    exposeHeaders: [...draft.exposeHeaders],
  };
  if (production && Array.isArray(lists.origins)) {
    lists.origins = lists.origins.filter((o) => {
      if (!isLoopbackOrigin(o)) return true;
      notes.push(`left out ${o}: a local development origin does not belong in a production environment`);
      return false;
    });
  }
  for (let round = 0; round < 5; round++) {
    const result = validatePolicy({
      ...lists,
      credentials: draft.credentials,
      ...(draft.maxAge === null ? {} : { maxAge: draft.maxAge }),
    });
    if (result.ok) break;
    const drop = new Map<string, Set<number>>();
    for (const issue of result.issues) {
      const [key, index] = issue.path;
      if (typeof key === 'string' && typeof index === 'number') {
        drop.set(key, (drop.get(key) ?? new Set()).add(index));
        const value = (lists[key as keyof typeof lists] as string[])[index];
        notes.push(`left out ${JSON.stringify(value)} from ${key}: ${issue.message}`);
      }
    }
    if (drop.size === 0)
      throw new CorsguardError('POLICY_INVALID', result.issues.map((i) => i.message).join('; '));
    for (const [key, indexes] of drop) {
      const list = lists[key as keyof typeof lists];
      if (Array.isArray(list)) lists[key as keyof typeof lists] = list.filter((_, i) => !indexes.has(i));
    }
  }
  return {
    ...draft,
    origins: lists.origins,
    methods: lists.methods as string[],
    requestHeaders: lists.requestHeaders as string[],
    exposeHeaders: lists.exposeHeaders as string[],
  };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
