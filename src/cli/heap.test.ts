import { describe, expect, it } from 'vitest';
import { tuneHeapForLongRuns } from './heap.js';

// The effect on memory is measured by the fleet benchmark (npm run bench:fleet), not here.
describe('tuneHeapForLongRuns', () => {
  it.each([
    ['node --heap-growing-percent=80', ['--heap-growing-percent=80'], ''],
    ['node --heap_growing_percent 80', ['--heap_growing_percent', '80'], ''],
    ['node --optimize-for-size', ['--optimize-for-size'], ''],
    ['NODE_OPTIONS with the flag', [], '--max-old-space-size=512 --heap-growing-percent=10'],
  ])("leaves the user's own heap setting alone (%s)", (_name, execArgv, nodeOptions) => {
    expect(tuneHeapForLongRuns(execArgv, nodeOptions)).toBe(false);
  });

  it('sets the growth factor otherwise (other flags do not count as a heap choice)', () => {
    expect(tuneHeapForLongRuns(['--enable-source-maps'], '--max-old-space-size=512')).toBe(true);
    expect(tuneHeapForLongRuns([])).toBe(true);
  });
});
