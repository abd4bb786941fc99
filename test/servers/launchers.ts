import { apache } from './apache.js';
import type { CorpusCase, ServerKind } from './corpus.js';
import { django } from './django.js';
import type { RunningServer, Scheme } from './harness.js';
import { nginx } from './nginx.js';
import { expressServer, fastifyServer, honoServer, nodeServer } from './node-frameworks.js';

/** Why a server kind cannot run here, or null. */
export function missingServer(kind: ServerKind): string | null {
  const missing = missingBinary(kind);
  // CI installs every server (.ci/install-servers.sh) and sets CORSGUARD_REQUIRE_SERVERS=1: there a
  // missing server is a failure, never a silent skip.
  if (missing !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    throw new Error(
      `${kind} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${missing}; run .ci/install-servers.sh`,
    );
  }
  return missing;
}

function missingBinary(kind: ServerKind): string | null {
  switch (kind) {
    case 'nginx':
      return nginx.missing();
    case 'apache':
      return apache.missing();
    case 'django':
      return django.missing();
    default:
      return null;
  }
}

function sitesOf<S extends ServerKind>(cases: readonly CorpusCase[], kind: S) {
  return cases.flatMap((c) =>
    c.server === kind
      ? [{ path: c.path, config: c.config as Extract<CorpusCase, { server: S }>['config'] }]
      : [],
  );
}

/** Starts one server (process or listener) of `kind` hosting every given case of that kind and scheme. */
export function startServer(
  kind: ServerKind,
  scheme: Scheme,
  cases: readonly CorpusCase[],
): Promise<RunningServer> {
  switch (kind) {
    case 'nginx':
      return nginx.start(sitesOf(cases, kind), scheme);
    case 'apache':
      return apache.start(sitesOf(cases, kind), scheme);
    case 'django':
      return django.start(sitesOf(cases, kind), scheme);
    case 'express':
      return expressServer.start(sitesOf(cases, kind), scheme);
    case 'fastify':
      return fastifyServer.start(sitesOf(cases, kind), scheme);
    case 'hono':
      return honoServer.start(sitesOf(cases, kind), scheme);
    case 'node':
      return nodeServer.start(sitesOf(cases, kind), scheme);
  }
}

/** The corpus grouped into server instances: one per (kind, scheme). */
export function serverGroups(
  cases: readonly CorpusCase[],
): Array<{ kind: ServerKind; scheme: Scheme; cases: CorpusCase[] }> {
  const groups = new Map<string, { kind: ServerKind; scheme: Scheme; cases: CorpusCase[] }>();
  for (const c of cases) {
    const key = `${c.server}:${c.scheme}`;
    const group = groups.get(key) ?? { kind: c.server, scheme: c.scheme, cases: [] };
    group.cases.push(c);
    groups.set(key, group);
  }
  return [...groups.values()];
}
