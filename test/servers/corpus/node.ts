import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeConfig } from '../node-frameworks.js';
import type { CaseInput } from './types.js';

const APP = 'https://app.victim.test';
const ALLOWLIST = new Set(['https://app.victim.test', 'https://www.victim.test']);

interface Grant {
  readonly vary?: boolean;
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * The usual hand-written middleware: `allowed(origin)` decides, allowed origins are echoed with credentials,
 * preflights get fixed method/header lists and end with 204.
 */
function handwritten(allowed: (origin: string) => boolean, grant: Grant = {}): NodeConfig['handle'] {
  return (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (grant.vary !== false) res.setHeader('Vary', 'Origin');
    if (origin !== undefined && allowed(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      for (const [name, value] of Object.entries(grant.extra ?? {})) res.setHeader(name, value);
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
      res.statusCode = 204;
      res.end();
    }
  };
}

const exact = (origin: string) => ALLOWLIST.has(origin);

export const nodeCases: readonly CaseInput[] = [
  {
    server: 'node',
    name: 'node-endswith',
    scheme: 'http',
    config: { handle: handwritten((origin) => origin.endsWith('victim.test')) },
    legit: APP,
    expect: ['suffix-match-bypass'],
  },
  {
    server: 'node',
    name: 'node-includes-no-vary',
    scheme: 'http',
    config: { handle: handwritten((origin) => origin.includes('victim.test'), { vary: false }) },
    legit: APP,
    expect: ['substring-match-bypass', 'vary-origin-missing'],
  },
  {
    server: 'node',
    name: 'node-startswith',
    scheme: 'http',
    config: { handle: handwritten((origin) => origin.startsWith('https://app.victim.test')) },
    legit: APP,
    expect: ['prefix-match-bypass'],
  },
  {
    server: 'node',
    name: 'node-null-allowlisted',
    scheme: 'http',
    // 'null' added so the Electron/file:// build works; any sandboxed iframe sends Origin: null too.
    config: { handle: handwritten((origin) => exact(origin) || origin === 'null') },
    legit: APP,
    expect: ['null-origin-allowed'],
  },
  {
    server: 'node',
    name: 'node-acao-trailing-slash',
    scheme: 'http',
    // A URL pasted from the address bar: never matches any Origin, and is not a valid ACAO value.
    config: {
      handle: (_req, res) => {
        res.setHeader('Access-Control-Allow-Origin', 'https://app.victim.test/');
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      },
    },
    legit: 'https://app.victim.test/',
    expect: ['invalid-cors-headers'],
  },
  {
    server: 'node',
    name: 'node-exact-allowlist',
    scheme: 'http',
    config: { handle: handwritten(exact) },
    legit: APP,
    expect: [],
  },
  {
    server: 'node',
    name: 'node-private-network-reflect',
    scheme: 'http',
    // A local agent/dev tool: reflects any Origin and opts into Private Network Access preflights.
    config: {
      handle: handwritten(() => true, { extra: { 'Access-Control-Allow-Private-Network': 'true' } }),
    },
    legit: APP,
    expect: ['origin-reflected', 'private-network-allowed'],
  },
  {
    server: 'node',
    name: 'node-websocket-any-origin',
    scheme: 'http',
    // CORS is right, but the WebSocket upgrade on the same path never looks at Origin.
    config: { handle: handwritten(exact), acceptWebSocket: () => true },
    legit: APP,
    expect: ['websocket-origin-unchecked'],
    websocket: [{ origin: 'https://evil.example', accepted: true }],
  },
  {
    server: 'node',
    name: 'node-websocket-checked',
    scheme: 'http',
    config: {
      handle: handwritten(exact),
      acceptWebSocket: (origin) => origin !== undefined && exact(origin),
    },
    legit: APP,
    expect: [],
    websocket: [
      { origin: 'https://evil.example', accepted: false },
      { origin: APP, accepted: true },
    ],
  },
  {
    server: 'node',
    name: 'node-samesite-none-session',
    scheme: 'https',
    // CORS is an exact allowlist, but the session cookie is SameSite=None: sent on every cross-site request.
    config: {
      handle: (req, res) => {
        res.setHeader('Set-Cookie', 'sid=corpus-session; Path=/; Secure; HttpOnly; SameSite=None');
        handwritten(exact)(req, res);
      },
    },
    legit: APP,
    expect: ['samesite-none-cookie'],
  },
];
