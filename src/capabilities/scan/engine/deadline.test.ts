import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { deadline } from './deadline.js';

describe('deadline', () => {
  it('aborts with a TimeoutError once the time is up', async () => {
    const d = deadline(20);
    await new Promise((r) => d.signal.addEventListener('abort', r));
    expect((d.signal.reason as Error).name).toBe('TimeoutError');
  });

  it("aborts with the parent's reason when the parent aborts first", () => {
    const parent = new AbortController();
    const d = deadline(60_000, parent.signal);
    parent.abort(new Error('target budget spent'));
    expect(d.signal.aborted).toBe(true);
    expect((d.signal.reason as Error).message).toBe('target budget spent');
    d.clear();
  });

  it('is aborted at once under an already aborted parent', () => {
    const parent = new AbortController();
    parent.abort(new Error('gone'));
    expect(deadline(60_000, parent.signal).signal.aborted).toBe(true);
  });

  it('never fires after clear(), and leaves no listener on the parent (a long-lived target signal)', async () => {
    const parent = new AbortController();
    const ds = Array.from({ length: 100 }, () => deadline(10, parent.signal));
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(100);
    for (const d of ds) d.clear();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(ds.some((d) => d.signal.aborted)).toBe(false);
    parent.abort();
    expect(ds.some((d) => d.signal.aborted)).toBe(false);
  });
});
