#!/usr/bin/env node
// The `corsguard` executable: runs the CLI and sets the exit code (never calls process.exit, so output is flushed).
import { run } from './run.js';

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
