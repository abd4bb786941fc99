import { readFileSync } from 'node:fs';
import { SERVE_ERROR_STATUS } from './errors.js';

type Json = Record<string, unknown>;

/** A schema file's definitions, with their `$ref`s moved under `#/components/schemas/`. */
function schemaDefs(name: string): Json {
  const file = new URL(`../../../schema/${name}`, import.meta.url);
  const text = readFileSync(file, 'utf8').replaceAll('"#/$defs/', '"#/components/schemas/');
  return (JSON.parse(text) as { $defs: Json }).$defs;
}

/**
 * The definitions of the report schema and the explain schema, side by side (they share no name; a
 * clash would make one `$ref` point at the other's definition, so it throws).
 */
function publishedDefs(): Json {
  const report = schemaDefs('report.schema.json');
  const explain = schemaDefs('explain.schema.json');
  const clash = Object.keys(explain).filter((k) => k in report);
  if (clash.length > 0) throw new Error(`report and explain schemas both define ${clash.join(', ')}`);
  return { ...report, ...explain };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const date = { type: 'string', format: 'date-time' };
/** What a scan and a history entry have in common. */
const scanCore = {
  id: { type: 'string', format: 'uuid' },
  url: { type: 'string' },
  status: ref('ScanStatus'),
  createdAt: date,
};
const retryAfter = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };

/** Endpoints a bare site's discovery found but did not scan, and why. */
const skipped = {
  type: 'array',
  items: {
    type: 'object',
    required: ['url', 'reason'],
    properties: { url: { type: 'string' }, reason: { type: 'string' } },
  },
} as const;

/**
 * The OpenAPI 3.1 document of the JSON API, served at `/api/openapi.json`. `ScanResult` is the
 * per-target object of `corsguard scan --format json`: the report schema's own `target` definition;
 * `Explanation` is one explanation of `corsguard explain --format json`: the explain schema's own.
 *
 * @example
 * ```ts
 * const doc = openApiDocument('0.1.0');
 * doc.paths['/api/scans'].post; // the scan submission
 * ```
 */
export function openApiDocument(version: string): Json {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'corsguard',
      version,
      description:
        'Scan an endpoint for CORS misconfigurations. Scans run asynchronously: POST one, then poll it or follow its events. Explain why a cross-origin request is blocked: POST it, get the answer.',
    },
    paths: {
      '/api/scans': {
        post: {
          operationId: 'createScan',
          summary: 'Scan a URL',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ScanRequest') } } },
          responses: {
            '202': {
              ...json(ref('ScanCreated'), 'Queued'),
              headers: { Location: { schema: { type: 'string' } } },
            },
            '200': json(
              ref('ScanCreated'),
              'A scan of the same URL within the cooldown (or still running) is given back',
            ),
            '400': error('INVALID_URL or INVALID_REQUEST'),
            '403': error(
              'TARGET_FORBIDDEN: an internal address, a name resolving to one, or a port not allowed',
            ),
            '429': {
              ...error('RATE_LIMITED: too many scans from this client or of this host'),
              headers: retryAfter,
            },
            '503': { ...error('QUEUE_FULL: every slot busy and the queue full'), headers: retryAfter },
          },
        },
        get: {
          operationId: 'listScans',
          summary: 'The history of one URL, newest first',
          parameters: [
            { name: 'url', in: 'query', required: true, schema: { type: 'string' } },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
            {
              name: 'cursor',
              in: 'query',
              schema: { type: 'string' },
              description: 'The `next` of the previous page',
            },
          ],
          responses: { '200': json(ref('ScanHistory'), 'A page of scans'), '400': error('INVALID_REQUEST') },
        },
      },
      '/api/scans/{id}': {
        get: {
          operationId: 'getScan',
          parameters: [id],
          responses: { '200': json(ref('Scan'), 'The scan'), '404': error('NOT_FOUND') },
        },
      },
      '/api/sites/{id}': {
        get: {
          operationId: 'getSite',
          summary: 'A bare site scanned through discovery: each endpoint found, where, and its scan now',
          parameters: [id],
          responses: { '200': json(ref('Site'), 'The site'), '404': error('NOT_FOUND') },
        },
      },
      '/api/scans/{id}/events': {
        get: {
          operationId: 'scanEvents',
          summary: 'Server-sent events: status, progress, then done or failed (the stream then ends)',
          parameters: [id],
          responses: {
            '200': {
              description: 'An event stream',
              content: { 'text/event-stream': { schema: ref('ScanEvent') } },
            },
            '404': error('NOT_FOUND'),
          },
        },
      },
      '/api/explain': {
        post: {
          operationId: 'explainRequest',
          summary: 'Why is a cross-origin request blocked? The failing CORS check and the safe fix',
          description:
            'Sends what a browser would (the preflight, then the request; a GET stands in for a method that may change data; no cookie; no redirect followed) and runs the browser model on the answers, unless `offline` with a `message`. The explanation is the one of `corsguard explain --format json`.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ExplainRequest') } } },
          responses: {
            '200': json(ref('ExplainResult'), 'The explanation'),
            '400': error('INVALID_URL or INVALID_REQUEST (a field, an unrecognised console message)'),
            '403': error(
              'TARGET_FORBIDDEN: an internal address, a name resolving to one, or a port not allowed',
            ),
            '429': {
              ...error('RATE_LIMITED: too many live explanations from this client or of this host'),
              headers: retryAfter,
            },
            '503': { ...error('QUEUE_FULL: every explanation slot busy'), headers: retryAfter },
          },
        },
      },
      '/healthz': {
        get: { operationId: 'health', responses: { '200': json(ref('Health'), 'The server is up') } },
      },
    },
    components: {
      schemas: {
        ...publishedDefs(),
        ScanResult: ref('target'),
        Explanation: ref('explanation'),
        ExplainRequest: {
          type: 'object',
          additionalProperties: false,
          description:
            'A pasted console message, or the request (url and origin at least), or a message and what it does not say (the fields win over the message).',
          properties: {
            message: {
              type: 'string',
              maxLength: 32768,
              description: 'A console message of Chrome, Edge, Firefox or Safari',
            },
            url: {
              type: 'string',
              maxLength: 2048,
              description: 'http(s) or ws(s) URL; public addresses only',
            },
            origin: {
              type: 'string',
              maxLength: 512,
              description: "The page's origin (https://app.example.com), null, or * for any origin",
            },
            method: { type: 'string', pattern: '^[A-Za-z]{1,20}$', description: 'Default GET' },
            headers: {
              type: 'array',
              maxItems: 20,
              items: { type: 'string', maxLength: 100 },
              description: 'Names of the request headers the page sets',
            },
            credentials: { enum: ['include', 'omit', 'same-origin'], description: 'Default same-origin' },
            contentType: { type: 'string', maxLength: 256 },
            stack: { enum: ['express', 'fastify', 'hono', 'next', 'django', 'nginx', 'apache', 'corsguard'] },
            offline: {
              type: 'boolean',
              description: 'With a message: explain from the message alone, send nothing',
            },
          },
        },
        ExplainResult: {
          type: 'object',
          required: ['explanation'],
          properties: { explanation: ref('Explanation') },
        },
        ScanRequest: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: {
              type: 'string',
              maxLength: 2048,
              description: 'http(s) or ws(s) URL; public addresses only',
            },
            trustedOrigins: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 512 } },
            stack: { enum: ['express', 'fastify', 'hono', 'next', 'django', 'nginx', 'apache', 'corsguard'] },
            force: { type: 'boolean', description: 'Scan again even within the cooldown' },
            verify: {
              type: 'boolean',
              description:
                "Load each exploitable finding's proof of concept in headless Chromium (from the attacker origin, against this URL at its checked address only) and record `verified` on the findings; 503 VERIFY_UNAVAILABLE when the server has no Chromium",
            },
            cookie: {
              type: 'string',
              maxLength: 8192,
              description: 'Sent with the probes only; never stored, logged or shown',
            },
            headers: {
              type: 'object',
              maxProperties: 20,
              additionalProperties: { type: 'string', maxLength: 8192 },
              description: 'Sent with the probes only; never stored, logged or shown',
            },
          },
        },
        ScanCreated: {
          type: 'object',
          required: ['id', 'status', 'links'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            status: ref('ScanStatus'),
            reused: { type: 'boolean' },
            links: {
              type: 'object',
              required: ['self', 'events', 'page', 'badge'],
              properties: Object.fromEntries(
                ['self', 'events', 'page', 'badge'].map((k) => [k, { type: 'string' }]),
              ),
            },
            discovery: ref('SiteDiscovery'),
          },
        },
        SiteDiscovery: {
          type: 'object',
          description:
            'A bare site (example.com, https://example.com/) was submitted: its endpoints were discovered (every request through the SSRF gate) and each is scanned; `id` above is the first scan. When none could be queued, the site URL itself is scanned and this is absent.',
          required: ['id', 'site', 'scope', 'scans', 'skipped', 'notes'],
          properties: {
            id: {
              type: 'string',
              format: 'uuid',
              description: 'The site: `GET /api/sites/{id}`, its page `/sites/{id}`.',
            },
            site: { type: 'string' },
            scope: { type: 'string', description: 'The registrable domain every endpoint is on.' },
            scans: {
              type: 'array',
              items: {
                type: 'object',
                required: ['url', 'id', 'reused', 'from'],
                properties: {
                  url: { type: 'string' },
                  id: { type: 'string', format: 'uuid' },
                  reused: { type: 'boolean' },
                  from: { type: 'array', items: { type: 'object' } },
                },
              },
            },
            skipped,
            notes: { type: 'array', items: { type: 'string' } },
          },
        },
        Site: {
          type: 'object',
          required: ['id', 'site', 'scope', 'createdAt', 'page', 'scans', 'skipped', 'notes'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            site: { type: 'string' },
            scope: { type: 'string', description: 'The registrable domain every endpoint is on.' },
            createdAt: { type: 'string', format: 'date-time' },
            page: { type: 'string', description: 'The HTML page of the site' },
            scans: {
              type: 'array',
              items: {
                type: 'object',
                required: ['url', 'id', 'from', 'status', 'grade'],
                properties: {
                  url: { type: 'string' },
                  id: { type: 'string', format: 'uuid' },
                  from: { type: 'array', items: { type: 'object' } },
                  status: { oneOf: [ref('ScanStatus'), { type: 'null' }] },
                  grade: { type: ['string', 'null'] },
                  findings: { type: 'integer' },
                },
              },
            },
            skipped,
            notes: { type: 'array', items: { type: 'string' } },
          },
        },
        ScanStatus: { enum: ['queued', 'running', 'done', 'failed'] },
        Scan: {
          type: 'object',
          required: ['id', 'url', 'status', 'createdAt'],
          properties: {
            ...scanCore,
            result: ref('ScanResult'),
            error: ref('ErrorBody'),
            trustedOrigins: { type: 'array', items: { type: 'string' } },
            verify: { type: 'boolean', description: 'Asked with `verify: true`: findings carry `verified`' },
            startedAt: date,
            finishedAt: date,
          },
        },
        ScanSummaryItem: {
          type: 'object',
          required: ['id', 'url', 'status', 'createdAt'],
          properties: { ...scanCore, grade: { type: ['string', 'null'] }, findings: { type: 'integer' } },
        },
        ScanHistory: {
          type: 'object',
          required: ['scans'],
          properties: { scans: { type: 'array', items: ref('ScanSummaryItem') }, next: { type: 'string' } },
        },
        ScanEvent: {
          description: 'The data of one event (JSON); the event name is its `type`',
          type: 'object',
          required: ['type'],
          properties: {
            type: { enum: ['status', 'progress', 'done', 'failed'] },
            status: { enum: ['queued', 'running'] },
            position: { type: 'integer' },
            requests: { type: 'integer' },
            probe: { type: 'object' },
            grade: { type: ['string', 'null'] },
            findings: { type: 'integer' },
            error: ref('ErrorBody'),
          },
        },
        ErrorBody: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { enum: Object.keys(SERVE_ERROR_STATUS).concat('INTERRUPTED') },
            message: { type: 'string' },
          },
        },
        Error: { type: 'object', required: ['error'], properties: { error: ref('ErrorBody') } },
        Health: {
          type: 'object',
          required: ['status', 'scans'],
          properties: {
            status: { const: 'ok' },
            scans: {
              type: 'object',
              properties: {
                running: { type: 'integer' },
                queued: { type: 'integer' },
                limit: { type: 'integer' },
                peakRunning: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  };
}
