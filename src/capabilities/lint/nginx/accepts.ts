import { isApacheConfig } from '../apache/accepts.js';

/** Debian's layout: configs without an extension in these directories. */
const SITES = /(?:^|\/)(?:sites-available|sites-enabled)\/[^/]+$/;

/**
 * True for an nginx configuration: `nginx.conf`; a `*.conf` under a path that names nginx or whose text
 * has nginx `server {` / `location … {` blocks (or is a snippet of `add_header …;` / `map` lines); a file of `sites-available/` or `sites-enabled/`. A file
 * the Apache analyzer takes (`<VirtualHost`, `Header set`, `SetEnvIf`, …) is never taken here too.
 *
 * @example
 * ```ts
 * acceptsNginx('etc/nginx/conf.d/api.conf'); // true
 * acceptsNginx('etc/apache2/sites-available/000-default.conf', '<VirtualHost *:443>'); // false
 * ```
 */
export function acceptsNginx(path: string, text?: string): boolean {
  const p = path.replace(/\\/g, '/');
  const name = p.slice(p.lastIndexOf('/') + 1);
  if (name === 'nginx.conf') return true;
  if (isApacheConfig(p, text)) return false;
  if (SITES.test(p)) return true;
  if (!name.endsWith('.conf')) return false;
  if (/nginx/i.test(p)) return true;
  if (text === undefined) return false;
  // `server {`, `location … {`, `http {`, or an included snippet of `add_header …;` / `map $x $y {` lines.
  return (
    /(?:^|[\s;{}])(?:server|location\s[^;{}]*|http|upstream\s+\S+)\s*\{/.test(text) ||
    /^[ \t]*(?:add_header[ \t]+\S+[ \t]+[^\n]*;|map[ \t]+\$\S+[ \t]+\$\S+[ \t]*\{)/m.test(text)
  );
}
