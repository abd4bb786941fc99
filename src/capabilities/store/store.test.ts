import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type ScanStore } from './index.js';
import { type Postgres, requirePostgresBin, startPostgres } from './test-support/postgres.js';

// One suite, run against both stores: the embedded one (PGlite) and a real PostgreSQL from Debian.
const bin = requirePostgresBin();

const RESULT = {
  url: 'https://api.example.com/me',
  grade: { letter: 'F', score: 40 },
  findings: [{ id: 'origin-reflected' }],
};

const kinds: Array<[string, boolean]> = [
  ['embedded (PGlite)', true],
  ['PostgreSQL', bin !== null],
];

for (const [kind, available] of kinds) {
  describe.skipIf(!available)(`the ${kind} store`, () => {
    let store: ScanStore;
    let pg: Postgres | undefined;
    let dir: string;
    const open = () => (pg ? openStore({ database: pg.url }) : openStore({ dataDir: join(dir, 'data') }));
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'corsguard-store-'));
      if (kind === 'PostgreSQL') pg = await startPostgres(bin as string);
      store = await open();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps a scan through its lifecycle: queued → running → done with the result', async () => {
      const scan = await store.create({
        url: 'https://api.example.com/me',
        trustedOrigins: ['https://app.example.com'],
      });
      expect(scan.status).toBe('queued');
      expect(await store.start(scan.id)).toBe(true);
      expect(await store.start(scan.id)).toBe(false); // taken once only
      expect(await store.finish(scan.id, RESULT)).toBe(true);
      const done = await store.get(scan.id);
      expect(done).toMatchObject({
        status: 'done',
        result: RESULT,
        request: { trustedOrigins: ['https://app.example.com'] },
      });
      expect(done?.finishedAt?.getTime()).toBeGreaterThanOrEqual(scan.createdAt.getTime());
      expect(await store.fail(scan.id, { code: 'X', message: 'late' })).toBe(false); // an ended scan stays ended
    });

    it('stores no secret: only the URL, trusted origins and stack of the request', async () => {
      const scan = await store.create({
        url: 'https://api.example.com/x',
        cookie: 'session=s3cret',
      } as never);
      expect(JSON.stringify(await store.get(scan.id))).not.toContain('s3cret');
    });

    it("keeps a bare site's discovery: its endpoints with their scans, what was skipped", async () => {
      const scan = await store.create({ url: 'https://api.shop.example/v1/cart' });
      const discovery = {
        scope: 'shop.example',
        scans: [
          {
            url: scan.url,
            id: scan.id,
            from: [{ url: 'https://shop.example/app.js', kind: 'script', line: 3 }],
          },
        ],
        skipped: [{ url: 'https://auth.shop.example/me', reason: 'resolves to 10.0.0.7' }],
      };
      const site = await store.createSite('https://shop.example/', discovery);
      expect(await store.getSite(site.id)).toEqual({
        id: site.id,
        site: 'https://shop.example/',
        discovery,
        createdAt: site.createdAt,
      });
      expect(await store.getSite('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    });

    it('pages the history of one URL newest first, whatever its spelling', async () => {
      const url = `https://hist.example.com/${kind.length}`;
      for (let i = 0; i < 5; i++)
        await store.create({ url: i % 2 ? url.replace('https://hist', 'HTTPS://HIST') : url });
      const first = await store.history(url, { limit: 2 });
      expect(first.scans).toHaveLength(2);
      const second = await store.history(url, { limit: 2, ...(first.next ? { next: first.next } : {}) });
      const third = await store.history(url, { limit: 2, ...(second.next ? { next: second.next } : {}) });
      const all = [...first.scans, ...second.scans, ...third.scans];
      expect(all).toHaveLength(5);
      expect(new Set(all.map((s) => s.id)).size).toBe(5);
      expect(third.next).toBeUndefined();
      const times = all.map((s) => s.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      await expect(store.history(url, { next: 'garbage' })).rejects.toThrow(/cursor/);
    });

    it('after a restart, finished scans are all there and the interrupted one is marked failed', async () => {
      const done = await store.create({ url: 'https://restart.example.com/' });
      await store.start(done.id);
      await store.finish(done.id, RESULT);
      const interrupted = await store.create({ url: 'https://restart.example.com/' });
      await store.start(interrupted.id);
      await store.close(); // the process stops mid-scan
      store = await open(); // and starts again: migrations are not re-applied
      expect(await store.failInterrupted()).toBeGreaterThanOrEqual(1);
      expect(await store.get(done.id)).toMatchObject({ status: 'done', result: RESULT });
      expect(await store.get(interrupted.id)).toMatchObject({
        status: 'failed',
        error: { code: 'INTERRUPTED' },
      });
    });
  });
}

describe('openStore', () => {
  it('refuses a database URL that is not PostgreSQL, without echoing a password', async () => {
    await expect(openStore({ database: 'mysql://root:hunter2@db/x' })).rejects.toThrow(
      /not a PostgreSQL URL/,
    );
    await expect(openStore({ database: 'mysql://root:hunter2@db/x' })).rejects.not.toThrow(/hunter2/);
  });
});
