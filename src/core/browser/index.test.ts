import { describe, expect, it } from 'vitest';
import * as browser from './index.js';

describe('corsguard/browser public surface', () => {
  it('exports the agreed functions and constants', () => {
    for (const name of [
      'corsCheck',
      'readAccess',
      'effectiveMaxAge',
      'preflightCheck',
      'isSafelistedMethod',
      'isSafelistedRequestHeader',
      'corsUnsafeRequestHeaderNames',
      'requiresPreflight',
      'readableResponseHeaders',
      'extractHeaderListValues',
      'getHeader',
      'preflightStatusCause',
    ]) {
      expect(typeof (browser as Record<string, unknown>)[name]).toBe('function');
    }
    expect(browser.DEFAULT_MAX_AGE).toBe(5);
    expect(browser.CAUSES).toContain('preflight-method');
    expect(browser.MAX_AGE_CAP.webkit).toBe(600);
    expect(browser.SAFELISTED_RESPONSE_HEADERS.has('pragma')).toBe(true);
  });
});
