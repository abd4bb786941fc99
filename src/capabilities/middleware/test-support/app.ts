import type { CorsOptions } from '../core.js';

// The app every adapter guards in the conformance, property and scanner tests: the same routes in every
// framework, so any difference in the answers comes from the middleware.

export const APP = 'https://app.example.com';
export const WWW = 'https://www.example.co.uk';
export const EVIL = 'https://evil.invalid';

/** The named configurations the conformance table uses. */
export const CONFIGS = {
  /** Exact origins + a subdomain pattern, credentials, PNA, max-age. */
  creds: {
    origins: [APP, WWW, 'https://*.example.com'],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    requestHeaders: ['Authorization', 'X-Api-Key', 'Content-Type'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
    privateNetwork: true,
  },
  /** Only exact origins, with credentials: every bypass probe must be refused. */
  exact: { origins: [APP, WWW, 'http://localhost:3000'], credentials: true },
  /** A public API. */
  public: { origins: '*', methods: ['PUT'], requestHeaders: ['*'], exposeHeaders: ['X-Request-Id'] },
  /** A local development setup, with debug on and a custom failure status. */
  dev: {
    origins: ['http://localhost:*', 'http://127.0.0.1:*'],
    preflightFailureStatus: 400,
    debug: true,
  },
  /** Subdomains on any port, with credentials. */
  ports: { origins: ['https://*.example.com:*'], credentials: true },
  /** Credentialed "any method, any header": an echo of the preflight, by the dangerous option only. */
  echo: {
    origins: [APP],
    credentials: true,
    methods: ['*'],
    requestHeaders: ['*', 'Authorization'],
    dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,
  },
} satisfies Record<string, CorsOptions>;

export type ConfigName = keyof typeof CONFIGS;
export const CONFIG_NAMES = Object.keys(CONFIGS) as ConfigName[];

/** The app's routes: each answers 200 "ok" with `X-App: 1` and these extra headers. */
export const ROUTES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  '/plain': [],
  '/vary': [['Vary', 'Accept-Encoding']],
  '/vary-star': [['Vary', '*']],
  '/vary-origin': [['Vary', 'origin, Accept']],
  '/app-cors': [
    ['Access-Control-Allow-Origin', EVIL],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Expose-Headers', 'Set-Cookie, Authorization'],
  ],
};

/** The route's extra headers for a request path `/<config>/<route>?…`. */
export function routeHeaders(url: string): readonly (readonly [string, string])[] {
  const path = url.split('?')[0] ?? '';
  const route = path.slice(path.indexOf('/', 1));
  return ROUTES[route] ?? [];
}

/** The config name a request path `/<config>/…` starts with. */
export function configOf(url: string): string | undefined {
  const name = url.split('/')[1] ?? '';
  return name === '' ? undefined : name;
}

/** A Fetch app answering every route (the handler guarded by the Fetch-based adapters). */
export function fetchApp(request: Request): Response {
  const headers = new Headers([['X-App', '1']]);
  for (const [n, v] of routeHeaders(new URL(request.url).pathname)) headers.set(n, v);
  return new Response('ok', { status: 200, headers });
}
