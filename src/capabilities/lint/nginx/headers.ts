import type { NginxBlock, NginxDirective, NginxWord } from './tree.js';

/** One `add_header name value [always];`. */
export interface AddHeader {
  readonly directive: NginxDirective;
  /** The field name, lower case. */
  readonly name: string;
  readonly value: NginxWord;
  readonly always: boolean;
}

/** Reads an `add_header` directive; undefined for anything else or a malformed one. */
export function addHeader(d: NginxDirective): AddHeader | undefined {
  if (d.name !== 'add_header') return undefined;
  const [name, value, flag] = d.args;
  if (!name || !value) return undefined;
  return { directive: d, name: name.value.toLowerCase(), value, always: flag?.value === 'always' };
}

const OWN = new WeakMap<NginxBlock, AddHeader[]>();
const MODE = new WeakMap<NginxBlock, string>();

function own(block: NginxBlock): AddHeader[] {
  let out = OWN.get(block);
  if (!out) {
    out = [];
    for (const d of block.directives) {
      const h = addHeader(d);
      if (h) out.push(h);
    }
    OWN.set(block, out);
  }
  return out;
}

/** The `add_header_inherit` mode in force in a block (1.29.3; inherited the standard way), default `on`. */
function inheritMode(block: NginxBlock): string {
  const path: NginxBlock[] = [];
  let mode: string | undefined;
  for (let b: NginxBlock | undefined = block; b; b = b.parent) {
    mode = MODE.get(b);
    if (mode !== undefined) break;
    const d = b.directives.find((x) => x.name === 'add_header_inherit');
    path.push(b);
    if (d) {
      mode = d.args[0]?.value ?? 'on';
      break;
    }
  }
  for (const b of path) MODE.set(b, mode ?? 'on');
  return mode ?? 'on';
}

const EFFECTIVE = new WeakMap<NginxBlock, AddHeader[]>();

/**
 * The `add_header` fields a response served from this block gets. nginx
 * (https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header): "These directives are inherited
 * from the previous configuration level if and only if there are no add_header directives defined on the
 * current level" — one `add_header` in a `location` or an `if` drops every one of the enclosing blocks,
 * unless `add_header_inherit merge` (1.29.3) appends them, or `add_header_inherit off` cuts them.
 *
 * @example
 * ```ts
 * // server { add_header Vary Origin; location / { add_header Access-Control-Allow-Origin $http_origin; } }
 * effectiveHeaders(locationBlock).map((h) => h.name); // ['access-control-allow-origin'] (Vary is not inherited)
 * ```
 */
export function effectiveHeaders(block: NginxBlock): AddHeader[] {
  const cached = EFFECTIVE.get(block);
  if (cached) return cached;
  const out: AddHeader[] = [];
  for (let b: NginxBlock | undefined = block; b; b = b.parent) {
    const mine = own(b);
    const mode = inheritMode(b);
    out.push(...mine);
    if (mode === 'off') break;
    if (mine.length > 0 && mode !== 'merge') break;
  }
  EFFECTIVE.set(block, out);
  return out;
}

/** True when the fields include `Access-Control-Allow-Credentials: true`. */
export function sendsCredentials(headers: readonly AddHeader[]): boolean {
  return memo(CREDENTIALS, headers, () =>
    headers.some(
      (h) => h.name === 'access-control-allow-credentials' && h.value.value.trim().toLowerCase() === 'true',
    ),
  );
}

/** True when the fields include a `Vary` that names `Origin` (`Vary Origin`, `Vary "Accept-Encoding, Origin"`). */
export function variesOnOrigin(headers: readonly AddHeader[]): boolean {
  return memo(VARY, headers, () =>
    headers.some(
      (h) =>
        h.name === 'vary' &&
        h.value.value.split(/[\s,]+/).some((v) => v.toLowerCase() === 'origin' || v === '*'),
    ),
  );
}

const CREDENTIALS = new WeakMap<readonly AddHeader[], boolean>();
const VARY = new WeakMap<readonly AddHeader[], boolean>();

function memo(
  cache: WeakMap<readonly AddHeader[], boolean>,
  key: readonly AddHeader[],
  f: () => boolean,
): boolean {
  let v = cache.get(key);
  if (v === undefined) {
    v = f();
    cache.set(key, v);
  }
  return v;
}
