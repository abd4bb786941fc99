import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Postgres, postgresBin, startPostgres } from '../../capabilities/store/test-support/postgres.js';
import { testServer } from './test-support/server.js';

// `corsguard serve --database postgres://…`: the same server on a real PostgreSQL (Debian's), across a restart.
const bin = postgresBin();

describe.skipIf(bin === null && process.env.CORSGUARD_REQUIRE_SERVERS !== '1')('serve on PostgreSQL', () => {
  let pg: Postgres;
  beforeAll(async () => {
    if (bin === null)
      throw new Error('PostgreSQL is required by CORSGUARD_REQUIRE_SERVERS=1; run .ci/install-servers.sh');
    pg = await startPostgres(bin);
  }, 60_000);
  afterAll(() => pg?.stop());

  it('scans, keeps the result and the history across a restart', async () => {
    const first = await testServer({ database: pg.url, lab: true });
    let id = '';
    let url = '';
    let before: unknown;
    try {
      url = first.lab?.targets.find((t) => t.endpoint.path === '/reflect')?.url ?? '';
      id = (await first.post('/api/scans', { url })).json.id;
      before = await first.waitEnded(id);
      expect(before).toMatchObject({ status: 'done', result: { grade: { letter: 'F' } } });
    } finally {
      await first.close();
    }
    const second = await testServer({ database: pg.url });
    try {
      expect((await second.get(`/api/scans/${id}`)).json).toEqual(before);
      const history = await second.get(`/api/scans?url=${encodeURIComponent(url)}`);
      expect(history.json.scans.map((s: { id: string }) => s.id)).toEqual([id]);
      expect((await second.get(`/scans/${id}`)).text).toContain('data-grade="F"');
    } finally {
      await second.close();
    }
  }, 120_000);
});
