import { describe, expect, it } from 'vitest';
import { corsCheck } from './cors-check.js';
import { effectiveMaxAge } from './max-age.js';
import { preflightCheck } from './preflight.js';
import { readableResponseHeaders } from './response-headers.js';
import { requiresPreflight } from './safelist.js';
import { CASES, type Case, type Verdict } from './test-support/cases.js';
import type { CheckResult } from './types.js';

function verdict(result: CheckResult): Verdict {
  return result.ok ? true : result.failure;
}

function run(row: Case): unknown {
  switch (row.kind) {
    case 'cors':
      return verdict(corsCheck({ origin: row.origin, credentials: row.credentials, headers: row.headers }));
    case 'preflight':
      return verdict(preflightCheck(row.request, { status: row.status, headers: row.headers }).result);
    case 'needs-preflight':
      return requiresPreflight(row.method, row.headers);
    case 'max-age':
      return effectiveMaxAge(row.value, row.ua);
    case 'exposed':
      return readableResponseHeaders(row.headers, row.credentials);
  }
}

describe('behaviour table', () => {
  it('has at least 60 rows, each with a unique name and a citation', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((row) => row.name)).size).toBe(CASES.length);
    for (const row of CASES)
      expect(row.cite).toMatch(/^(Fetch §|wpt: |PNA |MDN |Chromium |Firefox |WebKit )/);
  });

  it.each(CASES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(run(row)).toEqual(row.expect);
  });
});
