// The WebSocket fixes corsguard proposes for proxies, loaded as written in the real nginx and Apache from
// Debian: a handshake from the trusted origin passes the check, one from another origin gets 403.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { websocketSnippets } from '../../src/capabilities/remediation/index.js';
import { apache } from './apache.js';
import type { RunningServer } from './harness.js';
import { nginx } from './nginx.js';

const TRUSTED = 'https://app.victim.test';
const SOURCE = 'a scan of wss://api.victim.test/ws';
const code = (stack: 'nginx' | 'apache') => websocketSnippets(stack, [TRUSTED], SOURCE)[0]?.code ?? '';

/** The status of a WebSocket handshake request (GET with Upgrade) from `origin`. */
function handshake(port: number, path: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        host: 'api.victim.test',
        origin,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 101);
    });
    req.on('error', reject);
    req.end();
  });
}

const cases = [
  {
    name: 'nginx',
    launcher: nginx,
    // The snippet's map goes in the http block; its location body replaces the harness's (minus the
    // upstream, which is not running here: the check runs before proxy_pass).
    site: () => {
      const text = code('nginx');
      const at = text.indexOf('location /ws/ {');
      const body = text.slice(at + 'location /ws/ {'.length, text.lastIndexOf('}'));
      return { http: text.slice(0, at), location: body.replace(/^\s*proxy_.*$/gm, '') };
    },
  },
  {
    name: 'apache',
    launcher: apache,
    // The snippet's <If> block inside the harness's <Location> (ProxyPass needs mod_proxy and an upstream).
    site: () => {
      const text = code('apache');
      return { location: text.slice(text.indexOf('<If'), text.indexOf('</If>') + '</If>'.length) };
    },
  },
] as const;

for (const c of cases) {
  const why = c.launcher.missing();
  if (why !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    it(`${c.name} is installed`, () => {
      throw new Error(`${c.name} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${why}`);
    });
  }
  describe.skipIf(why !== null)(`the WebSocket Origin check in real ${c.name}`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: each launcher takes its own site shape
      server = await (c.launcher.start as any)([{ path: '/ws', config: c.site() }], 'http');
    }, 60_000);
    afterAll(() => server?.stop());

    it('lets the trusted origin through and refuses another origin and a missing one with 403', async () => {
      const port = server.portOf('/ws');
      expect(await handshake(port, '/ws', TRUSTED)).not.toBe(403);
      expect(await handshake(port, '/ws', 'https://evil.example')).toBe(403);
      expect(await handshake(port, '/ws', 'https://app.victim.test.evil.example')).toBe(403);
    });
  });
}
