import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Texts up to this size are parsed in process without a check: too short to nest deep enough to overflow
 * oxc's native stack (it needs thousands of levels; brackets are limited separately).
 */
export const PARSE_CHECK_ABOVE = 2048;
const CHECK_TIMEOUT_MS = 20_000;
const CHECKS_AT_ONCE = 2;

let parserUrl: string | undefined;
let running = 0;
const waiting: Array<() => void> = [];

/** The child's program: parse stdin with oxc, exit 0. A native stack overflow kills only the child. */
function childCode(): string {
  parserUrl ??= pathToFileURL(createRequire(import.meta.url).resolve('oxc-parser')).href;
  return `import { parseSync } from ${JSON.stringify(parserUrl)};
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
parseSync('bundle.js', Buffer.concat(chunks).toString('utf8'));
process.exit(0);`;
}

/**
 * Whether oxc parses `text` without crashing the process. oxc's parser recurses natively; code nested
 * deep enough (a 100,000-long `a ? b : …` chain, `a = a = …`, arrow or `if` chains: not only brackets)
 * overflows its stack, which is a segmentation fault, not an exception. So a hostile script is parsed
 * first in a child process (at most two at once, each killed after 20 s or when `signal` aborts: then
 * false); short texts need no check.
 *
 * @example
 * ```ts
 * if (await parsesWithoutCrash(bundle)) bundleUrls(bundle);
 * ```
 */
export async function parsesWithoutCrash(text: string, signal?: AbortSignal): Promise<boolean> {
  if (text.length <= PARSE_CHECK_ABOVE) return true;
  if (running >= CHECKS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    if (signal?.aborted) return false;
    return await new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', childCode()], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      const kill = () => child.kill('SIGKILL');
      const timer = setTimeout(kill, CHECK_TIMEOUT_MS);
      signal?.addEventListener('abort', kill, { once: true });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', kill);
        resolve(code === 0);
      });
      child.stdin.on('error', () => {});
      child.stdin.end(text);
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}
