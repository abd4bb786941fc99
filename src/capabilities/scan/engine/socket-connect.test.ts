import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labTlsCredentials } from '../../lab/index.js';
import { Engine } from './http-client.js';
import { connectSocket, TlsSessions } from './socket-connect.js';

describe('connectSocket: TLS sessions resumed', () => {
  const reused: boolean[] = [];
  const onSocket = (s: TLSSocket) => {
    reused.push(s.isSessionReused());
    setTimeout(() => s.end(), 20); // after its session tickets
    s.resume();
  };
  // The same server at two addresses of the same port: one ticket key, so either would resume the other's
  // session if it were offered.
  const ticketKeys = randomBytes(48);
  const servers = [
    createServer({ ...labTlsCredentials(), ticketKeys }, onSocket),
    createServer({ ...labTlsCredentials(), ticketKeys }, onSocket),
  ] as const;
  let url: URL;
  beforeAll(async () => {
    servers[0].listen(0, '127.0.0.1');
    await once(servers[0], 'listening');
    const { port } = servers[0].address() as AddressInfo;
    servers[1].listen(port, '127.0.0.9');
    await once(servers[1], 'listening');
    url = new URL(`wss://api.victim.test:${port}/ws`);
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  const connect = async (sessions: TlsSessions, address = '127.0.0.1') => {
    const socket = await connectSocket(url, {
      timeoutMs: 5000,
      insecure: true,
      sessions,
      address,
    });
    socket.resume(); // read, as the WebSocket handshake does: the tickets come with the data
    await once(socket, 'close');
  };

  it("a host's next connection resumes the session of the last one: no full handshake", async () => {
    reused.length = 0;
    const sessions = new TlsSessions();
    await connect(sessions);
    await connect(sessions);
    await connect(sessions);
    expect(reused).toEqual([false, true, true]);
  });

  it('a session is offered only to the address that issued it', async () => {
    reused.length = 0;
    const sessions = new TlsSessions();
    await connect(sessions, '127.0.0.1');
    await connect(sessions, '127.0.0.9'); // another pin: a full handshake
    await connect(sessions, '127.0.0.1'); // its own pin again: resumed
    expect(reused).toEqual([false, false, true]);
  });
});

describe('Engine: a server that closes every connection (HTTP/1.0 style)', () => {
  it("each request's new connection resumes the TLS session of the last (undici's session cache, through the pinned connector)", async () => {
    const reused: boolean[] = [];
    const server = createHttpsServer(labTlsCredentials(), (req, res) => {
      reused.push((req.socket as TLSSocket).isSessionReused());
      res.writeHead(200, { connection: 'close' }).end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const engine = new Engine({ resolve: [`api.victim.test:${port}:127.0.0.1`], insecure: true, perHost: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        await engine.request({ method: 'GET', url: `https://api.victim.test:${port}/`, headers: {} });
        await new Promise((r) => setTimeout(r, 50)); // the connection closed, its session kept
      }
      expect(reused).toEqual([false, true, true]);
    } finally {
      await engine.close();
      await new Promise((r) => server.close(r));
    }
  });
});
