import type { Cause, Stage } from './causes.js';
import type { ConsoleParse, Found } from './console-types.js';
import { allowOriginCause } from './failure-cause.js';
import { between, numberAfter } from './text-scan.js';

const READING = 'disallows reading the remote resource at ';
const WARNING = 'will disallow reading the remote resource at ';
const NO_CONNECTION = "can't establish a connection to the server at ";
const NOT_SERVER = 'is not something a server header can change';

// Firefox's `Reason:` texts (security.properties), old and new wordings, with the MDN code names.
function firefoxReason(reason: string): Found | string {
  const quoted = between(reason, "'", "'");
  const has = (s: string) => reason.includes(s);
  const at = (
    cause: Cause,
    reasonCode: string,
    stage: Stage = 'response',
    more: Partial<Found> = {},
  ): Found => ({
    cause,
    reasonCode,
    stage,
    ...more,
  });
  if (has("'Access-Control-Allow-Origin' missing")) return at('acao-missing', 'CORSMissingAllowOrigin');
  if (has("'Access-Control-Allow-Origin' does not match")) {
    const value = between(reason, "does not match '", "'");
    return at(
      value === undefined ? 'acao-mismatch' : allowOriginCause(value),
      'CORSAllowOriginNotMatchingOrigin',
      'response',
      value === undefined ? {} : { value },
    );
  }
  if (has("Multiple CORS header 'Access-Control-Allow-Origin'"))
    return at('acao-multiple', 'CORSMultipleAllowOriginNotAllowed');
  if (has('Credential is not supported'))
    return at('acao-wildcard-with-credentials', 'CORSNotSupportingCredentials', 'response', { value: '*' });
  if (has("in CORS header 'Access-Control-Allow-Credentials'"))
    return at('acac-missing', 'CORSMissingAllowCredentials', 'response', { alsoPossible: ['acac-not-true'] });
  if (has('CORS preflight') && has('did not succeed'))
    return at('preflight-status', 'CORSPreflightDidNotSucceed', 'preflight');
  if (has('external redirect not allowed'))
    return at('preflight-redirect', 'CORSExternalRedirectNotAllowed', 'preflight');
  if (has("Did not find method in CORS header 'Access-Control-Allow-Methods'"))
    return at('preflight-method', 'CORSMethodNotFound', 'preflight');
  if (has('invalid token') && has("'Access-Control-Allow-Methods'"))
    return at(
      'preflight-method',
      'CORSInvalidAllowMethod',
      'preflight',
      quoted === undefined ? {} : { value: quoted },
    );
  if (has('invalid token') && has("'Access-Control-Allow-Headers'"))
    return at(
      'preflight-header',
      'CORSInvalidAllowHeader',
      'preflight',
      quoted === undefined ? {} : { value: quoted },
    );
  if (
    has("'Access-Control-Allow-Headers'") &&
    (has('is not allowed according to header') || has('missing token'))
  ) {
    const header = (
      between(reason, "missing token '", "'") ?? between(reason, "header '", "'")
    )?.toLowerCase();
    return at(
      'preflight-header',
      'CORSMissingAllowHeaderFromPreflight',
      'preflight',
      header === undefined ? {} : { header },
    );
  }
  if (has('the `Authorization` header is not covered'))
    return at('preflight-header', 'CORSAllowHeaderFromPreflightDeprecation', 'preflight', {
      header: 'authorization',
    });
  if (has('CORS request did not succeed')) return at('network-error', 'CORSDidNotSucceed', null);
  if (has('CORS request not http'))
    return `CORSRequestNotHttp: the request is not http(s) (a file: page?); this ${NOT_SERVER}`;
  if (has("CORS header 'Origin' cannot be added"))
    return `CORSOriginHeaderNotAdded: a privileged (extension) context; this ${NOT_SERVER}`;
  if (has('CORS disabled'))
    return `CORSDisabled: content.cors.disable is set in about:config; this ${NOT_SERVER}`;
  return `Firefox's reason is not one corsguard knows: ${reason.slice(0, 120)}`;
}

/**
 * Firefox: "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at
 * URL. (Reason: …). Status code: N.", every `Reason:` of security.properties, plus the
 * `CORSAllowHeaderFromPreflightDeprecation` warning, mixed content and WebSocket connection failures.
 * Undefined when not Firefox's wording.
 *
 * @example
 * ```ts
 * parseFirefox('Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/v1. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.');
 * // { recognised: true, browser: 'firefox', cause: 'acao-missing', reasonCode: 'CORSMissingAllowOrigin', url: 'https://api.example/v1', status: 200, … }
 * ```
 */
export function parseFirefox(text: string): ConsoleParse | undefined {
  const blocked = text.indexOf(READING);
  const warned = blocked >= 0 ? -1 : text.indexOf(WARNING);
  if (blocked >= 0 || warned >= 0) {
    const start = blocked >= 0 ? blocked + READING.length : warned + WARNING.length;
    const reasonAt = text.indexOf('(Reason: ', start);
    let url = (reasonAt < 0 ? text.slice(start) : text.slice(start, reasonAt)).trim();
    if (url.endsWith('.')) url = url.slice(0, -1);
    if (url.startsWith("'") && url.endsWith("'")) url = url.slice(1, -1);
    if (url.endsWith(' soon')) url = url.slice(0, -5);
    const found = firefoxReason(reasonAt < 0 ? '' : text.slice(reasonAt));
    const status = numberAfter(text, 'Status code: ');
    const parts = { ...(url === '' ? {} : { url }), ...(status === undefined ? {} : { status }) };
    if (typeof found === 'string')
      return { recognised: false, browser: 'firefox', why: found, ...(url === '' ? {} : { url }) };
    return {
      recognised: true,
      browser: 'firefox',
      ...found,
      ...parts,
      stage: found.stage !== undefined ? found.stage : 'response',
    };
  }
  if (
    text.includes('Blocked loading mixed active content') ||
    text.includes('Blocked loading mixed display content')
  ) {
    const url = between(text, '"', '"');
    return {
      recognised: true,
      browser: 'firefox',
      cause: 'mixed-content',
      stage: 'response',
      ...(url === undefined ? {} : { url }),
    };
  }
  const ws = text.indexOf(NO_CONNECTION);
  if (ws >= 0) {
    let url = text.slice(ws + NO_CONNECTION.length).trim();
    if (url.endsWith('.')) url = url.slice(0, -1);
    if (url.startsWith('ws:') || url.startsWith('wss:')) {
      const alsoPossible: Cause[] = ['network-error'];
      return {
        recognised: true,
        browser: 'firefox',
        cause: 'websocket-rejected',
        stage: 'response',
        url,
        alsoPossible,
      };
    }
    return { recognised: true, browser: 'firefox', cause: 'network-error', stage: null, url };
  }
  return undefined;
}
