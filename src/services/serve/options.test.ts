import { describe, expect, it } from 'vitest';
import { resolveServeOptions } from './index.js';
import { SlidingWindow } from './window.js';

describe('serve options', () => {
  it('are safe by default for a server on the internet', () => {
    const o = resolveServeOptions({});
    expect(o).toMatchObject({
      host: '127.0.0.1',
      dangerouslyAllowPrivate: false,
      allowCidrs: [],
      targetPorts: [80, 443],
      trustProxy: false,
      maxConcurrentScans: 2,
      // A live explanation is at most two requests: 30 a minute per client, 60 per target host, 8 at once.
      explainsPerClient: 30,
      explainsPerTargetHost: 60,
      maxConcurrentExplains: 8,
    });
    expect(() => resolveServeOptions({ explainsPerClient: 0, maxConcurrentExplains: 1.5 })).toThrow(
      /explainsPerClient must be a whole number 1-1000000 \(got 0\); maxConcurrentExplains must be a whole number 1-1000 \(got 1.5\)/,
    );
  });

  it('report every problem at once, before anything listens', () => {
    expect(() =>
      resolveServeOptions({
        port: 70000,
        maxConcurrentScans: 0,
        host: 'example.com',
        targetPorts: [0],
        apiOrigins: [],
      }),
    ).toThrow(
      /port must be a whole number 0-65535 \(got 70000\); maxConcurrentScans must be a whole number 1-1000 \(got 0\); host "example.com" is not an IP address.*; target port 0 is not 1-65535; apiOrigins is empty/,
    );
  });
});

describe('SlidingWindow', () => {
  it('counts per key over the window and says how long to wait', () => {
    const w = new SlidingWindow(60_000, 2);
    expect(w.take('a', 0)).toBeUndefined();
    expect(w.take('a', 1000)).toBeUndefined();
    expect(w.take('a', 2000)).toBe(58);
    expect(w.take('b', 2000)).toBeUndefined();
    expect(w.take('a', 60_001)).toBeUndefined(); // the first one expired
    expect(w.count('b')).toBe(1);
    w.take('c', 62_001);
    expect(w.count('b')).toBe(0); // expired keys are forgotten
  });
});
