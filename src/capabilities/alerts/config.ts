import type { RetryPolicy } from './retry.js';
import type { AlertSinkType, MonitorChangeKind } from './types.js';

const KINDS: readonly MonitorChangeKind[] = [
  'new-findings',
  'fixed',
  'changed',
  'grade-changed',
  'policy-drift',
  'unreachable',
  'recovered',
];

/**
 * Keys every sink config may have.
 *
 * @example
 * ```ts
 * const common: CommonSinkConfig = { name: 'sec-slack', events: ['new-findings'], retry: { attempts: 5 } };
 * ```
 */
export interface CommonSinkConfig {
  /** Name in delivery records and logs; default `type:host`. Letters, digits, `._:-`. */
  readonly name?: string;
  /** Change kinds this sink receives; default all. */
  readonly events?: readonly MonitorChangeKind[];
  readonly retry?: RetryPolicy;
}

/**
 * A URL given directly or by the name of an environment variable holding it (exactly one).
 *
 * @example
 * ```ts
 * const byEnv: UrlConfig = { urlEnv: 'SLACK_WEBHOOK_URL' };
 * ```
 */
export interface UrlConfig {
  readonly url?: string;
  readonly urlEnv?: string;
}

/**
 * The generic JSON webhook: body per `schema/alert-webhook.schema.json`, HMAC-SHA256 signed.
 *
 * @example
 * ```ts
 * const hook: WebhookSinkConfig = { type: 'webhook', url: 'https://hooks.internal/cors', secretEnv: 'CORSGUARD_WEBHOOK_SECRET' };
 * ```
 */
export interface WebhookSinkConfig extends CommonSinkConfig, UrlConfig {
  readonly type: 'webhook';
  /** The signing secret (at least 16 characters), or `secretEnv`: the variable holding it. */
  readonly secret?: string;
  readonly secretEnv?: string;
  /** Extra request headers (e.g. an Authorization the receiver wants); never logged. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A Slack incoming webhook (`https://hooks.slack.com/services/…`).
 *
 * @example
 * ```ts
 * const slack: SlackSinkConfig = { type: 'slack', urlEnv: 'SLACK_WEBHOOK_URL' };
 * ```
 */
export interface SlackSinkConfig extends CommonSinkConfig, UrlConfig {
  readonly type: 'slack';
}

/**
 * A Microsoft Teams incoming webhook or Workflows webhook trigger URL.
 *
 * @example
 * ```ts
 * const teams: TeamsSinkConfig = { type: 'teams', urlEnv: 'TEAMS_WEBHOOK_URL' };
 * ```
 */
export interface TeamsSinkConfig extends CommonSinkConfig, UrlConfig {
  readonly type: 'teams';
}

/**
 * TLS options passed to nodemailer (and on to `tls.connect`).
 *
 * @example
 * ```ts
 * const tls: SmtpTlsConfig = { minVersion: 'TLSv1.2', servername: 'smtp.example.com' };
 * ```
 */
export interface SmtpTlsConfig {
  readonly rejectUnauthorized?: boolean;
  readonly servername?: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** PEM of the CA(s) to trust for the SMTP server. */
  readonly ca?: string;
}

/**
 * E-mail over SMTP with nodemailer.
 *
 * @example
 * ```ts
 * const mail: EmailSinkConfig = { type: 'email', host: 'smtp.example.com', requireTLS: true,
 *   auth: { user: 'corsguard', passEnv: 'SMTP_PASSWORD' }, from: 'cors@example.com', to: ['sec@example.com'] };
 * ```
 */
export interface EmailSinkConfig extends CommonSinkConfig {
  readonly type: 'email';
  readonly host: string;
  /** Default 587 (465 when `secure`). */
  readonly port?: number;
  /** TLS from the first byte (port 465). Default false: STARTTLS when the server offers it. */
  readonly secure?: boolean;
  /** Refuse to send unless STARTTLS succeeds. */
  readonly requireTLS?: boolean;
  /** Never STARTTLS (a loopback relay). */
  readonly ignoreTLS?: boolean;
  readonly tls?: SmtpTlsConfig;
  readonly auth?: { readonly user: string; readonly pass?: string; readonly passEnv?: string };
  /** `alerts@example.com` or `corsguard <alerts@example.com>`. */
  readonly from: string;
  readonly to: string | readonly string[];
  /** Default `[corsguard]`. */
  readonly subjectPrefix?: string;
  /** Host name corsguard greets the server with (EHLO). */
  readonly clientName?: string;
}

/**
 * The config of one alert sink, as `corsguard.monitor.yaml` writes it under `alerts:`.
 *
 * @example
 * ```ts
 * const sinks: AlertSinkConfig[] = [
 *   { type: 'webhook', url: 'https://hooks.internal/cors', secretEnv: 'CORSGUARD_WEBHOOK_SECRET' },
 *   { type: 'slack', urlEnv: 'SLACK_WEBHOOK_URL', events: ['new-findings', 'unreachable'] },
 *   { type: 'email', host: 'smtp.example.com', requireTLS: true, from: 'cors@example.com', to: ['sec@example.com'] },
 * ];
 * ```
 */
export type AlertSinkConfig = WebhookSinkConfig | SlackSinkConfig | TeamsSinkConfig | EmailSinkConfig;

/**
 * One thing wrong with a sink config: where (key path inside the sink object) and why.
 *
 * @example
 * ```ts
 * const p: SinkConfigProblem = { path: ['retry', 'attempts'], message: 'retry.attempts must be an integer from 1 to 10' };
 * ```
 */
export interface SinkConfigProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Where environment variables come from (default `process.env`).
 *
 * @example
 * ```ts
 * checkSinkConfig({ type: 'slack', urlEnv: 'SLACK_URL' }, { SLACK_URL: 'https://hooks.slack.com/services/T/B/x' });
 * ```
 */
export type Env = Readonly<Record<string, string | undefined>>;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMMON = ['type', 'name', 'events', 'retry'];
const URL_KEYS = ['url', 'urlEnv'];
const KEYS: Readonly<Record<AlertSinkType, readonly string[]>> = {
  webhook: [...COMMON, ...URL_KEYS, 'secret', 'secretEnv', 'headers'],
  slack: [...COMMON, ...URL_KEYS],
  teams: [...COMMON, ...URL_KEYS],
  email: [
    ...COMMON,
    'host',
    'port',
    'secure',
    'requireTLS',
    'ignoreTLS',
    'tls',
    'auth',
    'from',
    'to',
    'subjectPrefix',
    'clientName',
  ],
};
const RETRY_BOUNDS: Readonly<Record<keyof RetryPolicy, readonly [number, number]>> = {
  attempts: [1, 10],
  baseDelayMs: [0, 60_000],
  maxDelayMs: [0, 300_000],
  totalTimeoutMs: [1, 600_000],
  attemptTimeoutMs: [1, 120_000],
};
const CONTROL = /\p{Cc}/u;
const ADDRESS = /^(?:[^<>@\p{Cc}]{0,100} <[^\s<>@"]+@[^\s<>@"]+>|[^\s<>@"]+@[^\s<>@"]+)$/u;
const RESERVED_HEADERS = /^(content-type|content-length|host|user-agent|x-corsguard-.*)$/i;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * * A sink config checked and with its secrets resolved from the environment: what the sink factories use.
 *
 * @example
 * ```ts
 * const r = checkSinkConfig({ type: 'slack', url: 'https://hooks.slack.com/services/T/B/x' });
 * if (r.config?.type === 'slack') r.config.url.hostname; // 'hooks.slack.com'
 * ```
 */
export type ResolvedSinkConfig =
  | (Omit<WebhookSinkConfig, 'url' | 'urlEnv' | 'secret' | 'secretEnv'> & { url: URL; secret: string })
  | (Omit<SlackSinkConfig, 'url' | 'urlEnv'> & { url: URL })
  | (Omit<TeamsSinkConfig, 'url' | 'urlEnv'> & { url: URL })
  | (Omit<EmailSinkConfig, 'auth'> & { auth?: { user: string; pass?: string } });

class Checker {
  readonly problems: SinkConfigProblem[] = [];
  constructor(
    readonly value: Obj,
    readonly env: Env,
  ) {}

  fail(path: readonly (string | number)[], message: string): void {
    this.problems.push({ path, message });
  }

  str(key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    const v = this.value[key];
    if (v === undefined) {
      if (opts.required) this.fail([key], `${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail([key], `${key} must be a non-empty string`);
      return undefined;
    }
    if (CONTROL.test(v)) {
      this.fail([key], `${key} must not contain control characters (CR, LF, …)`);
      return undefined;
    }
    if (v.length > (opts.max ?? 2048)) {
      this.fail([key], `${key} is longer than ${opts.max ?? 2048} characters`);
      return undefined;
    }
    return v;
  }

  bool(key: string, obj: Obj = this.value, path: (string | number)[] = [key]): boolean | undefined {
    const v = obj[key];
    if (v === undefined || typeof v === 'boolean') return v;
    this.fail(path, `${path.join('.')} must be true or false`);
    return undefined;
  }

  /** A value given directly (`key`) or by environment variable (`keyEnv`): exactly one of them. */
  secretOrEnv(key: string, what: string, required: boolean): string | undefined {
    const envKey = `${key}Env`;
    const direct = this.value[key];
    const named = this.value[envKey];
    if (direct !== undefined && named !== undefined) {
      this.fail([key], `give ${key} or ${envKey}, not both`);
      return undefined;
    }
    if (named !== undefined) {
      if (typeof named !== 'string' || !ENV_NAME.test(named)) {
        this.fail(
          [envKey],
          `${envKey} must be an environment variable name like CORSGUARD_${key.toUpperCase()}`,
        );
        return undefined;
      }
      const v = this.env[named];
      if (v === undefined || v === '') {
        this.fail([envKey], `${envKey}: the environment variable ${named} (${what}) is not set`);
        return undefined;
      }
      return v;
    }
    if (direct === undefined) {
      if (required)
        this.fail([key], `${key} (${what}) is required, or ${envKey} naming the variable that holds it`);
      return undefined;
    }
    return this.str(key);
  }
}

function checkUrl(c: Checker, raw: string | undefined, key: string): URL | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    c.fail([key], `${key} is not a URL (write it like https://hooks.example.com/path)`);
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    c.fail([key], `${key} must be https: or http:, not ${url.protocol}`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    c.fail([key], `${key} must not carry user:password@ (use headers for the receiver's credentials)`);
    return undefined;
  }
  if (url.hash !== '') c.fail([key], `${key} must not have a #fragment`);
  return url;
}

function checkRetry(c: Checker): RetryPolicy | undefined {
  const v = c.value.retry;
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    c.fail(['retry'], 'retry must be a mapping of attempts, baseDelayMs, …');
    return undefined;
  }
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) {
    const bounds = RETRY_BOUNDS[k as keyof RetryPolicy];
    if (bounds === undefined) {
      c.fail(['retry', k], `retry.${k} is not a retry setting (${Object.keys(RETRY_BOUNDS).join(', ')})`);
    } else if (typeof n !== 'number' || !Number.isInteger(n) || n < bounds[0] || n > bounds[1]) {
      c.fail(['retry', k], `retry.${k} must be an integer from ${bounds[0]} to ${bounds[1]}`);
    } else out[k] = n;
  }
  return out;
}

function checkEvents(c: Checker): MonitorChangeKind[] | undefined {
  const v = c.value.events;
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0) {
    c.fail(['events'], `events must be a non-empty list of ${KINDS.join(', ')}`);
    return undefined;
  }
  const out: MonitorChangeKind[] = [];
  v.forEach((k, i) => {
    if (KINDS.includes(k as MonitorChangeKind)) out.push(k as MonitorChangeKind);
    else c.fail(['events', i], `events[${i}] is ${JSON.stringify(k)}, not one of ${KINDS.join(', ')}`);
  });
  return out;
}

function checkEmail(c: Checker): Partial<EmailSinkConfig> & { auth?: { user: string; pass?: string } } {
  const host = c.str('host', { required: true, max: 253 });
  const port = c.value.port;
  if (
    port !== undefined &&
    (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
  ) {
    c.fail(['port'], 'port must be an integer from 1 to 65535');
  }
  const secure = c.bool('secure');
  const requireTLS = c.bool('requireTLS');
  const ignoreTLS = c.bool('ignoreTLS');
  if (requireTLS && ignoreTLS) c.fail(['ignoreTLS'], 'requireTLS and ignoreTLS contradict each other');
  let tls: SmtpTlsConfig | undefined;
  const rawTls = c.value.tls;
  if (rawTls !== undefined) {
    if (!isObj(rawTls))
      c.fail(['tls'], 'tls must be a mapping (rejectUnauthorized, servername, minVersion, ca)');
    else {
      const t: { -readonly [K in keyof SmtpTlsConfig]: SmtpTlsConfig[K] } = {};
      for (const [k, v] of Object.entries(rawTls)) {
        if (k === 'rejectUnauthorized') {
          const b = c.bool(k, rawTls, ['tls', k]);
          if (b !== undefined) t.rejectUnauthorized = b;
        } else if (k === 'servername' || k === 'ca') {
          if (typeof v === 'string' && v !== '') t[k] = v;
          else c.fail(['tls', k], `tls.${k} must be a non-empty string`);
        } else if (k === 'minVersion') {
          if (v === 'TLSv1.2' || v === 'TLSv1.3') t.minVersion = v;
          else c.fail(['tls', k], 'tls.minVersion must be TLSv1.2 or TLSv1.3');
        } else
          c.fail(
            ['tls', k],
            `tls.${k} is not a TLS setting (rejectUnauthorized, servername, minVersion, ca)`,
          );
      }
      tls = t;
    }
  }
  let auth: { user: string; pass?: string } | undefined;
  const rawAuth = c.value.auth;
  if (rawAuth !== undefined) {
    if (!isObj(rawAuth)) c.fail(['auth'], 'auth must be a mapping of user and pass (or passEnv)');
    else {
      const sub = new Checker(rawAuth, c.env);
      for (const k of Object.keys(rawAuth)) {
        if (!['user', 'pass', 'passEnv'].includes(k))
          sub.fail([k], `auth.${k} is not an auth setting (user, pass, passEnv)`);
      }
      const user = sub.str('user', { required: true, max: 320 });
      const pass = sub.secretOrEnv('pass', 'the SMTP password', true);
      for (const p of sub.problems) c.fail(['auth', ...p.path], `auth.${p.message}`);
      if (user !== undefined) auth = { user, ...(pass === undefined ? {} : { pass }) };
    }
  }
  const from = c.str('from', { required: true, max: 400 });
  if (from !== undefined && !ADDRESS.test(from))
    c.fail(['from'], 'from must be an address like alerts@example.com or "corsguard <alerts@example.com>"');
  const rawTo = c.value.to;
  const to: string[] = [];
  if (rawTo === undefined) c.fail(['to'], 'to is required: one address or a list');
  else {
    const list = Array.isArray(rawTo) ? rawTo : [rawTo];
    if (list.length === 0 || list.length > 50) c.fail(['to'], 'to must list 1 to 50 addresses');
    list.forEach((a, i) => {
      const path = Array.isArray(rawTo) ? ['to', i] : ['to'];
      if (typeof a === 'string' && ADDRESS.test(a) && a.length <= 400) to.push(a);
      else c.fail(path, `${path.join('.')} is not an address like security@example.com`);
    });
  }
  const subjectPrefix = c.str('subjectPrefix', { max: 40 });
  const clientName = c.str('clientName', { max: 253 });
  return {
    ...(host === undefined ? {} : { host }),
    ...(typeof port === 'number' ? { port } : {}),
    ...(secure === undefined ? {} : { secure }),
    ...(requireTLS === undefined ? {} : { requireTLS }),
    ...(ignoreTLS === undefined ? {} : { ignoreTLS }),
    ...(tls === undefined ? {} : { tls }),
    ...(auth === undefined ? {} : { auth }),
    ...(from === undefined ? {} : { from }),
    to,
    ...(subjectPrefix === undefined ? {} : { subjectPrefix }),
    ...(clientName === undefined ? {} : { clientName }),
  };
}

/**
 * Checks one sink config (parsed YAML or JSON, so `unknown`) and resolves its secrets from the
 * environment. Returns every problem found, each with its key path inside the sink (for FILE:LINE:COL
 * messages), or the resolved config when there is none.
 *
 * @example
 * ```ts
 * const r = checkSinkConfig({ type: 'webhook', url: 'ftp://x' });
 * r.problems; // [{ path: ['url'], message: 'url must be https: or http:, not ftp:' }, { path: ['secret'], … }]
 * ```
 */
export function checkSinkConfig(
  value: unknown,
  env: Env = process.env,
): { readonly config?: ResolvedSinkConfig; readonly problems: readonly SinkConfigProblem[] } {
  if (!isObj(value))
    return { problems: [{ path: [], message: 'an alert sink must be a mapping with a type' }] };
  const type = value.type;
  if (type !== 'webhook' && type !== 'slack' && type !== 'teams' && type !== 'email') {
    return { problems: [{ path: ['type'], message: 'type must be webhook, slack, teams or email' }] };
  }
  const c = new Checker(value, env);
  for (const k of Object.keys(value)) {
    if (!KEYS[type].includes(k))
      c.fail([k], `${k} is not a setting of a ${type} sink (${KEYS[type].join(', ')})`);
  }
  const name = c.str('name', { max: 100 });
  if (name !== undefined && !/^[A-Za-z0-9._:-]+$/.test(name))
    c.fail(['name'], 'name may hold only letters, digits and . _ : -');
  const events = checkEvents(c);
  const retry = checkRetry(c);
  const common = {
    ...(name === undefined ? {} : { name }),
    ...(events === undefined ? {} : { events }),
    ...(retry === undefined ? {} : { retry }),
  };
  let config: ResolvedSinkConfig | undefined;
  if (type === 'email') {
    const e = checkEmail(c);
    if (e.host !== undefined && e.from !== undefined)
      config = { ...e, ...common, type, host: e.host, from: e.from, to: e.to ?? [] };
  } else {
    const url = checkUrl(
      c,
      c.secretOrEnv('url', `the ${type} webhook URL`, true),
      c.value.urlEnv === undefined ? 'url' : 'urlEnv',
    );
    if (type === 'webhook') {
      const secret = c.secretOrEnv('secret', 'the HMAC signing secret', true);
      if (secret !== undefined && secret.length < 16)
        c.fail(
          [c.value.secretEnv === undefined ? 'secret' : 'secretEnv'],
          'the signing secret must be at least 16 characters',
        );
      const rawHeaders = value.headers;
      const headers: Record<string, string> = {};
      if (rawHeaders !== undefined) {
        if (!isObj(rawHeaders)) c.fail(['headers'], 'headers must be a mapping of header name to value');
        else
          for (const [k, v] of Object.entries(rawHeaders)) {
            if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k))
              c.fail(['headers', k], `headers: ${JSON.stringify(k)} is not a header name`);
            else if (RESERVED_HEADERS.test(k)) c.fail(['headers', k], `headers: ${k} is set by corsguard`);
            else if (typeof v !== 'string' || CONTROL.test(v))
              c.fail(['headers', k], `headers.${k} must be a string without control characters`);
            else headers[k.toLowerCase()] = v;
          }
      }
      if (url !== undefined && secret !== undefined) {
        config = { ...common, type, url, secret, ...(rawHeaders === undefined ? {} : { headers }) };
      }
    } else if (url !== undefined) config = { ...common, type, url };
  }
  if (c.problems.length > 0) return { problems: c.problems };
  return config === undefined
    ? { problems: [{ path: [], message: 'invalid sink' }] }
    : { config, problems: [] };
}
