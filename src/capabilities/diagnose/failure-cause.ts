import {
  type CorsFailure,
  getHeader,
  type HeaderList,
  preflightStatusCause,
} from '../../core/browser/index.js';
import type { Cause } from './causes.js';

/**
 * Chromium's finer reading of an `Access-Control-Allow-Origin` value that did not match
 * (`services/network/public/cpp/cors/cors.cc` CheckAccess): a space or comma means several values,
 * `null` is a mismatch, something that is not a URL is invalid, anything else a mismatch.
 *
 * @example
 * ```ts
 * allowOriginCause('https://a.example, https://b.example'); // 'acao-multiple'
 * allowOriginCause('app.example');                          // 'acao-invalid'
 * allowOriginCause('https://app.example/');                 // 'acao-mismatch'
 * ```
 */
export function allowOriginCause(value: string): 'acao-multiple' | 'acao-invalid' | 'acao-mismatch' {
  if (value.includes(',') || value.includes(' ')) return 'acao-multiple';
  if (value === 'null') return 'acao-mismatch';
  return URL.canParse(value) ? 'acao-mismatch' : 'acao-invalid';
}

/**
 * The cause for a failure of the browser model's `corsCheck` / `preflightCheck`, read against the
 * response headers that produced it.
 *
 * @example
 * ```ts
 * causeOfFailure('credentials-not-true', [['Access-Control-Allow-Origin', 'https://app.example']]); // 'acac-missing'
 * causeOfFailure('preflight-status', [], 302);                                                     // 'preflight-redirect'
 * ```
 */
export function causeOfFailure(failure: CorsFailure, headers: HeaderList, status = 200): Cause {
  switch (failure) {
    case 'no-allow-origin':
      return 'acao-missing';
    case 'multiple-allow-origin':
      return 'acao-multiple';
    case 'wildcard-with-credentials':
      return 'acao-wildcard-with-credentials';
    case 'origin-mismatch':
      return allowOriginCause(getHeader(headers, 'access-control-allow-origin') ?? '');
    case 'credentials-not-true':
      return getHeader(headers, 'access-control-allow-credentials') === null
        ? 'acac-missing'
        : 'acac-not-true';
    case 'preflight-status':
      return preflightStatusCause(status) ?? 'preflight-status';
    case 'method-not-allowed':
    case 'invalid-allow-methods':
      return 'preflight-method';
    case 'header-not-allowed':
    case 'invalid-allow-headers':
      return 'preflight-header';
    case 'private-network-denied':
      return 'local-network';
  }
}

/**
 * The response headers that decide a cause (in wire order), for the evidence of a diagnosis.
 *
 * @example
 * ```ts
 * decidingHeaders('preflight-method', [['Access-Control-Allow-Methods', 'GET'], ['Vary', 'Origin']]);
 * // [['Access-Control-Allow-Methods', 'GET']]
 * ```
 */
export function decidingHeaders(cause: Cause, headers: HeaderList): HeaderList {
  const names = DECIDING[cause];
  return headers.filter(([name]) => names.includes(name.toLowerCase()));
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const DECIDING: { readonly [C in Cause]: readonly string[] } = {
  'acao-missing': [ACAO],
  'acao-mismatch': [ACAO],
  'acao-multiple': [ACAO],
  'acao-invalid': [ACAO],
  'acao-wildcard-with-credentials': [ACAO, ACAC],
  'acac-missing': [ACAO, ACAC],
  'acac-not-true': [ACAO, ACAC],
  'preflight-status': [],
  'preflight-redirect': ['location'],
  'preflight-method': ['access-control-allow-methods'],
  'preflight-header': ['access-control-allow-headers'],
  'mixed-content': [],
  'local-network': ['access-control-allow-private-network'],
  'websocket-rejected': [],
  'network-error': [],
  'no-error': [ACAO, ACAC, 'access-control-allow-methods', 'access-control-allow-headers'],
};
