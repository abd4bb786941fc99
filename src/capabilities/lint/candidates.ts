/** Extensions of the languages lint reads. */
const EXTENSIONS = /\.(?:[cm]?[jt]sx?|py|conf|yaml|yml)$/i;
/** File names lint reads whatever their extension. */
const NAMES = new Set(['.htaccess', 'nginx.conf', 'httpd.conf', 'apache2.conf']);
/** Directories whose files are server configs without an extension (Debian's nginx and Apache layouts). */
const CONFIG_DIRS =
  /(?:^|\/)(?:sites-available|sites-enabled|conf\.d|conf-available|conf-enabled|mods-enabled)\/[^/]+$/;

/**
 * True for a path worth reading: one of lint's languages by extension or name. Each analyzer then decides
 * from the path and the text whether the file is its language.
 *
 * @example
 * ```ts
 * mayLint('src/app.ts'); // true
 * mayLint('etc/nginx/sites-available/default'); // true
 * mayLint('logo.png'); // false
 * ```
 */
export function mayLint(path: string): boolean {
  if (path.endsWith('.d.ts') || /\.min\.[cm]?js$/.test(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return EXTENSIONS.test(name) || NAMES.has(name) || CONFIG_DIRS.test(path);
}
