import { describe, expect, it } from 'vitest';
import {
  FAMILY_FINDING,
  FINDING_IDS,
  FINDINGS,
  flat,
  mapFindings,
  SEVERITIES,
  worstSeverity,
} from './index.js';

const CONTEXTS = [true, false].map((credentialed) => ({
  origin: 'https://evil.example',
  url: 'https://api.example/',
  credentialed,
}));

describe('the finding registry', () => {
  it('has kebab-case ids', () => {
    for (const id of FINDING_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every id a title, wording, docs text, explanation, fix, recommendation and a positive modifier', () => {
    for (const id of FINDING_IDS) {
      const d = FINDINGS[id];
      for (const text of [
        d.title,
        d.remediation,
        d.score.recommendation,
        d.wording.serverDoes,
        d.wording.who,
      ])
        expect(text.trim(), id).not.toBe('');
      expect(d.docs.does.trim(), id).not.toBe('');
      for (const c of CONTEXTS) expect(d.explain(c).trim(), id).not.toBe('');
      expect(Number.isInteger(d.score.modifier) && d.score.modifier > 0, id).toBe(true);
      for (const s of Object.values(d.severity)) expect(SEVERITIES, id).toContain(s);
    }
  });

  it('names a distinct lab endpoint path for every id', () => {
    const paths = FINDING_IDS.map((id) => FINDINGS[id].lab);
    for (const p of paths) expect(p).toMatch(/^\/[a-z0-9-]+$/);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('gives a probe family to at most one id, and the arbitrary origin alone the first stage', () => {
    const families = FINDING_IDS.flatMap((id) => {
      const s = FINDINGS[id].source;
      return 'family' in s ? [s.family] : [];
    });
    expect(new Set(families).size).toBe(families.length);
    for (const id of FINDING_IDS) {
      const s = FINDINGS[id].source;
      if ('family' in s) expect(s.stage === 1, id).toBe(s.family === 'arbitrary');
      else expect(s.analyzer, id).toMatch(/^(analyze|scan)[A-Z]\w+$/);
    }
  });

  it('demonstrates a read for every probe-family finding, a WebSocket only for the WebSocket scan', () => {
    for (const id of FINDING_IDS) {
      const { source, demonstrates } = FINDINGS[id];
      if ('family' in source) expect(demonstrates, id).toBe('read');
      expect(demonstrates === 'websocket', id).toBe(
        'analyzer' in source && source.analyzer === 'scanWebSocket',
      );
    }
  });
});

describe('FAMILY_FINDING', () => {
  it('maps every registry family to its id and discovery to null', () => {
    expect(FAMILY_FINDING.discovery).toBeNull();
    for (const [family, id] of Object.entries(FAMILY_FINDING)) {
      if (id === null) continue;
      expect(FINDINGS[id].source, family).toMatchObject({ family });
    }
    const probeIds = FINDING_IDS.filter((id) => 'family' in FINDINGS[id].source);
    expect(Object.values(FAMILY_FINDING).filter((id) => id !== null)).toEqual(probeIds);
  });
});

describe('worstSeverity and flat', () => {
  it('takes the most severe of the three cases', () => {
    expect(worstSeverity({ credentialed: 'critical', anonymous: 'low', unreadable: 'info' })).toBe(
      'critical',
    );
    expect(worstSeverity({ credentialed: 'low', anonymous: 'high', unreadable: 'info' })).toBe('high');
    expect(worstSeverity(flat('info'))).toBe('info');
  });
});

describe('mapFindings', () => {
  it('returns one value per id, in registry order', () => {
    const titles = mapFindings((d, id) => `${id}: ${d.title}`);
    expect(Object.keys(titles)).toEqual([...FINDING_IDS]);
    expect(titles['null-origin-allowed']).toBe('null-origin-allowed: The null origin is allowed');
  });
});
