import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './http-client.js';

describe('Engine.fetchText', () => {
  let sent = 0;
  const app = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://elsewhere.test/' }).end();
      return;
    }
    // An endless body: only the limit stops the read.
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    origin = `http://pinned.test:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    app.closeAllConnections();
    await new Promise((resolve) => app.close(resolve));
  });

  it('reads the body up to the limit through --resolve, then stops reading', async () => {
    const port = new URL(origin).port;
    const engine = new Engine({ resolve: [`pinned.test:${port}:127.0.0.1`], timeoutMs: 5000 });
    try {
      const res = await engine.fetchText({ url: `${origin}/big`, maxBytes: 100_000 });
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(100_000);
      expect(res.truncated).toBe(true);
      const redirect = await engine.fetchText({ url: `${origin}/redirect`, maxBytes: 1000 });
      expect(redirect.status).toBe(302);
      expect(redirect.headers).toContainEqual(['location', 'http://elsewhere.test/']);
    } finally {
      await engine.close();
    }
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });
});
