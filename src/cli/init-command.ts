import { createInterface } from 'node:readline';
import { type PolicyDraft, sanitize } from '../capabilities/init/index.js';
import { isLoopbackOrigin, isProductionName } from '../capabilities/policy-file/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { isHttpUrl } from '../core/origin/index.js';
import { type PolicyValidation, validatePolicy } from '../core/policy/index.js';
import { inferDraft, writePolicyDraft } from '../services/init/index.js';
import {
  parseNetworkOptions,
  type RawNetworkOptions,
  throwProblems,
  wholeNumberOption,
} from './network-options.js';
import type { CommandIo } from './scan-command.js';
import { trustedOriginsOption } from './scan-options.js';

/** Raw `corsguard init` options as commander parses them. */
export interface RawInitOptions extends RawNetworkOptions {
  from?: string;
  origin: string[];
  url: string[];
  env?: string;
  credentials?: boolean;
  method: string[];
  requestHeader: string[];
  exposeHeader: string[];
  maxAge?: string;
  output: string;
  force?: boolean;
}

/** The network options `init` offers (for `--from`). */
export const INIT_NETWORK_OPTIONS = ['header', 'cookie', 'resolve', 'insecure', 'timeout'] as const;

const splitList = (values: readonly string[]) =>
  values.flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== '');

/**
 * Runs `corsguard init`: drafts a commented `cors.policy.yaml` from a live deployment (`--from URL`), from
 * flags (`--origin`, `--url`, …) or, on a terminal, from a few questions; refuses to overwrite an existing
 * file without `--force`. The file written always passes `corsguard policy validate`.
 *
 * @example
 * ```ts
 * await runInit({ origin: ['https://app.example.com'], url: ['https://api.example.com/'], output: 'cors.policy.yaml', … }, io);
 * ```
 */
export async function runInit(raw: RawInitOptions, io: CommandIo): Promise<number> {
  const problems: string[] = [];
  const network = parseNetworkOptions(raw, problems);
  const declared = trustedOriginsOption(
    raw.from === undefined ? [] : raw.origin.filter((o) => !o.includes('*')),
    problems,
  );
  throwProblems(problems);
  const maxAge = raw.maxAge === undefined ? null : wholeNumberOption('--max-age', raw.maxAge, 0, 86_400);
  const interactive = raw.from === undefined && raw.origin.length === 0;
  if (interactive && !io.stdin.isTTY) {
    throw new CorsguardError(
      'USAGE',
      'init needs --from URL (infer the policy from a live deployment) or --origin ORIGIN (repeatable) when stdin is not a terminal',
    );
  }
  let draft: PolicyDraft;
  if (raw.from !== undefined) {
    const from = raw.from;
    const inferred = await inferDraft(from, {
      network,
      onStart: () => io.stderr.write(`corsguard init: exploring ${from} …\n`),
      declared,
      urls: raw.url,
      ...(raw.env === undefined ? {} : { environment: raw.env }),
      overrides: {
        ...(raw.credentials === undefined ? {} : { credentials: raw.credentials }),
        ...(raw.method.length > 0 ? { methods: splitList(raw.method) } : {}),
        ...(raw.requestHeader.length > 0 ? { requestHeaders: splitList(raw.requestHeader) } : {}),
        ...(raw.exposeHeader.length > 0 ? { exposeHeaders: splitList(raw.exposeHeader) } : {}),
        ...(maxAge === null ? {} : { maxAge }),
      },
    });
    for (const w of inferred.warnings) io.stderr.write(`warning: ${w}\n`);
    for (const n of inferred.notes) io.stderr.write(`note: ${n}\n`);
    io.stderr.write(`(${inferred.requests} requests)\n`);
    draft = inferred.draft;
  } else if (!interactive) {
    draft = {
      environment: raw.env ?? 'production',
      urls: raw.url,
      origins: raw.origin.length === 1 && raw.origin[0] === '*' ? '*' : splitList(raw.origin),
      credentials: raw.credentials ?? !(raw.origin.length === 1 && raw.origin[0] === '*'),
      methods: splitList(raw.method),
      requestHeaders: splitList(raw.requestHeader),
      exposeHeaders: splitList(raw.exposeHeader),
      maxAge,
      source: 'corsguard init',
    };
    const problems = validatePolicy({
      origins: draft.origins,
      credentials: draft.credentials,
      methods: draft.methods,
      requestHeaders: draft.requestHeaders,
      exposeHeaders: draft.exposeHeaders,
      ...(maxAge === null ? {} : { maxAge }),
    });
    if (!problems.ok) {
      throw new CorsguardError(
        'USAGE',
        problems.issues.map((i) => `${flagOf(i.path[0])}: ${i.message}. Fix: ${i.fix}`).join('\n'),
      );
    }
  } else draft = await ask(io, raw, maxAge);

  await writePolicyDraft(draft, raw.output, { force: raw.force === true });
  io.stdout.write(
    `wrote ${raw.output} (environment ${draft.environment}). Review it, then run:\n  corsguard policy validate ${raw.output}\n  corsguard check --policy ${raw.output} --env ${draft.environment}\n`,
  );
  return 0;
}

function flagOf(key: string | number | undefined): string {
  switch (key) {
    case 'origins':
      return '--origin';
    case 'methods':
      return '--method';
    case 'requestHeaders':
      return '--request-header';
    case 'exposeHeaders':
      return '--expose-header';
    case 'maxAge':
      return '--max-age';
    default:
      return String(key);
  }
}

/** The questions asked on a terminal; each answer is validated and asked again (at most 3 times). */
async function ask(io: CommandIo, raw: RawInitOptions, maxAge: number | null): Promise<PolicyDraft> {
  const rl = createInterface({ input: io.stdin, terminal: false });
  // Lines are queued as they arrive: a pasted or piped block of answers is never lost between questions.
  const queued: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  rl.on('line', (line) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(line);
    } else queued.push(line);
  });
  rl.once('close', () => {
    ended = true;
    waiting?.(null);
  });
  const question = async (q: string): Promise<string> => {
    io.stderr.write(q);
    const line =
      queued.length > 0
        ? (queued.shift() ?? '')
        : ended
          ? null
          : await new Promise<string | null>((resolve) => {
              waiting = resolve;
            });
    if (line === null)
      throw new CorsguardError('USAGE', 'init: input ended before every question was answered');
    return line.trim();
  };
  // `parse` returns the value, or a Problem saying what is wrong with the answer.
  const validated = async <T>(q: string, parse: (answer: string) => T | Problem): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const result = parse(await question(q));
      if (!(result instanceof Problem)) return result;
      io.stderr.write(`  ${result.message}\n`);
      if (attempt === 2) throw new CorsguardError('USAGE', `init: ${result.message}`);
    }
  };
  try {
    io.stderr.write(
      'corsguard init: a few questions to draft cors.policy.yaml (Enter keeps the [default])\n',
    );
    const environment = await validated(`Environment name [${raw.env ?? 'production'}]: `, (a) =>
      a === ''
        ? (raw.env ?? 'production')
        : /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(a)
          ? a
          : new Problem('use letters, digits, _, . and -'),
    );
    const urls = await validated(
      'URLs of the API that corsguard check should test (space-separated, may be empty): ',
      (a) => {
        const list = splitList([a]);
        const bad = list.find((u) => !isHttpUrl(u));
        return bad === undefined ? list : new Problem(`${JSON.stringify(bad)} is not an http(s) URL`);
      },
    );
    const credentials = await validated(
      'Do the front ends send cookies or HTTP auth (credentials)? [Y/n]: ',
      (a) =>
        a === '' || /^y(es)?$/i.test(a) ? true : /^no?$/i.test(a) ? false : new Problem('answer y or n'),
    );
    const production = isProductionName(environment);
    const origins = await validated(
      `Front-end origins allowed to read responses (space-separated, e.g. https://app.example.com${credentials ? '' : ', or * for any'}): `,
      (a) => {
        const list = a === '*' ? '*' : splitList([a]);
        if (list !== '*' && list.length === 0) return new Problem('give at least one origin');
        const result = validatePolicy({ origins: list, credentials });
        if (!result.ok)
          return new Problem(result.issues.map((i) => `${i.message}. Fix: ${i.fix}`).join('\n  '));
        if (production && list !== '*' && list.some(isLoopbackOrigin)) {
          return new Problem(
            `${environment} is a production environment: local development origins do not belong in it`,
          );
        }
        return list;
      },
    );
    const methods = await validated('Methods besides GET, HEAD and POST (e.g. PUT DELETE) [none]: ', (a) => {
      const list = splitList([a]).map((m) => m.toUpperCase());
      const issues = listIssues(validatePolicy({ origins: [], methods: list, credentials }), 'methods');
      return issues.length === 0 ? list : new Problem(issues.join('; '));
    });
    const requestHeaders = await validated(
      'Request headers script sends (e.g. Authorization Content-Type) [none]: ',
      (a) => {
        const list = splitList([a]);
        const issues = listIssues(
          validatePolicy({ origins: [], requestHeaders: list, credentials }),
          'requestHeaders',
        );
        return issues.length === 0 ? list : new Problem(issues.join('; '));
      },
    );
    const notes: string[] = [];
    const clean = sanitize(
      {
        origins,
        credentials,
        methods,
        requestHeaders,
        exposeHeaders: splitList(raw.exposeHeader),
        maxAge: maxAge ?? 600,
      },
      production,
      notes,
    );
    for (const n of notes) io.stderr.write(`note: ${n}\n`);
    return { ...clean, environment, urls, source: 'corsguard init (interactive)' };
  } finally {
    rl.close();
  }
}

/** An answer that must be given again. */
class Problem {
  constructor(readonly message: string) {}
}

/** The messages of a validation's issues about one key (the placeholder `origins: []` is not judged). */
function listIssues(validation: PolicyValidation, key: string): string[] {
  return validation.ok ? [] : validation.issues.filter((i) => i.path[0] === key).map((i) => i.message);
}
