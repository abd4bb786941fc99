import { POLICY_FILE_SCHEMA_URL } from '../policy-file/index.js';

/** What `corsguard init` writes for one environment. */
export interface PolicyDraft {
  /** Environment name (`production`). */
  readonly environment: string;
  readonly urls: readonly string[];
  readonly origins: readonly string[] | '*';
  readonly credentials: boolean;
  readonly methods: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | null;
  /** How the draft was made, for the header comment (`corsguard init --from https://…`). */
  readonly source?: string;
}

/**
 * Renders a commented `cors.policy.yaml` for one environment: shared settings (methods, headers, max-age)
 * under `defaults`, the environment's URLs, origins and credentials under `environments`, and a
 * commented-out development environment to start from.
 *
 * @example
 * ```ts
 * renderPolicyFile({ environment: 'production', urls: ['https://api.example.com/v1/me'],
 *   origins: ['https://app.example.com'], credentials: true, methods: ['PUT'], requestHeaders: ['Authorization'],
 *   exposeHeaders: [], maxAge: 600 });
 * // '# yaml-language-server: $schema=…\nversion: 1\ndefaults:\n  methods: [PUT]\n…'
 * ```
 */
export function renderPolicyFile(draft: PolicyDraft): string {
  const lines = [
    `# yaml-language-server: $schema=${POLICY_FILE_SCHEMA_URL}`,
    '#',
    `# CORS policy for corsguard${draft.source ? `, drafted by: ${draft.source}` : ''}.`,
    '# Review it: it says which front ends may read your API from a browser, and how.',
    '#   npx corsguard policy validate cors.policy.yaml',
    `#   npx corsguard check --policy cors.policy.yaml --env ${draft.environment}`,
    'version: 1',
    '',
    '# Settings every environment inherits unless it sets the same key.',
    'defaults:',
    '  # Methods a preflight may ask for besides GET, HEAD and POST.',
    `  methods: ${list(draft.methods)}`,
    '  # Request headers script may send (Content-Type other than form/text types needs listing too).',
    `  requestHeaders: ${list(draft.requestHeaders)}`,
    '  # Response headers script may read beyond the safelisted ones.',
    `  exposeHeaders: ${list(draft.exposeHeaders)}`,
  ];
  if (draft.maxAge !== null) {
    lines.push(
      '  # Seconds a browser may cache a preflight (Chromium caps it at 7200).',
      `  maxAge: ${draft.maxAge}`,
    );
  }
  lines.push(
    '',
    'environments:',
    `  ${draft.environment}:`,
    '    # The URLs corsguard check sends its probes to.',
    draft.urls.length > 0 ? '    urls:' : '    urls: []',
    ...draft.urls.map((u) => `      - ${quote(u)}`),
    "    # Front ends allowed to read responses: exact origins, 'https://*.example.com' for subdomains,",
    "    # 'http://localhost:*' for local development (never in production), or '*' for a public API.",
  );
  if (draft.origins === '*') lines.push("    origins: '*'");
  else if (draft.origins.length === 0) lines.push('    origins: []  # none found: add your front ends here');
  else lines.push('    origins:', ...draft.origins.map((o) => `      - ${quote(o)}`));
  lines.push(
    '    # Send cookies and HTTP auth cross-origin (needs an explicit https allowlist).',
    `    credentials: ${draft.credentials}`,
    '    # Per-path overrides: the longest matching URL-path prefix wins.',
    '    # paths:',
    '    #   - path: /public/',
    "    #     origins: '*'",
    '    #     credentials: false',
  );
  if (!/^dev/i.test(draft.environment)) {
    lines.push(
      '',
      '  # development:',
      '  #   urls: [http://localhost:8080/]',
      "  #   origins: ['http://localhost:*']",
      `  #   credentials: ${draft.credentials}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function list(items: readonly string[]): string {
  return `[${items.map(quote).join(', ')}]`;
}

/** A YAML scalar: plain when it is a plain token or URL, single-quoted otherwise. */
function quote(value: string): string {
  return /^[A-Za-z][A-Za-z0-9._-]*$/.test(value) ||
    /^https?:\/\/[A-Za-z0-9.[\]:-]+(\/[A-Za-z0-9._~/%-]*)?$/.test(value)
    ? value
    : `'${value.replace(/'/g, "''")}'`;
}
