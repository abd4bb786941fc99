import { afterEach, describe, expect, it, vi } from 'vitest';
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
    cause: 'acao-missing',
    check: 'acao-missing',
  } as const;
  const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => {});
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('reveals nothing to the client and logs nothing unless debug is on, but always tells onRefuse', () => {
    const warn = quiet();
    const seen: unknown[] = [];
    const core = createCorsCore(
      {
        origins: ['https://app.example.com'],
        onRefuse: (reason, req, refusal) => seen.push([reason, req, refusal]),
      },
      'x',
    );
    expect(core.refused(decision, request)).toBeNull();
    expect(seen).toEqual([
      [
        'Origin "x" is not allowed',
        request,
        {
          cause: 'acao-missing',
          stage: 'response',
          check: 'acao-missing',
          reason: 'Origin "x" is not allowed',
        },
      ],
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps a two-argument onRefuse source-compatible', () => {
    const seen: string[] = [];
    const onRefuse = (reason: string, req: { origin: string | null }) => seen.push(`${reason} ${req.origin}`);
    const core = createCorsCore({ origins: ['https://app.example.com'], onRefuse }, 'x');
    core.refused(decision, request);
    expect(seen).toEqual(['Origin "x" is not allowed x']);
  });

  it('in debug mode, puts the cause in X-CORS-Debug and logs one line with it at the server', () => {
    const warn = quiet();
    const core = createCorsCore({ origins: ['https://app.example.com'], debug: true }, 'x');
    const preflight = {
      ...decision,
      kind: 'preflight',
      reason: 'method "PUT" is not allowed (allowed: GET, HEAD, POST)',
      cause: 'acao-missing',
      check: 'preflight-method',
    } as const;
    const req = { ...request, method: 'OPTIONS', origin: 'http://localhost:3000', requestMethod: 'PUT' };
    expect(core.refused(preflight, req)).toBe(
      'acao-missing; preflight-method; method "PUT" is not allowed (allowed: GET, HEAD, POST)',
    );
    expect(core.refused(decision, request)).toBe('acao-missing; Origin "x" is not allowed');
    expect(warn.mock.calls).toEqual([
      [
        'corsguard: refused a CORS preflight for PUT from Origin "http://localhost:3000": acao-missing; preflight-method; method "PUT" is not allowed (allowed: GET, HEAD, POST)',
      ],
      ['corsguard: refused a CORS GET request from Origin "x": acao-missing; Origin "x" is not allowed'],
    ]);
  });

  it('reports nothing for a decision that refused nothing', () => {
    const warn = quiet();
    const seen: string[] = [];
    const core = createCorsCore(
      { origins: ['https://app.example.com'], debug: true, onRefuse: (r) => seen.push(r) },
      'x',
    );
    const notCors = { ...decision, kind: 'not-cors', reason: null, cause: null, check: null } as const;
    expect(core.refused(notCors, { ...request, origin: null })).toBeNull();
    expect(seen).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
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

  it('keeps the debug header and the log line short and visible ASCII whatever the attacker sent as Origin', () => {
    const warn = quiet();
    const core = createCorsCore({ origins: ['https://app.example.com'], debug: true }, 'x');
    const origin = `${'é'.repeat(100_000)}\r\nX-Forged: 1\u0000`;
    const value = core.refused({ ...decision, reason: `Origin "${origin}" is bad` }, { ...request, origin });
    expect(value?.length).toBe('acao-missing; '.length + 303);
    expect(value?.endsWith('...')).toBe(true);
    expect(value).not.toMatch(/[^\x20-\x7e]/);
    const line = String(warn.mock.calls[0]?.[0]);
    expect(line.length).toBeLessThan(600);
    expect(line).not.toMatch(/[^\x20-\x7e]/);
  });
});
