import type { Command } from 'commander';

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Makes every usage error of commander point at the `--help` of the command it happened in
 * (`run corsguard check --help for the options`), the program's own at its commands.
 *
 * @example
 * ```ts
 * pointHelpAtEachCommand(program); // after every command is registered
 * ```
 */
export function pointHelpAtEachCommand(program: Command): void {
  program.showHelpAfterError(`(run ${commandPath(program)} --help for the commands)`);
  const visit = (command: Command) => {
    for (const sub of command.commands) {
      const what = sub.commands.length > 0 ? 'commands' : 'options';
      sub.showHelpAfterError(`(run ${commandPath(sub)} --help for the ${what})`);
      visit(sub);
    }
  };
  visit(program);
}
