import type { FastifyCorsOptions } from '@fastify/cors';
import type { CorsOptions } from 'cors';
import type { FindingId } from '../../../src/capabilities/scan/types.js';
import type { ApacheConfig } from '../apache.js';
import type { DjangoConfig } from '../django.js';
import type { Scheme } from '../harness.js';
import type { NginxConfig } from '../nginx.js';
import type { HonoCorsOptions, NodeConfig } from '../node-frameworks.js';

/** A raw request whose answer documents (and pins) the server behaviour that justifies `expect`. */
export interface RawProbe {
  readonly origin: string;
  /** Send a CORS preflight (OPTIONS + Access-Control-Request-Method) instead of a GET. */
  readonly preflight?: { readonly method: string; readonly headers?: string };
  /** Expected status, when it matters. */
  readonly status?: number;
  /** Lower-case response header name → exact value, or null for "absent" (repeated headers joined by ", "). */
  readonly headers: Readonly<Record<string, string | null>>;
}

interface CaseBase {
  readonly name: string;
  readonly scheme: Scheme;
  /** Exactly the finding ids a precise scanner reports for this endpoint. */
  readonly expect: readonly FindingId[];
  /** Access-Control-Allow-Origin answered to a GET from https://app.victim.test (null: none). */
  readonly legit: string | null;
  readonly probes?: readonly RawProbe[];
  /** WebSocket handshakes to the same path: whether the upgrade from `origin` is accepted. */
  readonly websocket?: ReadonlyArray<{ readonly origin: string; readonly accepted: boolean }>;
}

export type CaseInput =
  | (CaseBase & { readonly server: 'nginx'; readonly config: NginxConfig })
  | (CaseBase & { readonly server: 'apache'; readonly config: ApacheConfig })
  | (CaseBase & { readonly server: 'django'; readonly config: DjangoConfig })
  | (CaseBase & { readonly server: 'express'; readonly config: CorsOptions | undefined })
  | (CaseBase & { readonly server: 'fastify'; readonly config: FastifyCorsOptions | undefined })
  | (CaseBase & { readonly server: 'hono'; readonly config: HonoCorsOptions | undefined })
  | (CaseBase & { readonly server: 'node'; readonly config: NodeConfig });

export type ServerKind = CaseInput['server'];

/** A corpus case: the endpoint lives at `path` (`/name`) on its server. */
export type CorpusCase = CaseInput & { readonly path: string };
