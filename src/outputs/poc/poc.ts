import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exploitability } from '../../capabilities/explain/index.js';
import type { Finding, TargetResult } from '../../capabilities/scan/index.js';
import { escapeHtml as h } from '../kit/index.js';
import { fetchPage, nullOriginPage, websocketPage } from './templates.js';

/** One generated proof-of-concept page. */
export interface PocPage {
  /** Safe, stable file name: `<host>-<port>-<path>--<finding id>-<hash>.html`. */
  readonly fileName: string;
  readonly findingId: Finding['id'];
  readonly url: string;
  /** Where the page must be hosted (`null`: anywhere). */
  readonly origin: string;
  readonly kind: 'fetch-credentialed' | 'fetch-anonymous' | 'null-origin' | 'websocket';
  readonly html: string;
}

/**
 * A file-name-safe slug: lower-case letters, digits, dots and dashes only, no leading dot, at most 80 chars.
 *
 * @example
 * ```ts
 * safeSlug('https://API.example.com:8443/v1/me?x=<y>'); // 'api.example.com-8443-v1-me-x-y'
 * ```
 */
export function safeSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/[.-]*-[.-]*/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80)
    .replace(/[.-]+$/, '');
  return slug === '' ? 'target' : slug;
}

/**
 * Where the PoC must be hosted: the finding's origin, except that a `ws://` socket cannot be opened from an
 * https page (mixed content), so an https origin becomes its http twin for an accepted-from-anywhere socket.
 */
function hostingOrigin(url: string, finding: Finding): string {
  if (
    finding.id === 'websocket-origin-unchecked' &&
    url.startsWith('ws:') &&
    finding.origin.startsWith('https:')
  ) {
    return `http:${finding.origin.slice('https:'.length)}`;
  }
  return finding.origin;
}

/**
 * The PoC page of a finding, or undefined when a browser cannot exploit it (judged on the finding's own
 * evidence by the browser model: info findings, preflight-only grants, Vary, Max-Age, malformed headers… never
 * get one).
 *
 * @example
 * ```ts
 * pocFor(result, finding)?.fileName; // 'api.victim.test-41234-reflect--origin-reflected-3f2a9c1b.html'
 * ```
 */
export function pocFor(result: TargetResult, finding: Finding): PocPage | undefined {
  const how = exploitability(finding);
  if (how === 'none') return undefined;
  const title = `corsguard PoC: ${finding.id} on ${result.url}`;
  const credentials = how === 'credentialed' || how === 'websocket' ? 'include' : 'omit';
  const input = { title, url: result.url, origin: hostingOrigin(result.url, finding), credentials } as const;
  const kind: PocPage['kind'] =
    how === 'websocket'
      ? 'websocket'
      : finding.origin === 'null'
        ? 'null-origin'
        : how === 'credentialed'
          ? 'fetch-credentialed'
          : 'fetch-anonymous';
  const html =
    kind === 'websocket'
      ? websocketPage(input)
      : kind === 'null-origin'
        ? nullOriginPage(input)
        : fetchPage(input);
  const hash = createHash('sha256').update(`${result.url}\n${finding.id}`).digest('hex').slice(0, 8);
  return {
    fileName: `${safeSlug(result.url)}--${finding.id}-${hash}.html`,
    findingId: finding.id,
    url: result.url,
    origin: input.origin,
    kind,
    html,
  };
}

/**
 * Every PoC page of a set of results.
 *
 * @example
 * ```ts
 * pocPages(results).map((p) => p.kind); // ['fetch-credentialed', 'null-origin', 'websocket']
 * ```
 */
export function pocPages(results: Iterable<TargetResult>): PocPage[] {
  const pages: PocPage[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const p = pocFor(r, f);
      if (p) pages.push(p);
    }
  }
  return pages;
}

/**
 * The index page linking every PoC with where to host it.
 *
 * @example
 * ```ts
 * pocIndex(pages); // '<!doctype html>…<a href="api.victim.test-…html">…'
 * ```
 */
export function pocIndex(pages: readonly PocPage[]): string {
  const rows = pages
    .map(
      (p) =>
        `<li data-kind="${p.kind}"><a href="${h(encodeURIComponent(p.fileName))}">${h(p.findingId)}</a> on <code>${h(p.url)}</code> — host at <code>${h(p.origin === 'null' ? 'any origin' : p.origin)}</code></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>corsguard proofs of concept</title></head><body>
<h1>corsguard proofs of concept</h1>
<p>${pages.length === 0 ? 'No finding is exploitable from a browser.' : 'Each page must be served from the origin shown; open it in a browser logged in to the victim site.'}</p>
<ul>
${rows}
</ul>
</body></html>
`;
}

/**
 * Writes the pages and `index.html` into `dir` (created if needed).
 *
 * @example
 * ```ts
 * await writePocDir('poc', pocPages(results));
 * ```
 */
export async function writePocDir(dir: string, pages: readonly PocPage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const p of pages) await writeFile(join(dir, p.fileName), p.html);
  await writeFile(join(dir, 'index.html'), pocIndex(pages));
}
