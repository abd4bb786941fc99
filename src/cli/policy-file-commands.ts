import { type Command, Option } from 'commander';
import { GENERATE_TARGETS } from '../capabilities/generate/index.js';
import { CHECK_FORMATS } from '../outputs/check-report/index.js';
import { CHECK_NETWORK_OPTIONS, type RawCheckOptions, runCheck } from './check-command.js';
import { type RawGenerateOptions, runGenerate } from './generate-command.js';
import { INIT_NETWORK_OPTIONS, type RawInitOptions, runInit } from './init-command.js';
import { addNetworkOptions } from './network-options.js';
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

  const check = program
    .command('check')
    .description(
      'check that a live deployment answers exactly as its policy file says (exit 1 on any violation)',
    )
    .argument('[url...]', "URLs to check (default: the environment's urls)")
    .option('--policy <file>', 'the policy file', 'cors.policy.yaml')
    .option('--env <name>', 'the environment of the policy file (optional when it has only one)');
  addNetworkOptions(check, CHECK_NETWORK_OPTIONS)
    .addOption(new Option('--format <format>', 'report format').choices([...CHECK_FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('-v, --verbose', 'show every violation in full')
    .option(
      '--queue <url>',
      'check each URL on `corsguard worker` processes through this PostgreSQL (postgres://…)',
    )
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

  const init = program
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
    .option('--force', 'overwrite the file if it exists');
  addNetworkOptions(init, INIT_NETWORK_OPTIONS, ' (for --from)').action(async (raw: RawInitOptions) => {
    setExit(await runInit(raw, io));
  });
}
