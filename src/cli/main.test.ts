import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real executable in a real pipe: `corsguard scan --lab --format markdown | head -1`. The reader
// leaves after one line; corsguard must end quietly with the scan's own exit code, not an EPIPE trace.
const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

describe('corsguard in a pipe whose reader goes away', () => {
  it('scan --lab --format markdown | head -1 ends without a stack trace, with the usual exit code', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        MAIN,
        'scan',
        '--lab',
        '--format',
        'markdown',
        '--fail-on',
        'none',
        '--no-progress',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const firstLine = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl !== -1) {
          child.stdout.destroy(); // what `head -1` does: read one line and close the pipe
          resolve(out.slice(0, nl));
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(firstLine).toMatch(/^## corsguard: grade/);
    expect(stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
