import type { Analyzer } from '../types.js';
import { acceptsNginx } from './accepts.js';
import { analyzeNginx } from './analyze-nginx.js';

/**
 * The nginx analyzer of `corsguard lint`: reads `nginx.conf`, `*.conf` of nginx and `sites-*` files with a
 * real tokenizer (quotes, escapes, `${var}`, comments, blocks) and reports CORS misconfigurations with the
 * scanner's finding ids.
 *
 * @example
 * ```ts
 * nginxAnalyzer.accepts('etc/nginx/nginx.conf'); // true
 * nginxAnalyzer.analyze({ path: 'nginx.conf', text }).findings;
 * ```
 */
export const nginxAnalyzer: Analyzer = {
  language: 'nginx',
  accepts: acceptsNginx,
  analyze: analyzeNginx,
};

export { acceptsNginx } from './accepts.js';
export { analyzeNginx } from './analyze-nginx.js';
export { parseNginx } from './tree.js';
