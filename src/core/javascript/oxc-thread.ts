import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ParserOptions } from 'oxc-parser';
import { jsonParseAst } from 'oxc-parser/src-js/wrap';

/**
 * The parser thread's stack. oxc's parser recurses natively, and code nested deep enough overflows a
 * normal 8 MiB stack: a segmentation fault that kills the process, not an exception. Brackets are not the
 * only way (`a ? b : …`, `a = a = …`, `x => x => …`, `else if` chains, `!!!…`): about 20,000 levels
 * crash the main thread. With 1 GiB, the worst 2 MiB file (lint's default size limit: 2 million `!`, or
 * 500,000 `a ? b :`) parses; the stack is reserved, and only touched pages use memory.
 */
const STACK_MB = 1024;
/** A parse that has not answered in this long is given up (the thread is replaced). */
const PARSE_TIMEOUT_MS = 60_000;

interface Thread {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

let thread: Thread | undefined;

function start(): Thread {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./oxc-thread.mjs', import.meta.url), {
    workerData: { port: port2, flag },
    transferList: [port2],
    resourceLimits: { stackSizeMb: STACK_MB },
  });
  worker.unref();
  port1.unref();
  worker.on('error', () => {
    if (thread?.worker === worker) thread = undefined;
  });
  return { worker, port: port1, flag };
}

/** What the parser thread answered: the program and oxc's errors, or why there is none. */
export type ThreadParse =
  | { readonly ok: true; readonly program: unknown; readonly errors: readonly OxcError[] }
  | { readonly ok: false; readonly reason: string };

/** An oxc diagnostic, as the parser reports it. */
export interface OxcError {
  readonly severity: string;
  readonly message: string;
  readonly labels: readonly { readonly start: number }[];
}

/**
 * Parses with oxc on the parser thread (started once, 1 GiB stack) and waits for it synchronously, so a
 * hostile file cannot crash the process; the AST comes back as JSON. A parse that does not answer is a
 * reason, not a hang.
 *
 * @example
 * ```ts
 * const r = parseOnBigStack('app.js', 'app.use(cors())', { preserveParens: false });
 * if (r.ok) r.program; else r.reason;
 * ```
 */
export function parseOnBigStack(name: string, text: string, options: ParserOptions): ThreadParse {
  thread ??= start();
  const { port, flag } = thread;
  Atomics.store(flag, 0, 0);
  port.postMessage({ name, text, options });
  if (Atomics.wait(flag, 0, 0, PARSE_TIMEOUT_MS) === 'timed-out') {
    void thread.worker.terminate();
    thread = undefined;
    return { ok: false, reason: `the parser did not answer in ${PARSE_TIMEOUT_MS / 1000} s` };
  }
  const reply = receiveMessageOnPort(port) as
    | { message?: { json?: string; errors?: OxcError[]; failure?: string } }
    | undefined;
  const message = reply?.message;
  if (!message || message.json === undefined)
    return { ok: false, reason: message?.failure ?? 'the parser thread answered nothing' };
  // oxc's own JSON-to-ESTree step (JSON.parse, then BigInt and RegExp literal values restored).
  return { ok: true, program: jsonParseAst(message.json), errors: message.errors ?? [] };
}
