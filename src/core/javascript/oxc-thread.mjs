// The JavaScript parser thread of corsguard lint and scan --discover (see oxc-thread.ts): parses with oxc on a thread whose stack is big
// enough for any file lint reads, and hands the AST back. Plain JavaScript: it runs as is from src/ and dist/.
import { workerData } from 'node:worker_threads';
// The native binding: its `program` is the AST as a JSON string, which crosses threads as a string
// (a deep object would be copied recursively; JSON.parse on the other side is not recursive).
import { parseSync } from 'oxc-parser/src-js/bindings';

const { port, flag } = workerData;
port.on('message', ({ name, text, options }) => {
  try {
    const result = parseSync(name, text, options);
    port.postMessage({ json: result.program, errors: result.errors });
  } catch (e) {
    port.postMessage({ failure: String(e?.message ?? e) });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
