import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './self-signed.js';

describe('selfSignedCertificate', () => {
  it('is a valid self-signed X.509 certificate for its key, valid now, for a day', () => {
    const { key, cert } = selfSignedCertificate('corsguard verify');
    const x = new X509Certificate(cert);
    expect(x.subject).toBe('CN=corsguard verify');
    expect(x.issuer).toBe('CN=corsguard verify');
    expect(x.verify(x.publicKey)).toBe(true); // signed by its own key
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
    const from = Date.parse(x.validFrom);
    const to = Date.parse(x.validTo);
    expect(from).toBeLessThan(Date.now());
    expect(to - from).toBe(25 * 3_600_000);
  });

  it('is new every time: no two runs share a key', () => {
    const spki = () =>
      createHash('sha256')
        .update(
          new X509Certificate(selfSignedCertificate('x').cert).publicKey.export({
            type: 'spki',
            format: 'der',
          }),
        )
        .digest('base64');
    expect(spki()).not.toBe(spki());
  });

  it('serves TLS: a client pinning it completes a handshake', async () => {
    const { key, cert } = selfSignedCertificate('corsguard verify');
    const server = createServer({ key, cert }, (_req, res) => res.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const socket = connect({
      port: (server.address() as AddressInfo).port,
      host: '127.0.0.1',
      ca: cert,
      servername: 'corsguard verify',
      checkServerIdentity: () => undefined,
    });
    await once(socket, 'secureConnect');
    expect(socket.authorized).toBe(true);
    socket.destroy();
    await new Promise((r) => server.close(r));
  });
});
