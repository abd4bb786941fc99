import { describe, expect, it } from 'vitest';
import { preflightStatusCause } from './index.js';

describe('preflightStatusCause (Fetch §4.7 CORS-preflight fetch step 7)', () => {
  it.each([
    [200, null],
    [204, null],
    [299, null],
    [300, 'preflight-redirect'],
    [302, 'preflight-redirect'],
    [399, 'preflight-redirect'],
    [199, 'preflight-status'],
    [400, 'preflight-status'],
    [403, 'preflight-status'],
    [599, 'preflight-status'],
  ] as const)('reads status %i as %s', (status, cause) => {
    expect(preflightStatusCause(status)).toBe(cause);
  });
});
