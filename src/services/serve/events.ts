import type { ServerResponse } from 'node:http';
import type { ScanStore, StoredScan } from '../../capabilities/store/index.js';
import { doneEvent, type ScanEvent, type ScanRunner } from './runner.js';

const HEARTBEAT_MS = 15_000;
const POLL_MS = 1000;

/** One server-sent event; the JSON has `<` escaped, so even a page that misuses it as HTML stays inert. */
export const sseFrame = (e: ScanEvent): string =>
  `event: ${e.type}\ndata: ${JSON.stringify(e).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e')}\n\n`;

function finalEvent(scan: StoredScan): ScanEvent | undefined {
  if (scan.status === 'done') {
    return doneEvent((scan.result ?? {}) as Parameters<typeof doneEvent>[0]);
  }
  if (scan.status === 'failed') {
    return { type: 'failed', error: scan.error ?? { code: 'FAILED', message: 'the scan failed' } };
  }
  return undefined;
}

/**
 * Streams a scan's events to an HTTP response (`text/event-stream`) until it ends: the live events of the
 * runner when it runs here, else the store's state polled once a second (a scan run by another process),
 * with a heartbeat comment so proxies keep the connection; stops when the client goes away.
 *
 * @example
 * ```ts
 * reply.hijack();
 * streamScanEvents(reply.raw, scan, runner, store, 90_000);
 * ```
 */
export function streamScanEvents(
  res: ServerResponse,
  scan: StoredScan,
  runner: ScanRunner,
  store: ScanStore,
  maxMs: number,
): void {
  let ended = false;
  const cleanups: Array<() => void> = [];
  const end = () => {
    if (ended) return;
    ended = true;
    for (const c of cleanups) c();
    res.end();
  };
  const send = (e: ScanEvent) => {
    if (ended) return;
    res.write(sseFrame(e));
    if (e.type === 'done' || e.type === 'failed') end();
  };
  res.on('close', end);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  const limit = setTimeout(end, maxMs);
  cleanups.push(
    () => clearInterval(heartbeat),
    () => clearTimeout(limit),
  );
  const done = finalEvent(scan);
  if (done) {
    send(done);
    return;
  }
  const unsubscribe = runner.subscribe(scan.id, send);
  if (unsubscribe) {
    cleanups.push(unsubscribe);
    return;
  }
  // Not live here: it ended between the read and now, or another process runs it.
  send({ type: 'status', status: scan.status === 'queued' ? 'queued' : 'running' });
  const poll = setInterval(() => {
    store
      .get(scan.id)
      .then((s) => {
        const e = s ? finalEvent(s) : undefined;
        if (e) send(e);
      })
      .catch(end);
  }, POLL_MS);
  cleanups.push(() => clearInterval(poll));
}
