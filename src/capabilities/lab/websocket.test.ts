import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLab } from './server.js';
import { loopbackLookup } from './test-support/lab-client.js';
import { labTlsCredentials } from './tls.js';
import type { Lab } from './types.js';

let lab: Lab;

beforeAll(async () => {
  lab = await startLab();
});

afterAll(async () => {
  await lab.close();
});

type Handshake = { opened: true; message: string } | { opened: false; status: number };

/** Opens a WebSocket with the given Origin; resolves with the first message, or the refusal status. */
function handshake(url: string, origin: string): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      origin,
      lookup: loopbackLookup,
      ca: labTlsCredentials().cert,
      handshakeTimeout: 5000,
    });
    ws.once('message', (data) => {
      resolve({ opened: true, message: data.toString() });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('WebSocket endpoints', () => {
  const ws = (path: string): string => `ws://api.victim.test:${lab.httpPort}${path}`;
  const wss = (path: string): string => `wss://api.victim.test:${lab.httpsPort}${path}`;

  it('/ws accepts a handshake from a foreign Origin and sends the secret', async () => {
    const result = await handshake(ws('/ws'), 'https://evil.example');
    expect(result).toMatchObject({ opened: true });
    if (result.opened) expect(JSON.parse(result.message)).toMatchObject({ user: 'alice' });
  });

  it('/ws-safe refuses a foreign Origin with 403 and accepts the front-end, over wss and ws', async () => {
    for (const url of [wss('/ws-safe'), ws('/ws-safe')]) {
      expect(await handshake(url, 'https://evil.example')).toEqual({ opened: false, status: 403 });
      expect(await handshake(url, 'https://app.victim.test.evil.example')).toEqual({
        opened: false,
        status: 403,
      });
      expect(await handshake(url, 'https://app.victim.test')).toMatchObject({ opened: true });
    }
  });

  it('refuses upgrades on unknown and non-WebSocket paths with 404', async () => {
    expect(await handshake(ws('/nope'), 'https://app.victim.test')).toEqual({ opened: false, status: 404 });
    expect(await handshake(ws('/reflect'), 'https://app.victim.test')).toEqual({
      opened: false,
      status: 404,
    });
  });

  it('close() terminates open WebSockets', async () => {
    const own = await startLab();
    const socket = new WebSocket(`ws://api.victim.test:${own.httpPort}/ws`, { lookup: loopbackLookup });
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await own.close();
    await closed;
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });
});
