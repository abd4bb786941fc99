import { LineIndex } from '../../core/text/index.js';

/** A script of a page: external (`src`) or inline (its text and where it starts). */
export type PageScript =
  | { readonly kind: 'external'; readonly src: string; readonly line: number }
  | { readonly kind: 'inline'; readonly text: string; readonly line: number };

/** What {@link readPage} takes from an HTML page. */
export interface PageParts {
  /** `<base href>`, when given. */
  readonly base?: string;
  /** Scripts in document order: `<script src>`, `<link rel=modulepreload|preload as=script>`, inline scripts. */
  readonly scripts: readonly PageScript[];
  /** API descriptions the page links (`<link rel="service-desc">`, RFC 8631). */
  readonly apiDescriptions: readonly { readonly href: string; readonly line: number }[];
}

/** Scripts taken from one page; the rest are ignored. */
export const MAX_PAGE_SCRIPTS = 200;
const MAX_TAG = 4096;
const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/ecmascript']);

/**
 * Reads the scripts, `<base href>` and linked API descriptions of an HTML page in one linear pass (no
 * regular expression runs over the whole page, so hostile markup cannot make it slow). Scripts of a type
 * that is not JavaScript (`application/ld+json`, templates) are skipped.
 *
 * @example
 * ```ts
 * readPage('<script src="/app.js"></script>').scripts; // [{ kind: 'external', src: '/app.js', line: 1 }]
 * ```
 */
export function readPage(html: string): PageParts {
  const lower = html.toLowerCase();
  const lines = new LineIndex(html);
  const scripts: PageScript[] = [];
  const apiDescriptions: { href: string; line: number }[] = [];
  let base: string | undefined;
  for (let at = lower.indexOf('<'); at !== -1 && scripts.length < MAX_PAGE_SCRIPTS; ) {
    const close = lower.indexOf('>', at);
    if (close === -1) break;
    const tag = html.slice(at, Math.min(close + 1, at + MAX_TAG));
    const name = /^<([a-z]+)/i.exec(tag)?.[1]?.toLowerCase();
    let next = close + 1;
    if (name === 'script') {
      const end = lower.indexOf('</script', next);
      const type = attribute(tag, 'type');
      const src = attribute(tag, 'src');
      const js = type === undefined || JS_TYPES.has(type.toLowerCase());
      if (js && src !== undefined) scripts.push({ kind: 'external', src, line: lines.line(at) });
      else if (js && end !== -1 && end > next)
        scripts.push({ kind: 'inline', text: html.slice(next, end), line: lines.line(next) });
      if (end !== -1) next = end;
    } else if (name === 'link') {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      const href = attribute(tag, 'href');
      if (href !== undefined && rel.includes('service-desc'))
        apiDescriptions.push({ href, line: lines.line(at) });
      const asScript =
        rel.includes('modulepreload') || (rel.includes('preload') && attribute(tag, 'as') === 'script');
      if (href !== undefined && asScript) scripts.push({ kind: 'external', src: href, line: lines.line(at) });
    } else if (name === 'base' && base === undefined) {
      base = attribute(tag, 'href');
    } else if (lower.startsWith('<!--', at)) {
      const end = lower.indexOf('-->', at + 4);
      next = end === -1 ? html.length : end + 3;
    }
    at = lower.indexOf('<', next);
  }
  return { ...(base !== undefined ? { base } : {}), scripts, apiDescriptions };
}

/** The value of an attribute of a start tag (entities `&amp;` decoded), else undefined. */
function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  const value = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return value?.replace(/&amp;/g, '&').trim();
}
