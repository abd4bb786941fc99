import { CorsguardError, type ErrorCode } from '../../../core/errors/index.js';

const BY_CODE: Readonly<Record<string, ErrorCode>> = {
  ENOTFOUND: 'DNS_FAILURE',
  EAI_AGAIN: 'DNS_FAILURE',
  EAI_FAIL: 'DNS_FAILURE',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  UND_ERR_CLOSED: 'CONNECTION_RESET',
  ETIMEDOUT: 'TIMEOUT',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  UND_ERR_ABORTED: 'TIMEOUT',
  ABORT_ERR: 'TIMEOUT',
  UND_ERR_HEADERS_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  UND_ERR_INVALID_ARG: 'INVALID_URL',
  // undici reports a duplicated/conflicting Content-Length as a length mismatch (it concatenates the values)
  // before llhttp's own parse error: a framing error, not a generic network failure.
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'MALFORMED_RESPONSE',
};

const HINTS: Readonly<Partial<Record<ErrorCode, string>>> = {
  DNS_FAILURE:
    'the host name does not resolve; check the spelling, or pin it with --resolve host:port:address',
  CONNECTION_REFUSED: 'nothing is listening there; check the port and that the server is up',
  CONNECTION_RESET:
    'the server closed the connection; it may not speak HTTP on this port, or a firewall cut it',
  TLS_ERROR: 'the TLS handshake failed; for a self-signed or internal certificate use -k/--insecure',
  TIMEOUT: 'no answer in time; raise --timeout or --target-timeout, or lower -c',
  MALFORMED_RESPONSE:
    'the server did not send valid HTTP (garbage, a non-HTTP service, or duplicated framing headers)',
  HEADERS_TOO_LARGE: 'the response headers exceed the 64 KiB limit corsguard accepts from a server',
  PROXY_ERROR: 'the proxy refused or failed the connection; check --proxy',
  NETWORK_ERROR: 'the request failed',
};

function chain(err: unknown): Array<{ code?: unknown; message?: unknown; name?: unknown }> {
  const out: Array<{ code?: unknown; message?: unknown; name?: unknown }> = [];
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    out.push(e as { code?: unknown });
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

/**
 * Classifies a low-level network error into a stable {@link ErrorCode}.
 *
 * @example
 * ```ts
 * networkErrorCode(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })); // 'CONNECTION_REFUSED'
 * ```
 */
export function networkErrorCode(err: unknown): ErrorCode {
  if (err instanceof CorsguardError) return err.code;
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const mapped = BY_CODE[code];
    if (mapped) return mapped;
    if (code.startsWith('HPE_') || e.name === 'HTTPParserError') return 'MALFORMED_RESPONSE';
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /CERT|SSL|TLS/.test(code))
      return 'TLS_ERROR';
    if (code.startsWith('UND_ERR_PRX') || e.name === 'ProxyError') return 'PROXY_ERROR';
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TIMEOUT';
  }
  return 'NETWORK_ERROR';
}

/**
 * Wraps any network failure into a {@link CorsguardError} whose message says what happened and what to try.
 *
 * @example
 * ```ts
 * toNetworkError(err, 'https://api.example.com/'); // CorsguardError { code: 'CONNECTION_REFUSED', message: '…' }
 * ```
 */
export function toNetworkError(err: unknown, url: string): CorsguardError {
  if (err instanceof CorsguardError) return err;
  const code = networkErrorCode(err);
  const detail = chain(err)
    .map((e) => (typeof e.code === 'string' ? e.code : typeof e.message === 'string' ? e.message : ''))
    .filter((s) => s !== '')
    .slice(0, 2)
    .join(': ');
  const hint = HINTS[code] ?? 'the request failed';
  return new CorsguardError(code, `${url}: ${hint}${detail ? ` (${detail.slice(0, 200)})` : ''}`, {
    cause: err,
  });
}
