import type { HeaderList } from '../../core/browser/index.js';
import { REDIRECT_UNKNOWN } from './changes.js';
import type { ConsoleDiagnosis } from './console-types.js';
import type { Evidence, ExchangeInput } from './diagnose-exchange.js';
import type { BrowserRequest } from './request.js';

/**
 * The answers a console message implies, for working out a fix without a live replay (`--offline`):
 * the least a server can have sent to make the browser say that (no `Access-Control-Allow-Origin` for
 * `acao-missing`, the quoted value for `acao-mismatch`, a preflight that allows the origin but not the
 * method for `preflight-method`…). Only what the message says is evidence (see {@link messageEvidence});
 * these answers are a model of it, never shown as observed.
 *
 * @example
 * ```ts
 * impliedExchange(request, { recognised: true, browser: 'chrome', cause: 'preflight-method', stage: 'preflight', method: 'PUT' });
 * // { request, preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example']] } }
 * ```
 */
export function impliedExchange(request: BrowserRequest, message: ConsoleDiagnosis): ExchangeInput {
  const origin = request.origin;
  const credentialed = request.credentials === 'include';
  const allowed: HeaderList = [
    ['Access-Control-Allow-Origin', origin],
    ...(credentialed ? ([['Access-Control-Allow-Credentials', 'true']] as const) : []),
  ];
  const response = (headers: HeaderList, status = message.status ?? 200) => ({
    request,
    response: { status, headers },
  });
  const preflight = (headers: HeaderList, status = message.status ?? 204) => ({
    request,
    preflight: { status, headers },
  });
  switch (message.cause) {
    case 'acao-missing':
      return response([]);
    case 'acao-mismatch':
    case 'acao-invalid':
      return response([['Access-Control-Allow-Origin', message.value ?? 'https://another-origin.example']]);
    case 'acao-multiple':
      return response([['Access-Control-Allow-Origin', message.value ?? `${origin}, ${origin}`]]);
    case 'acao-wildcard-with-credentials':
      return response([['Access-Control-Allow-Origin', '*']]);
    case 'acac-missing':
      return response([['Access-Control-Allow-Origin', origin]]);
    case 'acac-not-true':
      return response([
        ['Access-Control-Allow-Origin', origin],
        ['Access-Control-Allow-Credentials', message.value ?? 'false'],
      ]);
    case 'preflight-status':
      return preflight([], message.status ?? 0);
    case 'preflight-redirect':
      return preflight([], message.status ?? REDIRECT_UNKNOWN);
    case 'preflight-method':
    case 'preflight-header':
    case 'local-network':
      return preflight(allowed);
    case 'websocket-rejected':
      return response([], message.status ?? 403);
    case 'network-error':
      return { request, response: { networkError: message.value ?? 'NETWORK_ERROR' } };
    case 'mixed-content':
    case 'no-error':
      return { request };
  }
}

/**
 * The evidence a console message gives: what it quotes (the header value, the status, the method or
 * header it names), nothing more.
 *
 * @example
 * ```ts
 * messageEvidence({ recognised: true, browser: 'chrome', cause: 'acao-mismatch', stage: 'response', value: 'https://www.example' });
 * // { exchange: 'response', headers: [['Access-Control-Allow-Origin', 'https://www.example']] }
 * ```
 */
export function messageEvidence(message: ConsoleDiagnosis): Evidence {
  const quoted =
    message.value === undefined || message.cause === 'network-error'
      ? []
      : ([
          [
            message.cause.startsWith('acac-')
              ? 'Access-Control-Allow-Credentials'
              : 'Access-Control-Allow-Origin',
            message.value,
          ],
        ] as const);
  return {
    exchange: message.stage,
    headers: quoted,
    ...(message.status !== undefined ? { status: message.status } : {}),
    ...(message.cause === 'network-error' && message.value !== undefined
      ? { networkError: message.value }
      : {}),
    ...(message.cause === 'preflight-method' && message.method !== undefined
      ? { method: message.method }
      : {}),
    ...(message.header !== undefined ? { header: message.header } : {}),
  };
}
