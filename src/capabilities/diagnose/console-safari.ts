import type { Cause } from './causes.js';
import type { ConsoleParse } from './console-types.js';
import { numberAfter, wordAfter } from './text-scan.js';

// "Fetch API cannot load URL due to access control checks." / "XMLHttpRequest cannot load URL."
function loadedUrl(text: string): string | undefined {
  const word = wordAfter(text, ' cannot load ');
  return word?.includes('://') ? word : undefined;
}

/**
 * Safari (WebKit `CrossOriginAccessControl.cpp`): "Origin X is not allowed by Access-Control-Allow-Origin.
 * Status code: N", "Preflight response is not successful. Status code: N", the method, header,
 * credentials, wildcard and multiple-origin sentences, and mixed content. Undefined when not Safari's wording.
 *
 * @example
 * ```ts
 * parseSafari('Preflight response is not successful. Status code: 403');
 * // { recognised: true, browser: 'safari', cause: 'preflight-status', stage: 'preflight', status: 403 }
 * ```
 */
export function parseSafari(text: string): ConsoleParse | undefined {
  const url = loadedUrl(text);
  const status = numberAfter(text, 'Status code: ');
  const common = { recognised: true, browser: 'safari', ...(url === undefined ? {} : { url }) } as const;
  const withStatus = status === undefined ? {} : { status };
  const notAllowed = text.indexOf(' is not allowed by Access-Control-Allow-Origin');
  if (notAllowed >= 0) {
    const origin = wordAfter(text.slice(0, notAllowed + 1), 'Origin ');
    const alsoPossible: Cause[] = ['acao-missing', 'acao-invalid'];
    return {
      ...common,
      cause: 'acao-mismatch',
      stage: 'response',
      ...(origin === undefined ? {} : { origin }),
      ...withStatus,
      alsoPossible,
    };
  }
  if (text.includes('Preflight response is not successful'))
    return { ...common, cause: 'preflight-status', stage: 'preflight', ...withStatus };
  if (text.includes('Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true'))
    return { ...common, cause: 'acao-wildcard-with-credentials', stage: 'response', value: '*' };
  if (text.includes('Access-Control-Allow-Origin cannot contain more than one origin'))
    return { ...common, cause: 'acao-multiple', stage: 'response' };
  if (text.includes('Credentials flag is true, but Access-Control-Allow-Credentials is not "true"')) {
    const alsoPossible: Cause[] = ['acac-not-true'];
    return { ...common, cause: 'acac-missing', stage: 'response', alsoPossible };
  }
  if (text.includes(' is not allowed by Access-Control-Allow-Methods')) {
    const method = wordAfter(text, 'Method ');
    return {
      ...common,
      cause: 'preflight-method',
      stage: 'preflight',
      ...(method === undefined ? {} : { method }),
    };
  }
  if (text.includes(' is not allowed by Access-Control-Allow-Headers')) {
    const header = wordAfter(text, 'Request header field ')?.toLowerCase();
    return {
      ...common,
      cause: 'preflight-header',
      stage: 'preflight',
      ...(header === undefined ? {} : { header }),
    };
  }
  if (text.includes('[blocked] The page at ') && text.includes('insecure content from ')) {
    const page = wordAfter(text, 'The page at ');
    const target = wordAfter(text, 'insecure content from ');
    const origin = page === undefined || !URL.canParse(page) ? undefined : new URL(page).origin;
    return {
      recognised: true,
      browser: 'safari',
      cause: 'mixed-content',
      stage: 'response',
      ...(target === undefined ? {} : { url: target }),
      ...(origin === undefined ? {} : { origin }),
    };
  }
  if (text.includes('due to access control checks'))
    return {
      recognised: false,
      browser: 'safari',
      why: 'Safari gives the reason on the line before "… due to access control checks."; paste that line',
      ...(url === undefined ? {} : { url }),
    };
  return undefined;
}
