// Loopback servers misconfigured for each cause, and the page requests that meet them in a real Chromium.
//
// One API server answers every case at `/<case name>` (preflight, actual request and WebSocket handshake
// alike) and records what Chromium sent it and what it answered; four page servers give the requesting
// origins. Names under victim.test reach 127.0.0.1 through Chromium's --host-resolver-rules, and the two
// "public" page servers are put in the public address space with --ip-address-space-overrides, so Local
// Network Access can be provoked on loopback. Nothing leaves 127.0.0.0/8; every wait is bounded.
import { createHash } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  STATUS_CODES,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { CredentialsMode, HeaderList } from '../../../core/browser/index.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../test-support/tools.js';
import { labTlsCredentials } from '../../lab/index.js';
import type { BrowserRequest, Cause, ExchangeInput, Observed } from '../index.js';

/** Where the page making the request is served from. */
export type PageKind =
  /** http://app.victim.test:PORT — loopback address space, like the API. */
  | 'site'
  /** https://app.victim.test:PORT (the lab's self-signed certificate; Chromium ignores certificate errors). */
  | 'secure-site'
  /** http://public.victim.test:PORT — a port overridden to the `public` address space. */
  | 'public'
  /** https://public.victim.test:PORT — secure, and in the `public` address space. */
  | 'secure-public';

/** Where the request goes: the API by name, the API by loopback IP, or a port nobody listens on. */
export type TargetKind = 'api' | 'secure-api' | 'loopback' | 'refused';

/** What one request to the API server looked like. */
export interface CaseRequest {
  readonly method: string;
  readonly path: string;
  readonly origin: string | undefined;
  /** Raw request headers (wire order). */
  readonly headers: HeaderList;
  /** A WebSocket handshake (`Upgrade: websocket`). */
  readonly upgrade: boolean;
}

/** What the API server answers: a status and raw headers (wire order, duplicates kept). 101 accepts a WebSocket. */
export interface CaseAnswer {
  readonly status: number;
  readonly headers: HeaderList;
}

/** The API server's behaviour for one case: preflight, actual request and handshake all come here. */
export type Answerer = (req: CaseRequest) => CaseAnswer;

/** One request the API server received and what it answered. */
export interface RecordedExchange {
  readonly request: CaseRequest;
  readonly answer: CaseAnswer;
}

/**
 * One misconfiguration, the page request that meets it, and what Chromium reports.
 *
 * @example
 * ```ts
 * const c = CHROMIUM_CASES.find((x) => x.name === 'preflight-method');
 * c?.cause; // 'preflight-method'
 * ```
 */
export interface ChromiumCase {
  /** Unique; the API path is `/<name>`. */
  readonly name: string;
  /** The cause Chromium's console message names. */
  readonly cause: Cause;
  /** The misconfiguration, in words. */
  readonly server: string;
  readonly page: PageKind;
  readonly target: TargetKind;
  /** How the page makes the request. */
  readonly api: 'fetch' | 'xhr' | 'websocket';
  readonly method?: string;
  /** Author headers the page sets (besides Content-Type). */
  readonly headers?: Readonly<Record<string, string>>;
  /** When set, the page sends a body `{}` with this Content-Type. */
  readonly contentType?: string;
  readonly credentials?: CredentialsMode;
  /** The misconfigured server. Unused for `target: 'refused'`. */
  readonly answer: Answerer;
  /** What the console message names besides url and origin (`value` is the quoted header value). */
  readonly names?: {
    readonly method?: string;
    readonly header?: string;
    readonly value?: string;
    readonly status?: number;
  };
  /** When the browser model (`diagnoseExchange`) names another cause than Chromium: that cause, and why. */
  readonly model?: { readonly cause: Cause; readonly why: string };
}

const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const OTHER_ORIGIN = 'http://other.victim.test';
const ok = (headers: HeaderList = []): CaseAnswer => ({ status: 200, headers });
const allowing = (req: CaseRequest): HeaderList => [[ACAO, req.origin ?? '*']];
/** OPTIONS gets `preflight`, everything else a 200 that allows the origin. */
const onPreflight =
  (preflight: (req: CaseRequest) => CaseAnswer): Answerer =>
  (req) =>
    req.method === 'OPTIONS' ? preflight(req) : ok(allowing(req));

/**
 * The cases: one per cause (the name is the cause), plus variants that show how Chromium words the same
 * cause for XHR and WebSocket, and where the browser model and Chromium 156 part ways (`model`).
 *
 * @example
 * ```ts
 * CHROMIUM_CASES.map((c) => c.cause); // ['acao-missing', 'acao-missing', 'acao-mismatch', …]
 * ```
 */
export const CHROMIUM_CASES: readonly ChromiumCase[] = [
  {
    name: 'acao-missing',
    cause: 'acao-missing',
    server: 'answers without Access-Control-Allow-Origin',
    page: 'site',
    target: 'api',
    api: 'fetch',
    answer: () => ok([['Content-Type', 'application/json']]),
  },
  {
    name: 'acao-missing-xhr',
    cause: 'acao-missing',
    server: 'answers an XMLHttpRequest without Access-Control-Allow-Origin',
    page: 'site',
    target: 'api',
    api: 'xhr',
    answer: () => ok(),
  },
  {
    name: 'acao-mismatch',
    cause: 'acao-mismatch',
    server: 'allows another origin',
    page: 'site',
    target: 'api',
    api: 'fetch',
    answer: () => ok([[ACAO, OTHER_ORIGIN]]),
    names: { value: OTHER_ORIGIN },
  },
  {
    name: 'acao-multiple',
    cause: 'acao-multiple',
    server: 'sends Access-Control-Allow-Origin twice (the origin, then another)',
    page: 'site',
    target: 'api',
    api: 'fetch',
    answer: (req) => ok([...allowing(req), [ACAO, OTHER_ORIGIN]]),
  },
  {
    name: 'acao-invalid',
    cause: 'acao-invalid',
    server: 'sends a bare host name as Access-Control-Allow-Origin',
    page: 'site',
    target: 'api',
    api: 'fetch',
    answer: () => ok([[ACAO, 'app.victim.test']]),
    names: { value: 'app.victim.test' },
  },
  {
    name: 'acao-wildcard-with-credentials',
    cause: 'acao-wildcard-with-credentials',
    server: 'answers * to a request with credentials',
    // Cookies go only to an https API from an https page (an http origin with credentials is never
    // trusted, so its fix would be refused).
    page: 'secure-site',
    target: 'secure-api',
    api: 'fetch',
    credentials: 'include',
    answer: () => ok([[ACAO, '*']]),
    names: { value: '*' },
  },
  {
    name: 'acac-missing',
    cause: 'acac-missing',
    server: 'allows the origin but not credentials',
    // Cookies go only to an https API from an https page (an http origin with credentials is never
    // trusted, so its fix would be refused).
    page: 'secure-site',
    target: 'secure-api',
    api: 'fetch',
    credentials: 'include',
    answer: (req) => ok(allowing(req)),
    names: { value: '' },
  },
  {
    name: 'acac-not-true',
    cause: 'acac-not-true',
    server: 'sends Access-Control-Allow-Credentials: TRUE (upper case)',
    // Cookies go only to an https API from an https page (an http origin with credentials is never
    // trusted, so its fix would be refused).
    page: 'secure-site',
    target: 'secure-api',
    api: 'xhr',
    credentials: 'include',
    answer: (req) => ok([...allowing(req), [ACAC, 'TRUE']]),
    names: { value: 'TRUE' },
  },
  {
    name: 'preflight-status',
    cause: 'preflight-status',
    server: 'adds CORS headers everywhere but has no OPTIONS route: the preflight gets 404',
    page: 'site',
    target: 'api',
    api: 'fetch',
    method: 'PUT',
    answer: onPreflight((req) => ({ status: 404, headers: allowing(req) })),
  },
  {
    name: 'preflight-status-no-cors-headers',
    cause: 'acao-missing',
    server: 'runs authentication before CORS: the preflight gets a bare 401',
    page: 'site',
    target: 'api',
    api: 'fetch',
    method: 'DELETE',
    // The model follows Chromium's order: the CORS check of Fetch §4.7 step 7 before the status check.
    answer: onPreflight(() => ({ status: 401, headers: [['WWW-Authenticate', 'Bearer']] })),
  },
  {
    name: 'preflight-redirect',
    cause: 'preflight-redirect',
    server: 'redirects the preflight (to a trailing-slash URL)',
    page: 'site',
    target: 'api',
    api: 'fetch',
    method: 'PUT',
    answer: onPreflight((req) => ({
      status: 301,
      headers: [...allowing(req), ['Location', '/preflight-redirect/']],
    })),
  },
  {
    name: 'preflight-method',
    cause: 'preflight-method',
    server: 'allows GET and POST only',
    page: 'site',
    target: 'api',
    api: 'fetch',
    method: 'PUT',
    answer: onPreflight((req) => ({
      status: 204,
      headers: [...allowing(req), ['Access-Control-Allow-Methods', 'GET, POST']],
    })),
    names: { method: 'PUT' },
  },
  {
    name: 'preflight-header',
    cause: 'preflight-header',
    server: 'allows Content-Type but not X-Request-Id',
    page: 'site',
    target: 'api',
    api: 'fetch',
    method: 'PUT',
    headers: { 'X-Request-Id': 'r-42' },
    contentType: 'application/json',
    answer: onPreflight((req) => ({
      status: 204,
      headers: [
        ...allowing(req),
        ['Access-Control-Allow-Methods', 'GET, PUT'],
        ['Access-Control-Allow-Headers', 'Content-Type'],
      ],
    })),
    names: { header: 'x-request-id' },
  },
  {
    name: 'mixed-content',
    cause: 'mixed-content',
    server: 'is http: only, and the page is https:',
    page: 'secure-site',
    target: 'api',
    api: 'fetch',
    answer: (req) => ok(allowing(req)),
  },
  {
    name: 'mixed-content-websocket',
    cause: 'mixed-content',
    server: 'offers ws: only, and the page is https:',
    page: 'secure-site',
    target: 'api',
    api: 'websocket',
    answer: () => ({ status: 101, headers: [] }),
  },
  {
    name: 'local-network',
    cause: 'local-network',
    server: 'is on loopback, and a non-secure page in the public address space calls it',
    page: 'public',
    target: 'loopback',
    api: 'fetch',
    answer: (req) => ok(allowing(req)),
  },
  {
    name: 'local-network-secure',
    cause: 'local-network',
    server: 'is on loopback, and a secure public page calls it (the permission is not granted headless)',
    page: 'secure-public',
    target: 'loopback',
    api: 'fetch',
    answer: onPreflight((req) => ({ status: 204, headers: allowing(req) })),
    model: {
      cause: 'no-error',
      why: "Local Network Access is the user's permission, which no answer shows: the model assumes it is granted, and the console message (Permission was denied…) names the cause",
    },
  },
  {
    name: 'local-network-secure-allow-private-network',
    cause: 'local-network',
    server:
      'answers Access-Control-Allow-Private-Network: true, and a secure public page calls it without the permission',
    page: 'secure-public',
    target: 'loopback',
    api: 'fetch',
    answer: (req) => ({
      status: req.method === 'OPTIONS' ? 204 : 200,
      headers: [...allowing(req), ['Access-Control-Allow-Private-Network', 'true']],
    }),
    model: {
      cause: 'no-error',
      why: 'Chromium 156 implements Local Network Access: no preflight is sent, the user permission alone decides, and Access-Control-Allow-Private-Network changes nothing; the model assumes the permission is granted',
    },
  },
  {
    name: 'local-network-websocket',
    cause: 'local-network',
    server: 'accepts WebSockets on loopback, and a public page connects',
    page: 'public',
    target: 'loopback',
    api: 'websocket',
    answer: () => ({ status: 101, headers: [] }),
    model: {
      cause: 'no-error',
      why: 'diagnoseExchange judges a ws: URL by its handshake only and never applies the local-network step; Chromium 156 refuses the connection (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS) before it is made',
    },
  },
  {
    name: 'websocket-rejected',
    cause: 'websocket-rejected',
    server: 'refuses the WebSocket handshake with 403 (Origin check)',
    page: 'site',
    target: 'api',
    api: 'websocket',
    answer: () => ({ status: 403, headers: [['Content-Type', 'text/plain']] }),
    names: { status: 403 },
  },
  {
    name: 'network-error',
    cause: 'network-error',
    server: 'is down (nothing listens on the port: connection refused)',
    page: 'site',
    target: 'refused',
    api: 'fetch',
    answer: () => ok(),
    names: { value: 'net::ERR_CONNECTION_REFUSED' },
  },
];

/** Host names Chromium maps to 127.0.0.1 (`--host-resolver-rules`). */
export const HOSTS = {
  page: 'app.victim.test',
  public: 'public.victim.test',
  api: 'api.victim.test',
} as const;

/**
 * The running servers: the origins, the URLs and requests of each case, what the API recorded, and the
 * Chromium flags that make the names and address spaces work.
 *
 * @example
 * ```ts
 * const net = await startCaseNet();
 * net.requestOf(c); // { url: 'http://api.victim.test:41167/acao-missing', origin: 'http://app.victim.test:43321', … }
 * await net.close();
 * ```
 */
export interface CaseNet {
  readonly origins: Readonly<Record<PageKind, string>>;
  readonly apiPort: number;
  /** The same API over https (the lab's self-signed certificate). */
  readonly secureApiPort: number;
  /** A port nothing listens on (it was bound and released at start). */
  readonly refusedPort: number;
  /** Chromium flags: name mapping, ignored certificate errors, public address-space overrides. */
  readonly chromiumArgs: readonly string[];
  /** The URL the page requests; `port` sends it to another server (e.g. a fixed one) on api.victim.test. */
  urlOf(c: ChromiumCase, port?: number): string;
  /** The page's request as diagnose's `BrowserRequest`. */
  requestOf(c: ChromiumCase, port?: number): BrowserRequest;
  /** What the API server received for a case and answered, in order. */
  recorded(c: ChromiumCase): readonly RecordedExchange[];
  /** Replaces a case's server behaviour (undefined restores the misconfiguration), e.g. to apply a fix. */
  answerWith(c: ChromiumCase, answer: Answerer | undefined): void;
  /** The case's current server behaviour (the misconfiguration, or what `answerWith` set). */
  answererOf(c: ChromiumCase): Answerer;
  close(): Promise<void>;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function pairs(raw: readonly string[]): HeaderList {
  const out: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i] ?? '', raw[i + 1] ?? '']);
  return out;
}

function caseRequest(req: IncomingMessage, upgrade: boolean): CaseRequest {
  const origin = req.headers.origin;
  return {
    method: req.method ?? 'GET',
    path: new URL(req.url ?? '/', 'http://x').pathname,
    origin: typeof origin === 'string' ? origin : undefined,
    headers: pairs(req.rawHeaders),
    upgrade,
  };
}

// `data:,` as icon: no /favicon.ico request, whose 404 would print a console line of its own.
const PAGE =
  '<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>corsguard explain case page</title></html>';
const pageListener: RequestListener = (req, res) => {
  const root = (req.url ?? '/') === '/';
  res.writeHead(root ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' }).end(root ? PAGE : '');
};

/**
 * Starts the API server and the page servers on 127.0.0.1, and reserves a refused port.
 *
 * @example
 * ```ts
 * const net = await startCaseNet();
 * const browser = await launchCaseBrowser(net);
 * ```
 */
export async function startCaseNet(cases: readonly ChromiumCase[] = CHROMIUM_CASES): Promise<CaseNet> {
  const byPath = new Map(cases.map((c) => [`/${c.name}`, c]));
  const overrides = new Map<string, Answerer>();
  const records = new Map<string, RecordedExchange[]>();
  const answerFor = (req: CaseRequest): CaseAnswer | undefined => {
    const c = byPath.get(req.path.endsWith('/') ? req.path.slice(0, -1) : req.path);
    if (c === undefined) return undefined;
    const answer = (overrides.get(c.name) ?? c.answer)(req);
    const list = records.get(c.name) ?? [];
    if (list.length < 50) list.push({ request: req, answer });
    records.set(c.name, list);
    return answer;
  };

  const sockets = new Set<Socket>();
  const api = createServer((req, res) => {
    const answer = answerFor(caseRequest(req, false)) ?? { status: 404, headers: [] };
    res.writeHead(answer.status, answer.headers.flat());
    res.end(answer.status === 204 || answer.status === 304 ? undefined : 'case body');
  });
  api.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const answer = answerFor(caseRequest(req, true)) ?? { status: 404, headers: [] };
    const lines = answer.headers.map(([n, v]) => `${n}: ${v}\r\n`).join('');
    if (answer.status === 101) {
      // RFC 6455 §4.2.2: Sec-WebSocket-Accept is base64(SHA-1(key + GUID)).
      const key = req.headers['sec-websocket-key'] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${lines}\r\n`,
      );
      socket.end();
      return;
    }
    socket.end(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Status'}\r\n${lines}Content-Length: 0\r\nConnection: close\r\n\r\n`,
    );
  });
  const tls = labTlsCredentials();
  // The same API over https, for credentialed cases (the WebSocket upgrade is served over http only).
  const secureApi = createHttpsServer(tls, (req, res) => api.emit('request', req, res));
  const servers: Server[] = [
    api,
    secureApi,
    createServer(pageListener),
    createHttpsServer(tls, pageListener),
    createServer(pageListener),
    createHttpsServer(tls, pageListener),
  ];
  const [apiPort, secureApiPort, sitePort, securePort, publicPort, securePublicPort] = await Promise.all(
    servers.map((s) => listen(s)),
  );
  if (
    apiPort === undefined ||
    secureApiPort === undefined ||
    sitePort === undefined ||
    securePort === undefined ||
    publicPort === undefined ||
    securePublicPort === undefined
  )
    throw new Error('a case server did not start');
  const spare = createServer();
  const refusedPort = await listen(spare);
  await new Promise<void>((resolve) => spare.close(() => resolve()));

  const origins: Record<PageKind, string> = {
    site: `http://${HOSTS.page}:${sitePort}`,
    'secure-site': `https://${HOSTS.page}:${securePort}`,
    public: `http://${HOSTS.public}:${publicPort}`,
    'secure-public': `https://${HOSTS.public}:${securePublicPort}`,
  };
  const urlOf = (c: ChromiumCase, port?: number): string => {
    const secure = c.target === 'secure-api';
    const scheme = c.api === 'websocket' ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
    const host = c.target === 'loopback' ? '127.0.0.1' : HOSTS.api;
    const p = port ?? (c.target === 'refused' ? refusedPort : secure ? secureApiPort : apiPort);
    return `${scheme}://${host}:${p}/${c.name}`;
  };
  return {
    origins,
    apiPort,
    secureApiPort,
    refusedPort,
    chromiumArgs: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP *.victim.test 127.0.0.1`,
      '--ignore-certificate-errors',
      `--ip-address-space-overrides=127.0.0.1:${publicPort}=public,127.0.0.1:${securePublicPort}=public`,
    ],
    urlOf,
    requestOf: (c, port) => ({
      url: urlOf(c, port),
      origin: origins[c.page],
      ...(c.method === undefined ? {} : { method: c.method }),
      ...(c.headers === undefined ? {} : { headers: Object.entries(c.headers) }),
      ...(c.credentials === undefined ? {} : { credentials: c.credentials }),
      ...(c.contentType === undefined ? {} : { contentType: c.contentType }),
    }),
    recorded: (c) => records.get(c.name) ?? [],
    answerWith: (c, answer) => {
      if (answer === undefined) overrides.delete(c.name);
      else overrides.set(c.name, answer);
    },
    answererOf: (c) => overrides.get(c.name) ?? c.answer,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/**
 * Launches Debian's Chromium with the flags the case net needs.
 *
 * @example
 * ```ts
 * const browser = await launchCaseBrowser(net);
 * ```
 */
export function launchCaseBrowser(net: CaseNet): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...net.chromiumArgs], timeout: 30_000 });
}

/** A console message as Playwright gives it: the text, and the URL of its location ('' when none). */
export interface ConsoleLine {
  readonly text: string;
  readonly url: string;
}

/**
 * One run of a case: the request, every console message Chromium printed meanwhile, what script saw,
 * and what the API server received and answered.
 *
 * @example
 * ```ts
 * const run = await runCase(page, net, c);
 * run.outcome; // { ok: false, error: 'TypeError: Failed to fetch' }
 * ```
 */
export interface CaseRun {
  readonly request: BrowserRequest;
  readonly console: readonly ConsoleLine[];
  readonly outcome:
    | { readonly ok: true; readonly status: number }
    | { readonly ok: false; readonly error: string };
  readonly recorded: readonly RecordedExchange[];
}

interface PageSpec {
  readonly api: ChromiumCase['api'];
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly credentials: CredentialsMode;
  readonly body: string | null;
}

type PageOutcome = { ok: true; status: number } | { ok: false; error: string };

// In the page: makes the request and resolves with what script sees, bounded by an 8 s timer. A string,
// not a function: a transpiler's helpers (esbuild's __name under tsx) would not exist in the page.
const IN_PAGE = `(spec) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), 8000);
  const done = (r) => { clearTimeout(timer); resolve(r); };
  if (spec.api === 'websocket') {
    try {
      const ws = new WebSocket(spec.url);
      ws.onopen = () => { ws.close(); done({ ok: true, status: 101 }); };
      ws.onerror = () => done({ ok: false, error: 'WebSocket error' });
    } catch (err) { done({ ok: false, error: String(err) }); }
    return;
  }
  if (spec.api === 'xhr') {
    const xhr = new XMLHttpRequest();
    xhr.open(spec.method, spec.url);
    xhr.withCredentials = spec.credentials === 'include';
    for (const [n, v] of Object.entries(spec.headers)) xhr.setRequestHeader(n, v);
    xhr.onload = () => done({ ok: true, status: xhr.status });
    xhr.onerror = () => done({ ok: false, error: 'XMLHttpRequest error' });
    xhr.send(spec.body);
    return;
  }
  const init = { method: spec.method, headers: spec.headers, credentials: spec.credentials };
  if (spec.body !== null) init.body = spec.body;
  fetch(spec.url, init).then(
    (res) => done({ ok: true, status: res.status }),
    (err) => done({ ok: false, error: String(err) }),
  );
})`;

const GENERIC_FAILURE = 'Failed to load resource: net::ERR_FAILED';

/**
 * Opens the case's page origin in `page`, makes the case's request there and collects the console
 * messages until the reason for a failure has been printed (at most 2 s after script saw the failure).
 * `options.port` sends the request to another server on api.victim.test (a fixed one, say).
 *
 * @example
 * ```ts
 * const run = await runCase(page, net, c);
 * run.console.map((m) => m.text); // ["Access to fetch at 'http://api.victim.test:…' … blocked by CORS policy: …", 'Failed to load resource: net::ERR_FAILED']
 * ```
 */
export async function runCase(
  page: Page,
  net: CaseNet,
  c: ChromiumCase,
  options: { readonly port?: number } = {},
): Promise<CaseRun> {
  const request = net.requestOf(c, options.port);
  const before = net.recorded(c).length;
  await page.goto(`${request.origin}/`, { timeout: 10_000 });
  const lines: ConsoleLine[] = [];
  const onConsole = (m: { text(): string; location(): { url: string } }) =>
    lines.push({ text: m.text(), url: m.location().url });
  page.on('console', onConsole);
  try {
    const spec: PageSpec = {
      api: c.api,
      url: request.url,
      method: c.method ?? 'GET',
      headers: {
        ...(c.headers ?? {}),
        ...(c.contentType === undefined ? {} : { 'Content-Type': c.contentType }),
      },
      credentials: c.credentials ?? 'same-origin',
      body: c.contentType === undefined ? null : '{}',
    };
    const outcome = await page.evaluate<PageOutcome>(`(${IN_PAGE})(${JSON.stringify(spec)})`);
    // Chromium prints the reason from the browser process; it may arrive just after script saw the failure.
    const reasonPrinted = () => lines.some((l) => l.text !== GENERIC_FAILURE);
    for (let waited = 0; !outcome.ok && !reasonPrinted() && waited < 2000; waited += 25)
      await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 100));
    return { request, console: [...lines], outcome, recorded: net.recorded(c).slice(before) };
  } finally {
    page.off('console', onConsole);
  }
}

/**
 * The `diagnoseExchange` input for a run: the preflight and the response Chromium really got from the
 * API server; where Chromium sent nothing (the model would send a preflight Chromium did not), what the
 * case's server answers to exactly that request (`source: 'server'`); a connection refused for a down
 * server. `sources` says which answer came from where.
 *
 * @example
 * ```ts
 * const { input, sources } = observedExchange(net, c, run);
 * diagnoseExchange(input).cause; // 'preflight-method'
 * sources; // { preflight: 'chromium' }
 * ```
 */
export function observedExchange(
  net: CaseNet,
  c: ChromiumCase,
  run: CaseRun,
): {
  readonly input: ExchangeInput;
  readonly sources: { readonly preflight?: 'chromium' | 'server'; readonly response?: 'chromium' | 'server' };
} {
  const { request } = run;
  if (c.target === 'refused') {
    const refused: Observed = { networkError: 'net::ERR_CONNECTION_REFUSED' };
    return { input: { request, preflight: refused, response: refused }, sources: {} };
  }
  const observed = (a: CaseAnswer): Observed => {
    const location = a.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
    return { status: a.status, headers: a.headers, ...(location === undefined ? {} : { location }) };
  };
  const sent = (preflight: boolean) =>
    run.recorded.find((r) => (r.request.method === 'OPTIONS') === preflight);
  const path = new URL(request.url).pathname;
  const ask = (method: string): Observed =>
    observed(
      net.answererOf(c)({
        method,
        path,
        origin: request.origin,
        headers: [['Origin', request.origin]],
        upgrade: c.api === 'websocket',
      }),
    );
  const pre = sent(true);
  const res = sent(false);
  return {
    input: {
      request,
      preflight: pre === undefined ? ask('OPTIONS') : observed(pre.answer),
      response: res === undefined ? ask(c.method ?? 'GET') : observed(res.answer),
    },
    sources: {
      preflight: pre === undefined ? 'server' : 'chromium',
      response: res === undefined ? 'server' : 'chromium',
    },
  };
}
