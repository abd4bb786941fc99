import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { BrowserRequest } from '../capabilities/diagnose/index.js';
import { isStack, STACKS, type Stack } from '../capabilities/remediation/index.js';
import type { CredentialsMode } from '../core/browser/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { explanationJson, formatExplanationText } from '../outputs/explanation/index.js';
import { colorEnabled, EXIT } from '../outputs/kit/index.js';
import {
  type ExplainInput,
  type ExplainOptions,
  explainHar,
  explainRequest,
  type HarExplanation,
} from '../services/explain/index.js';
import {
  addNetworkOptions,
  parseNetworkOptions,
  type RawNetworkOptions,
  TOKEN,
  throwProblems,
} from './network-options.js';
import type { CommandIo } from './scan-command.js';

/** Raw `corsguard explain` options as commander parses them. */
export interface RawExplainOptions extends Omit<RawNetworkOptions, 'header'> {
  url?: string;
  origin?: string;
  method?: string;
  header: string[];
  credentials?: string;
  contentType?: string;
  message?: string;
  offline?: boolean;
  har?: string;
  policy?: string;
  env?: string;
  stack?: string;
  send?: boolean;
  format: string;
  color?: boolean;
}

const CREDENTIALS: readonly CredentialsMode[] = ['include', 'omit', 'same-origin'];
const MAX_MESSAGE = 64 * 1024;

function requestHeaders(
  raw: readonly string[],
  problems: string[],
): Array<string | readonly [string, string]> {
  return raw.flatMap((h): Array<string | readonly [string, string]> => {
    const i = h.indexOf(':');
    const name = (i === -1 ? h : h.slice(0, i)).trim();
    if (!TOKEN.test(name)) {
      problems.push(
        `--header ${JSON.stringify(h)} is not a header name (or "Name: value"); write it like --header X-Request-Id`,
      );
      return [];
    }
    return i === -1 ? [name] : [[name, h.slice(i + 1).trim()] as const];
  });
}

async function readMessage(value: string, io: CommandIo): Promise<string> {
  if (value !== '-') return value;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_MESSAGE)
      throw new CorsguardError('USAGE', 'the message on stdin is over 64 KiB; paste only the console line');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Validates `corsguard explain`'s options (every problem at once) into the service's input and options.
 *
 * @example
 * ```ts
 * const { input, options, format } = await explainArguments({ url: 'https://api.example/v1', origin: 'https://app.example', header: [], format: 'text', resolve: [], timeout: '10000' }, io);
 * ```
 */
export async function explainArguments(
  raw: RawExplainOptions,
  io: CommandIo,
): Promise<{
  input: ExplainInput | { kind: 'har'; file: string };
  options: ExplainOptions;
  format: 'text' | 'json';
}> {
  const problems: string[] = [];
  const inputs = [
    raw.url !== undefined && raw.message === undefined ? '--url' : null,
    raw.message !== undefined ? '--message' : null,
    raw.har !== undefined ? '--har' : null,
  ].filter((x) => x !== null);
  if (inputs.length === 0)
    problems.push(
      'give what to explain: --url URL --origin ORIGIN, --message "TEXT" (a console message), or --har FILE',
    );
  if (inputs.length > 1) problems.push(`give one of ${inputs.join(', ')}, not several`);
  if (raw.offline && raw.message === undefined && raw.har === undefined)
    problems.push(
      '--offline goes with --message or --har (a request cannot be explained without sending it)',
    );
  if (raw.format !== 'text' && raw.format !== 'json')
    problems.push(`--format must be text or json, got ${JSON.stringify(raw.format)}`);
  if (raw.credentials !== undefined && !(CREDENTIALS as readonly string[]).includes(raw.credentials)) {
    problems.push(
      `--credentials must be include, omit or same-origin (like fetch's credentials), got ${JSON.stringify(raw.credentials)}`,
    );
  }
  if (raw.stack !== undefined && !isStack(raw.stack))
    problems.push(`--stack must be one of ${STACKS.join(', ')}, got ${JSON.stringify(raw.stack)}`);
  if (
    raw.har !== undefined &&
    (raw.url !== undefined || raw.origin !== undefined || raw.method !== undefined || raw.header.length > 0)
  ) {
    problems.push(
      '--har explains the requests recorded in the file: leave out --url, --origin, --method and --header',
    );
  }
  if (inputs[0] === '--url' && raw.origin === undefined) {
    problems.push(
      "--origin is required with --url: the origin of the page that makes the request, like https://app.example.com ('*' for any origin)",
    );
  }
  const headers = requestHeaders(raw.header, problems);
  const network = parseNetworkOptions({ ...raw, header: [] }, problems);
  throwProblems(problems);
  const given: Partial<BrowserRequest> = {
    ...(raw.url !== undefined ? { url: raw.url } : {}),
    ...(raw.origin !== undefined ? { origin: raw.origin } : {}),
    ...(raw.method !== undefined ? { method: raw.method } : {}),
    ...(raw.header.length > 0 ? { headers } : {}),
    ...(raw.credentials !== undefined ? { credentials: raw.credentials as CredentialsMode } : {}),
    ...(raw.contentType !== undefined ? { contentType: raw.contentType } : {}),
  };
  const { cookie, ...connect } = network;
  const options: ExplainOptions = {
    network: connect,
    cookie,
    send: raw.send === true,
    stack: raw.stack as Stack | undefined,
    policyFile: raw.policy,
    env: raw.env,
  };
  const format = raw.format as 'text' | 'json';
  if (raw.har !== undefined) return { input: { kind: 'har', file: raw.har }, options, format };
  if (raw.message !== undefined) {
    const message = await readMessage(raw.message, io);
    return {
      input: { kind: 'message', message, offline: raw.offline === true, request: given },
      options,
      format,
    };
  }
  return { input: { kind: 'request', request: given as BrowserRequest }, options, format };
}

/**
 * Adds `corsguard explain`: why a cross-origin request is blocked, and the safe fix.
 *
 * @example
 * ```ts
 * registerExplainCommand(program, io, '0.1.0', (code) => { exitCode = code; });
 * ```
 */
export function registerExplainCommand(
  program: Command,
  io: CommandIo,
  version: string,
  setExitCode: (code: number) => void,
): void {
  const command = program
    .command('explain')
    .description('why is my request blocked? The failing CORS check, and the safe fix for your stack')
    .option('--url <url>', 'the URL the page requests')
    .option('--origin <origin>', "the page's origin (https://app.example.com, null, or '*' for any origin)")
    .option('--method <method>', 'the request method', undefined)
    .option(
      '--header <name>',
      'a request header the page sends: "Name" or "Name: value" (repeatable)',
      (v: string, p: string[]) => [...p, v],
      [],
    )
    .option('--credentials <mode>', "fetch's credentials: include, omit or same-origin (default)")
    .option('--content-type <type>', 'the Content-Type the page sends')
    .option(
      '--message <text>',
      "a console message pasted from Chrome, Firefox or Safari ('-' reads it from stdin)",
    )
    .option('--offline', 'with --message or --har: send nothing, explain from what it says')
    .option('--har <file>', 'a HAR exported from the browser devtools: every CORS failure in it')
    .option('--policy <file>', 'the policy file that says which origins are meant to be allowed')
    .option('--env <name>', 'the environment of the policy file')
    .option('--stack <stack>', `render the fix for this stack (${STACKS.join(', ')}); default detected`)
    .option(
      '--send',
      'send a request whose method may change data (POST, PUT, DELETE…); default a GET stands in',
    )
    .option('--format <format>', 'text or json', 'text')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours');
  addNetworkOptions(command, ['cookie', 'resolve', 'insecure', 'proxy', 'timeout']);
  command.action(async (raw: RawExplainOptions) => {
    const { input, options, format } = await explainArguments(raw, io);
    const color = colorEnabled({ flag: raw.color, stream: io.stdout, env: io.env });
    if (input.kind === 'har') {
      const text = await readFile(input.file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new CorsguardError(
          'USAGE',
          `cannot read ${input.file}${e.code === 'ENOENT' ? ': no such file' : ` (${e.code})`}`,
        );
      });
      const result = await explainHar(text, { ...options, offline: raw.offline === true });
      io.stdout.write(
        format === 'json'
          ? explanationJson(result.explanations, version, { har: result.har })
          : formatHarText(input.file, result, { color }),
      );
      setExitCode(EXIT.ok);
      return;
    }
    const explanation = await explainRequest(input, options);
    io.stdout.write(
      format === 'json'
        ? explanationJson([explanation], version)
        : formatExplanationText(explanation, { color }),
    );
    setExitCode(EXIT.ok);
  });
}

/** The text of `explain --har`: what the file held, then each failure's explanation. */
function formatHarText(file: string, result: HarExplanation, options: { color: boolean }): string {
  const h = result.har;
  const head = [
    `${file}: ${h.entries} entries, ${h.crossOrigin} cross-origin requests: ${h.failures} blocked (explained below), ${h.passed} let through; ${h.skipped} skipped (same-origin, navigations, no-CORS loads)${h.unread > 0 ? `; ${h.unread} not read (over the entry limit)` : ''}.`,
    ...h.errors.map((e) => `  not explained: entry ${e.entry} ${e.url}: ${e.message}`),
  ];
  const parts = result.explanations.map((e) => formatExplanationText(e, options));
  return [`${head.join('\n')}\n`, ...parts].join(`\n${'─'.repeat(72)}\n\n`);
}
