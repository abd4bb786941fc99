import { describe, expect, it } from 'vitest';
import { createCorsCore, mergeVary } from './core.js';

describe('mergeVary', () => {
  it.each([
    [null, 'Origin', 'Origin'],
    ['', 'Origin', 'Origin'],
    ['Accept-Encoding', 'Origin', 'Accept-Encoding, Origin'],
    ['origin', 'Origin', 'origin'],
    ['Accept, ORIGIN', 'Origin', 'Accept, ORIGIN'],
    ['*', 'Origin', '*'],
    ['Accept, *', 'Origin', '*'],
    ['Accept,,', 'Origin', 'Accept,,, Origin'],
    ['Origin', 'Origin, Access-Control-Request-Method', 'Origin, Access-Control-Request-Method'],
  ])('merges %j with %j into %j', (existing, add, expected) => {
    expect(mergeVary(existing, add)).toBe(expected);
  });
});

describe('refusal reporting', () => {
  const request = {
    method: 'GET',
    origin: 'x',
    requestMethod: null,
    requestHeaders: null,
    requestPrivateNetwork: null,
  };
  const decision = {
    kind: 'actual',
    allowed: false,
    headers: [],
    vary: 'Origin',
    reason: 'Origin "x" is not allowed',
  } as const;

  it('reveals nothing to the client unless debug is on, but always tells onRefuse', () => {
    const seen: string[] = [];
    const core = createCorsCore(
      { origins: ['https://app.example.com'], onRefuse: (reason) => seen.push(reason) },
      'x',
    );
    expect(core.refused(decision, request)).toBeNull();
    expect(seen).toEqual(['Origin "x" is not allowed']);
  });

  it('never lets a throwing onRefuse turn a refusal into an error', () => {
    const core = createCorsCore(
      {
        origins: ['https://app.example.com'],
        onRefuse: () => {
          throw new Error('logger down');
        },
      },
      'x',
    );
    expect(() => core.refused(decision, request)).not.toThrow();
  });

  it('keeps the debug header short and visible ASCII whatever the attacker sent as Origin', () => {
    const core = createCorsCore({ origins: ['https://app.example.com'], debug: true }, 'x');
    const value = core.refused(
      { ...decision, reason: `Origin "${'é'.repeat(100_000)}\u0000" is bad` },
      request,
    );
    expect(value?.length).toBe(303);
    expect(value?.endsWith('...')).toBe(true);
    expect(value).not.toMatch(/[^\x20-\x7e]/);
  });
});
