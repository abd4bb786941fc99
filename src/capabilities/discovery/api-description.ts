import { parse as parseYaml } from 'yaml';

/** What {@link readApiDescription} found in an OpenAPI/Swagger document or an RFC 9727 API catalog. */
export interface ApiDescription {
  /** Endpoint URLs (absolute, or relative to the document's URL). */
  readonly endpoints: readonly string[];
  /** Further API descriptions it links (an API catalog's `service-desc`). */
  readonly descriptions: readonly string[];
  /** Set when the text is not an API description (or not JSON/YAML). */
  readonly problem?: string;
}

/** Paths read from one document; the rest are ignored (the endpoint budget is smaller anyway). */
export const MAX_API_PATHS = 500;
/** The value put in a path parameter (`/users/{id}` → `/users/1`). */
export const PATH_PARAMETER_SAMPLE = '1';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads an API description: OpenAPI 3 (`servers[].url`, with server variables at their defaults), Swagger
 * 2 (`schemes`, `host`, `basePath`) or an RFC 9727 API catalog (a linkset: `anchor`s are endpoints,
 * `service-desc` links are descriptions to read). Each path with a GET operation becomes one endpoint per
 * server; path parameters get {@link PATH_PARAMETER_SAMPLE}. JSON or YAML; never throws.
 *
 * @example
 * ```ts
 * readApiDescription('{"openapi":"3.0.0","servers":[{"url":"https://api.example.com/v1"}],"paths":{"/me":{"get":{}}}}').endpoints;
 * // ['https://api.example.com/v1/me']
 * ```
 */
export function readApiDescription(text: string): ApiDescription {
  let doc: unknown;
  try {
    doc = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { endpoints: [], descriptions: [], problem: `not JSON or YAML (${why})` };
  }
  if (!isObject(doc)) return { endpoints: [], descriptions: [], problem: 'not an API description' };
  if (Array.isArray(doc.linkset)) return catalog(doc.linkset);
  if (!isObject(doc.paths) || (doc.openapi === undefined && doc.swagger === undefined))
    return {
      endpoints: [],
      descriptions: [],
      problem: 'not an OpenAPI or Swagger document (no openapi/swagger and paths)',
    };
  const bases = doc.swagger !== undefined ? swaggerBases(doc) : openapiBases(doc);
  const endpoints: string[] = [];
  for (const [path, item] of Object.entries(doc.paths).slice(0, MAX_API_PATHS)) {
    if (!path.startsWith('/') || !isObject(item) || !isObject(item.get)) continue;
    const sampled = path.replace(/\{[^}/]*\}/g, PATH_PARAMETER_SAMPLE);
    for (const base of bases) endpoints.push(`${base.replace(/\/+$/, '')}${sampled}`);
  }
  return { endpoints, descriptions: [] };
}

/** OpenAPI 3 `servers[].url` with variables at their defaults; `/` (the document's origin) when none. */
function openapiBases(doc: Json): string[] {
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const bases = servers.flatMap((s) => {
    if (typeof s.url !== 'string') return [];
    const variables = isObject(s.variables) ? s.variables : {};
    return [
      s.url.replace(/\{([^}]*)\}/g, (_, name: string) => {
        const v = variables[name];
        return isObject(v) && typeof v.default === 'string' ? v.default : '';
      }),
    ];
  });
  return bases.length > 0 ? [...new Set(bases)] : ['/'];
}

/** Swagger 2: `scheme://host/basePath` for each scheme (relative to the document when there is no host). */
function swaggerBases(doc: Json): string[] {
  const basePath = typeof doc.basePath === 'string' ? doc.basePath : '';
  if (typeof doc.host !== 'string') return [basePath || '/'];
  const schemes = Array.isArray(doc.schemes) ? doc.schemes.filter((s) => s === 'https' || s === 'http') : [];
  return (schemes.length > 0 ? schemes : ['https']).map((s) => `${s}://${doc.host}${basePath}`);
}

/** An RFC 9727 linkset: anchors are API endpoints, `service-desc` hrefs are descriptions. */
function catalog(linkset: unknown[]): ApiDescription {
  const endpoints: string[] = [];
  const descriptions: string[] = [];
  for (const entry of linkset.slice(0, MAX_API_PATHS)) {
    if (!isObject(entry)) continue;
    if (typeof entry.anchor === 'string') endpoints.push(entry.anchor);
    const links = Array.isArray(entry['service-desc']) ? entry['service-desc'] : [];
    for (const link of links)
      if (isObject(link) && typeof link.href === 'string') descriptions.push(link.href);
  }
  return { endpoints, descriptions };
}
