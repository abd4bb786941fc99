import { describe, expect, it } from 'vitest';
import { corsCheck, readAccess } from './cors-check.js';

const O = 'https://app.example';

describe('corsCheck', () => {
  it('reports each failure with a detail naming the offending value', () => {
    const r = corsCheck({
      origin: O,
      credentials: 'omit',
      headers: [['Access-Control-Allow-Origin', `${O}/`]],
    });
    expect(r).toEqual({ ok: false, failure: 'origin-mismatch', detail: expect.stringContaining(`"${O}/"`) });
  });
  it('accepts an origin containing a comma when ACAO echoes it exactly (compare before classifying)', () => {
    const odd = 'https://a,b.example';
    expect(
      corsCheck({ origin: odd, credentials: 'omit', headers: [['access-control-allow-origin', odd]] }).ok,
    ).toBe(true);
  });
  it('says * with credentials rather than mismatch', () => {
    const r = corsCheck({
      origin: O,
      credentials: 'include',
      headers: [['Access-Control-Allow-Origin', '*']],
    });
    expect(r.ok ? null : r.failure).toBe('wildcard-with-credentials');
  });
  it('distinguishes an absent ACAC from a wrong one in the detail', () => {
    const absent = corsCheck({
      origin: O,
      credentials: 'include',
      headers: [['Access-Control-Allow-Origin', O]],
    });
    const wrong = corsCheck({
      origin: O,
      credentials: 'include',
      headers: [
        ['Access-Control-Allow-Origin', O],
        ['Access-Control-Allow-Credentials', 'True'],
      ],
    });
    expect(absent.ok ? '' : absent.detail).toMatch(/no Access-Control-Allow-Credentials/);
    expect(wrong.ok ? '' : wrong.detail).toMatch(/"True"/);
  });
});

describe('readAccess', () => {
  it('reports * as readable only without credentials', () => {
    expect(readAccess(O, [['Access-Control-Allow-Origin', '*']])).toEqual({
      withCredentials: false,
      withoutCredentials: true,
    });
  });
  it('reports a reflected origin with ACAC true as readable both ways', () => {
    expect(
      readAccess(O, [
        ['Access-Control-Allow-Origin', O],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
    ).toEqual({ withCredentials: true, withoutCredentials: true });
  });
  it('reports nothing readable without ACAO', () => {
    expect(readAccess(O, [])).toEqual({ withCredentials: false, withoutCredentials: false });
  });
});
