import { type Command, Option } from 'commander';
import { GENERATE_TARGETS } from '../capabilities/generate/index.js';
import { CHECK_FORMATS, type RawCheckOptions, runCheck } from './check-command.js';
import { type RawGenerateOptions, runGenerate } from './generate-command.js';
import { type RawInitOptions, runInit } from './init-command.js';
import { runPolicyValidate } from './policy-validate-command.js';
import type { CommandIo } from './scan-command.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * Adds the policy-file commands to the `corsguard` program: `policy validate`, `check`, `generate` and `init`.
 * `setExit` receives each command's exit code.
 *
 * @example
 * ```ts
 * registerPolicyFileCommands(program, io, version, (code) => { exitCode = code; });
 * ```
 */
export function registerPolicyFileCommands(
  program: Command,
  io: CommandIo,
  version: string,
  setExit: (code: number) => void,
): void {
  const policy = program.command('policy').description('work with cors.policy.yaml policy files');
  policy
    .command('validate')
    .description(
      'validate a policy file: every problem as FILE:LINE:COL  code  message. Fix: … (exit 2 on problems)',
    )
    .argument('[file]', 'the policy file (YAML or JSON)', 'cors.policy.yaml')
    .action(async (file: string) => {
      setExit(await runPolicyValidate(file, io));
    });

  program
    .command('check')
    .description(
      'check that a live deployment answers exactly as its policy file says (exit 1 on any violation)',
    )
    .argument('[url...]', "URLs to check (default: the environment's urls)")
    .option('--policy <file>', 'the policy file', 'cors.policy.yaml')
    .option('--env <name>', 'the environment of the policy file (optional when it has only one)')
    .option('-H, --header <header>', 'extra request header "Name: value" (repeatable)', collect, [])
    .option('--cookie <cookie>', 'Cookie header to send')
    .option(
      '--resolve <host:port:addr>',
      "connect to addr for host:port, like curl's --resolve (repeatable)",
      collect,
      [],
    )
    .option('-k, --insecure', 'accept any TLS certificate')
    .option('--proxy <url>', 'send requests through an HTTP(S) proxy')
    .option('-c, --concurrency <n>', 'requests in flight in total', '32')
    .option('--timeout <ms>', 'per-request timeout', '10000')
    .addOption(new Option('--format <format>', 'report format').choices([...CHECK_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'show every violation in full')
    .action(async (urls: string[], raw: RawCheckOptions) => {
      setExit(await runCheck(urls, raw, io, version));
    });

  program
    .command('generate')
    .description(
      'write the CORS configuration of a server or framework from a policy file (anchored regexes, Vary: Origin, 204 preflights)',
    )
    .option('--policy <file>', 'the policy file', 'cors.policy.yaml')
    .option('--env <name>', 'the environment of the policy file (optional when it has only one)')
    .addOption(new Option('--target <target>', 'what to generate for').choices([...GENERATE_TARGETS]))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (raw: RawGenerateOptions) => {
      setExit(await runGenerate(raw, io));
    });

  program
    .command('init')
    .description(
      'draft a commented cors.policy.yaml from a live deployment (--from), from flags, or by asking on a terminal',
    )
    .option(
      '--from <url>',
      'infer the policy from this live API URL (the origins it grants, its preflight answer)',
    )
    .option(
      '--origin <origin>',
      'a front-end origin allowed to read responses (repeatable; * for any)',
      collect,
      [],
    )
    .option('--url <url>', 'a URL corsguard check should test (repeatable)', collect, [])
    .option('--env <name>', 'environment name (default: production, development for a localhost --from)')
    .option('--credentials', 'the front ends send cookies / HTTP auth')
    .option('--no-credentials', 'anonymous reads only')
    .option('--method <method>', 'a method besides GET, HEAD, POST (repeatable)', collect, [])
    .option('--request-header <name>', 'a request header script sends (repeatable)', collect, [])
    .option('--expose-header <name>', 'a response header script may read (repeatable)', collect, [])
    .option('--max-age <seconds>', 'preflight cache time')
    .option('-o, --output <file>', 'the file to write', 'cors.policy.yaml')
    .option('--force', 'overwrite the file if it exists')
    .option('-H, --header <header>', 'extra request header for --from (repeatable)', collect, [])
    .option('--cookie <cookie>', 'Cookie header for --from')
    .option('--resolve <host:port:addr>', 'like curl --resolve, for --from (repeatable)', collect, [])
    .option('-k, --insecure', 'accept any TLS certificate (--from)')
    .option('--timeout <ms>', 'per-request timeout (--from)', '10000')
    .action(async (raw: RawInitOptions) => {
      setExit(await runInit(raw, io));
    });
}
