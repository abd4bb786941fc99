// serve --max-browsers: each verified scan runs its own Chromium; no more than the cap run at once.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, missingTool } from '../../test-support/tools.js';
import { testServer } from './test-support/server.js';

const missing = missingTool('chromium', CHROMIUM);

/** Chromium main processes started by this process (their parent is this process). */
function chromiumChildren(): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && /chrom/i.test(comm)) n++;
    } catch {} // the process ended meanwhile
  }
  return n;
}

describe.skipIf(missing !== null || process.platform !== 'linux')('serve: --max-browsers', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    server = await testServer({ lab: true, maxConcurrentScans: 3, maxBrowsers: 1, scansPerClient: 100 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('three verified scans at once run one Chromium at a time, and all three are verified', async () => {
    const url = server.lab?.targets.find((t) => t.endpoint.path === '/reflect')?.url as string;
    const ids: string[] = [];
    for (const tag of ['a', 'b', 'c']) {
      const res = await server.post('/api/scans', { url: `${url}?${tag}`, verify: true });
      expect(res.status).toBe(202);
      ids.push(res.json.id);
    }
    let peak = 0;
    let seen = 0;
    const watching = setInterval(() => {
      const n = chromiumChildren();
      peak = Math.max(peak, n);
      if (n > 0) seen++;
    }, 25);
    try {
      const done = await Promise.all(ids.map((id) => server.waitEnded(id, 60_000)));
      for (const scan of done) {
        expect(scan.status).toBe('done');
        const reflected = scan.result.findings.find((f: { id: string }) => f.id === 'origin-reflected');
        expect(reflected.verified).toMatchObject({ browser: 'chromium', read: true });
      }
    } finally {
      clearInterval(watching);
    }
    expect(seen).toBeGreaterThan(0); // the watch did see the browsers
    expect(peak).toBe(1);
  }, 90_000);
});
