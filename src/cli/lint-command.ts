import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { CorsguardError } from '../core/errors/index.js';
import { SEVERITIES } from '../core/findings/index.js';
import { colorEnabled, exitCodeOf, painter } from '../outputs/kit/index.js';
import { formatLintText, lintJson, lintSarif } from '../outputs/lint-report/index.js';
import { atOrAbove, type FailOn } from '../outputs/report/index.js';
import { applyFixes, lintPaths } from '../services/lint/index.js';
import type { CommandIo } from './scan-command.js';

/** Raw `corsguard lint` options as commander parses them. */
export interface RawLintOptions {
  format: string;
  output?: string;
  include: string[];
  exclude: string[];
  gitignore: boolean;
  failOn: FailOn;
  color?: boolean;
  fix?: boolean;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const collect = (v: string, p: string[]) => [...p, v];

/**
 * Adds `corsguard lint [paths…]`: CORS misconfigurations in code and server configs, with the scanner's
 * finding ids, the attacker origin that gets through each origin pattern, and the fix.
 *
 * @example
 * ```ts
 * registerLintCommand(program, io, '0.1.0', (code) => { exitCode = code; });
 * ```
 */
export function registerLintCommand(
  program: Command,
  io: CommandIo,
  version: string,
  setExitCode: (code: number) => void,
): void {
  program
    .command('lint')
    .description(
      'find CORS misconfigurations in code and server configs (JS/TS, Python, nginx, Apache, policy files)',
    )
    .argument('[paths...]', 'files and directories to lint (default: the current directory)')
    .option('--format <format>', `report format: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--include <glob>',
      'lint only files matching this glob, relative to the current directory (repeatable)',
      collect,
      [],
    )
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect, [])
    .option('--no-gitignore', 'also lint files that .gitignore excludes')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices([...SEVERITIES, 'none'])
        .default('high'),
    )
    .option('--fix', 'apply the exact fixes (escaped dots, anchors: patterns proven safe) to the files')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .action(async (paths: string[], raw: RawLintOptions) => {
      if (!(FORMATS as readonly string[]).includes(raw.format)) {
        throw new CorsguardError(
          'USAGE',
          `--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(raw.format)}`,
        );
      }
      const run = await lintPaths(paths.length > 0 ? paths : ['.'], {
        cwd: process.cwd(),
        include: raw.include,
        exclude: raw.exclude,
        gitignore: raw.gitignore,
      });
      if (raw.fix) {
        const { applied, files, skipped } = await applyFixes(run.findings, process.cwd(), (f) =>
          run.texts.get(f),
        );
        io.stderr.write(
          `--fix: ${applied.length} finding${applied.length === 1 ? '' : 's'} fixed in ${files.length} file${files.length === 1 ? '' : 's'}` +
            (skipped.length ? `, ${skipped.length} not applied (overlapping, or the file changed)` : '') +
            '; run corsguard lint again to see what is left\n',
        );
      }
      const color =
        raw.output === undefined && colorEnabled({ flag: raw.color, stream: io.stdout, env: io.env });
      const report =
        raw.format === 'json'
          ? lintJson(run, version)
          : raw.format === 'sarif'
            ? `${JSON.stringify(lintSarif(run, version), null, 2)}\n`
            : formatLintText(run, painter(color));
      if (raw.output === undefined) io.stdout.write(report);
      else {
        await writeFile(raw.output, report);
        io.stderr.write(`lint report written to ${raw.output}\n`);
      }
      setExitCode(
        exitCodeOf({
          failing: run.findings.filter((f) => atOrAbove(f.severity, raw.failOn)).length,
          errors: run.problems.length,
        }),
      );
    });
}
