import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { scanTarget } from './scan-target.js';

// A WebSocket endpoint that checks the handshake Origin against an exact allowlist.
let wss: WebSocketServer;
let port: number;
beforeAll(async () => {
  wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: ({ origin }: { origin: string }) => origin === 'https://app.victim.test',
  });
  await new Promise((r) => wss.once('listening', r));
  port = (wss.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => wss.close(() => r())));

describe('scanning a WebSocket endpoint with an exact Origin allowlist', () => {
  it('finds nothing, and records the origin it accepted as trusted (for the remediation snippets)', async () => {
    const result = await scanTarget(`ws://api.victim.test:${port}/`, {
      resolve: [`api.victim.test:${port}:127.0.0.1`],
      timeoutMs: 3_000,
    });
    expect(result.error).toBeUndefined();
    expect(result.findings).toEqual([]);
    expect(result.trustedOrigins).toEqual(['https://app.victim.test']);
  });
});
