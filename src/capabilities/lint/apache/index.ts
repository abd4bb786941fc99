import type { Analyzer } from '../types.js';
import { isApacheConfig } from './accepts.js';
import { analyzeApache } from './analyze-apache.js';

/**
 * The Apache httpd analyzer of `corsguard lint`: reads `httpd.conf`, `apache2.conf`, `.htaccess` and the
 * `*.conf` files with Apache directives, with a real reader of httpd's syntax (continuations, sections,
 * quotes), and reports CORS misconfigurations with the scanner's finding ids.
 *
 * @example
 * ```ts
 * apacheAnalyzer.accepts('public/.htaccess'); // true
 * apacheAnalyzer.analyze({ path: '.htaccess', text }).findings;
 * ```
 */
export const apacheAnalyzer: Analyzer = {
  language: 'apache',
  accepts: isApacheConfig,
  analyze: analyzeApache,
};

export { isApacheConfig } from './accepts.js';
export { analyzeApache } from './analyze-apache.js';
export { parseApache } from './tree.js';
