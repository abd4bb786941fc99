import { readFileSync } from 'node:fs';
import { SERVE_ERROR_STATUS } from './errors.js';

type Json = Record<string, unknown>;

/** The report schema's definitions, with their `$ref`s moved under `#/components/schemas/`. */
function reportDefs(): Json {
  const file = new URL('../../../schema/report.schema.json', import.meta.url);
  const text = readFileSync(file, 'utf8').replaceAll('"#/$defs/', '"#/components/schemas/');
  return (JSON.parse(text) as { $defs: Json }).$defs;
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

/**
 * The OpenAPI 3.1 document of the JSON API, served at `/api/openapi.json`. `ScanResult` is the
 * per-target object of `corsguard scan --format json`: the report schema's own `target` definition.
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
        'Scan an endpoint for CORS misconfigurations. Scans run asynchronously: POST one, then poll it or follow its events.',
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
      '/healthz': {
        get: { operationId: 'health', responses: { '200': json(ref('Health'), 'The server is up') } },
      },
    },
    components: {
      schemas: {
        ...reportDefs(),
        ScanResult: ref('target'),
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
