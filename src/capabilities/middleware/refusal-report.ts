import type { CorsRefusal, CorsRequest } from '../../core/policy/index.js';

/**
 * The `X-CORS-Debug` value of a refusal: the cause the browser reports, then the policy check that
 * refused it when that is another code, then the reason, separated by `; `. Kept short and visible-ASCII
 * (RFC 9110 §5.5 field values): the reason quotes the request's Origin, which the client controls.
 *
 * @example
 * ```ts
 * debugHeaderValue({ cause: 'acao-missing', stage: 'preflight', check: 'preflight-method', reason: 'method "PUT" is not allowed (allowed: GET, HEAD, POST)' });
 * // 'acao-missing; preflight-method; method "PUT" is not allowed (allowed: GET, HEAD, POST)'
 * debugHeaderValue({ cause: 'acao-missing', stage: 'response', check: 'acao-missing', reason: 'Origin "https://evil.example" is not allowed by the policy' });
 * // 'acao-missing; Origin "https://evil.example" is not allowed by the policy'
 * ```
 */
export function debugHeaderValue(refusal: CorsRefusal): string {
  const codes = refusal.check === refusal.cause ? refusal.cause : `${refusal.cause}; ${refusal.check}`;
  return `${codes}; ${clip(refusal.reason, 300)}`;
}

/**
 * The one line debug mode logs at the server for a refusal: what was refused, from which Origin, and the
 * same codes and reason as {@link debugHeaderValue}. Visible ASCII only, so a hostile Origin can neither
 * forge log lines nor flood the log.
 *
 * @example
 * ```ts
 * refusalLogLine(refusal, { method: 'OPTIONS', origin: 'http://localhost:3000', requestMethod: 'PUT', requestHeaders: null, requestPrivateNetwork: null });
 * // 'corsguard: refused a CORS preflight for PUT from Origin "http://localhost:3000": acao-missing; preflight-method; method "PUT" is not allowed (allowed: GET, HEAD, POST)'
 * ```
 */
export function refusalLogLine(refusal: CorsRefusal, request: CorsRequest): string {
  const what =
    refusal.stage === 'preflight'
      ? `a CORS preflight for ${clip(request.requestMethod ?? '', 40)}`
      : `a CORS ${clip(request.method, 40)} request`;
  return `corsguard: refused ${what} from Origin ${clip(JSON.stringify(request.origin), 120)}: ${debugHeaderValue(refusal)}`;
}

function clip(text: string, max: number): string {
  const short = text.length > max ? `${text.slice(0, max)}...` : text;
  return short.replace(/[^\x20-\x7e]/g, '?');
}
