#!/usr/bin/env node
// The `corsguard` executable: runs the CLI and sets the exit code (never calls process.exit, so output is flushed).
import { tuneHeapForLongRuns } from './heap.js';
import { run } from './run.js';

tuneHeapForLongRuns(process.execArgv, process.env.NODE_OPTIONS);

// A reader that goes away (`corsguard scan … | head -1`) closes the pipe: further output has nowhere to
// go, which is not an error of the scan. Writes to it are dropped and the run ends with its usual exit
// code, instead of an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
