// action.yml as GitHub runs it: its own shell steps, taken from the file, run in a copy of this
// repository's tracked files (what `uses: owner/corsguard@ref` checks out: sources, no node_modules, no
// dist). The build step installs and compiles that copy; the run step then scans the lab with the copy's
// own CLI, writes SARIF and reports corsguard's exit code as the step output.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Lab, startLab } from '../../src/capabilities/lab/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Step {
  name: string;
  if?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default: string }>;
  runs: { steps: Step[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));

let work: string;
let actionPath: string;
let lab: Lab;

/**
 * Runs one step's script the way a runner does: bash, `${{ inputs.x }}` and `github.action_path` filled in.
 * Asynchronous, so the lab in this process keeps answering while the step runs.
 */
async function runStep(step: Step, inputs: Record<string, string>) {
  const fill = (text: string) =>
    text
      .replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '')
      .replace(/\$\{\{\s*github\.action_path\s*\}\}/g, actionPath);
  const output = join(work, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = fill(v);
  env.GITHUB_OUTPUT = output;
  env.GITHUB_ACTION_PATH = actionPath;
  const cwd = step['working-directory'] ? fill(step['working-directory']) : work;
  // `shell: bash` on a GitHub runner is `bash --noprofile --norc -eo pipefail {0}`.
  const script = join(work, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, fill(step.run ?? ''));
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    env,
    timeout: 400_000,
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { status, out, outputs };
}

const step = (name: RegExp): Step => {
  const s = action.runs.steps.find((x) => name.test(x.name));
  if (!s) throw new Error(`action.yml has no step matching ${name}`);
  return s;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'corsguard-action-'));
  actionPath = join(work, 'action');
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  // Regular files only: a symlink (say, a node_modules link in a worktree) would let the copy's npm ci
  // reach outside the copy.
  for (const file of tracked.filter(
    (f) => f !== '' && existsSync(join(ROOT, f)) && !lstatSync(join(ROOT, f)).isSymbolicLink(),
  )) {
    mkdirSync(dirname(join(actionPath, file)), { recursive: true });
    cpSync(join(ROOT, file), join(actionPath, file));
  }
  lab = await startLab();
}, 60_000);

afterAll(async () => {
  await lab?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the GitHub Action runs the code of its own checkout', () => {
  it('builds the checkout (npm ci + build), without any corsguard from npm', async () => {
    const build = step(/^Build/);
    expect(build.if).toMatch(/inputs\.version == ''/);
    const r = await runStep(build, defaults);
    expect(r.status, r.out).toBe(0);
    expect(existsSync(join(actionPath, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(step(/^Run/).run).not.toMatch(/corsguard@latest/);
  }, 420_000);

  it('scans with the built CLI, writes SARIF and sets exit-code to corsguard’s', async () => {
    const reflect = lab.targets.find((t) => t.endpoint.path === '/reflect');
    const safe = lab.targets.find((t) => t.endpoint.path.startsWith('/safe') && t.url.startsWith('https'));
    if (!reflect || !safe) throw new Error('lab endpoints /reflect and /safe… expected');
    const args = `${lab.resolve.map((r) => `--resolve ${r}`).join(' ')} -k`;
    const sarif = join(work, 'cors.sarif');
    const failing = await runStep(step(/^Run/), {
      ...defaults,
      command: 'scan',
      targets: `${reflect.url}\n${safe.url}`,
      'sarif-file': sarif,
      args,
    });
    expect(failing.status, failing.out).toBe(1);
    expect(failing.outputs['exit-code']).toBe('1');
    expect(failing.outputs.sarif).toBe('true');
    const report = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(report.runs[0]?.results.map((r) => r.ruleId)).toContain('origin-reflected');

    const clean = await runStep(step(/^Run/), { ...defaults, command: 'scan', targets: safe.url, args });
    expect(clean.status, clean.out).toBe(0);
    expect(clean.outputs['exit-code']).toBe('0');
  }, 120_000);

  it('refuses an unknown command with exit 2 and an error annotation', async () => {
    const r = await runStep(step(/^Run/), { ...defaults, command: 'lint' });
    expect(r.status).toBe(2);
    expect(r.out).toContain('::error::command must be check or scan');
  });
});
