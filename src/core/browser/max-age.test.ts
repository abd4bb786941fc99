import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_AGE, effectiveMaxAge, MAX_AGE_CAP } from './max-age.js';

describe('effectiveMaxAge', () => {
  it('uses the spec (uncapped) by default', () => {
    expect(effectiveMaxAge('999999')).toBe(999999);
    expect(MAX_AGE_CAP.spec).toBe(Number.POSITIVE_INFINITY);
  });
  it('falls back to 5 for absent, empty, signed, fractional or padded-garbage values', () => {
    for (const v of [null, '', '+5', '1.5', '1e3', '10s', '0x10', '- 1', '--1', '١٢']) {
      expect(effectiveMaxAge(v, 'firefox')).toBe(DEFAULT_MAX_AGE);
    }
  });
  it('treats any negative integer as 0', () => {
    expect(effectiveMaxAge('-600', 'webkit')).toBe(0);
  });
  it('caps huge values per UA without overflowing', () => {
    expect(effectiveMaxAge('9'.repeat(400), 'chromium')).toBe(7200);
    expect(effectiveMaxAge('00000600', 'webkit')).toBe(600);
    expect(MAX_AGE_CAP).toEqual({
      spec: Number.POSITIVE_INFINITY,
      chromium: 7200,
      firefox: 86400,
      webkit: 600,
    });
  });
});
