import { assignments, type Node, pyBool, pyElements, pyString } from './ast.js';
import { type PyContext, type PySite, pyEntries, pyRegex, pyReport } from './context.js';

const SETTINGS = {
  allowAll: ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL'],
  origins: ['CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST'],
  regexes: ['CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST'],
  credentials: ['CORS_ALLOW_CREDENTIALS'],
};

/**
 * django-cors-headers settings, module level (`settings.py`, `settings/production.py`, …). Its middleware
 * answers `*` for `CORS_ALLOW_ALL_ORIGINS` — but the request's own Origin when `CORS_ALLOW_CREDENTIALS` is
 * also set, so every site reads with cookies. `CORS_ALLOWED_ORIGINS` entries are compared exactly;
 * `CORS_ALLOWED_ORIGIN_REGEXES` are applied with `re.match` (anchored at the start only). The old names
 * (`CORS_ORIGIN_ALLOW_ALL`, `CORS_ORIGIN_WHITELIST`, `CORS_ORIGIN_REGEX_WHITELIST`) are read too.
 *
 * @example
 * ```ts
 * checkDjangoSettings(ctx, tree.rootNode); // CORS_ALLOW_ALL_ORIGINS = True + CORS_ALLOW_CREDENTIALS = True → origin-reflected
 * ```
 */
export function checkDjangoSettings(ctx: PyContext, root: Node): void {
  // Module level, including `if DEBUG:` blocks (a dev setting that ships is still a setting).
  const top = assignments(root).filter(
    (a) =>
      a.target.type === 'identifier' &&
      !a.ancestors.some((n) => n.type === 'function_definition' || n.type === 'class_definition'),
  );
  const last = (names: string[]) => top.filter((a) => names.includes(a.target.text)).at(-1);
  const credentialed = pyBool(last(SETTINGS.credentials)?.value) === true;
  const reach = credentialed ? ('credentialed' as const) : ('anonymous' as const);
  const site = (what: string): PySite => ({ rule: 'python/django-cors-headers', reach, what });
  const allowAll = last(SETTINGS.allowAll);
  if (allowAll && pyBool(allowAll.value) === true) {
    const s = site(`${allowAll.target.text} = True`);
    if (credentialed)
      pyReport(
        ctx,
        'origin-reflected',
        allowAll.value,
        s,
        "with CORS_ALLOW_CREDENTIALS = True, django-cors-headers answers every request with its own Origin, so every website can read responses with the user's cookies",
        {
          description: 'set CORS_ALLOW_ALL_ORIGINS = False and list the front ends in CORS_ALLOWED_ORIGINS',
        },
      );
    else
      pyReport(
        ctx,
        'wildcard-origin',
        allowAll.value,
        s,
        'every website can read these responses (without cookies)',
      );
  }
  const origins = last(SETTINGS.origins);
  if (origins) pyEntries(ctx, pyElements(origins.value) ?? [], site(origins.target.text));
  const regexes = last(SETTINGS.regexes);
  for (const element of pyElements(regexes?.value) ?? []) {
    const source = pyString(element);
    if (source !== undefined && regexes)
      pyRegex(
        ctx,
        element,
        source,
        { flags: '', dialect: 'python-match' },
        site(`${regexes.target.text} (applied with re.match)`),
      );
  }
}
