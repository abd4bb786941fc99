/** File names that are Apache httpd configuration whatever they hold. */
const NAMES = new Set(['httpd.conf', 'apache2.conf', '.htaccess']);
/** Directories of Debian's and Red Hat's layouts whose files may be extensionless. */
const DIRS =
  /(?:^|\/)(?:sites-available|sites-enabled|conf-available|conf-enabled|conf\.d|mods-enabled)\/[^/]+$/;
/** Directives and sections only Apache writes (at the start of a line). */
const MARKERS =
  /^[ \t]*(?:<\/?(?:VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|If|IfDefine)\b|Header[ \t]+(?:always[ \t]+|onsuccess[ \t]+)?(?:set|add|append|merge|unset|echo|edit\*?|setifempty)\b|SetEnvIf(?:NoCase)?\b|RewriteCond\b|RewriteEngine\b)/im;

/**
 * True for an Apache httpd configuration: `httpd.conf`, `apache2.conf`, `.htaccess`, or a `*.conf` (or a
 * file of `sites-available/`, `conf.d/`, …) whose text has Apache sections or directives (`<VirtualHost`,
 * `Header set`, `SetEnvIf`, `RewriteCond`). `nginx.conf` never is.
 *
 * @example
 * ```ts
 * isApacheConfig('public/.htaccess'); // true
 * isApacheConfig('conf.d/cors.conf', 'Header set Access-Control-Allow-Origin "*"'); // true
 * isApacheConfig('conf.d/cors.conf', 'server { listen 80; }'); // false
 * ```
 */
export function isApacheConfig(path: string, text?: string): boolean {
  const p = path.replace(/\\/g, '/');
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name === 'nginx.conf') return false;
  if (NAMES.has(name)) return true;
  if (!name.endsWith('.conf') && !DIRS.test(p)) return false;
  return text !== undefined && MARKERS.test(text);
}
