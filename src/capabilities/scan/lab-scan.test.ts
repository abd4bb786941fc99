import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_IDS, FINDINGS } from '../../core/findings/index.js';
import type { Lab } from '../lab/index.js';
import { startLab } from '../lab/index.js';
import { Engine } from './engine/http-client.js';
import { scanTarget } from './scan-target.js';
import { type Finding, type FindingId, SEVERITIES, type TargetResult } from './types.js';

let lab: Lab;
let engine: Engine;
const results = new Map<string, TargetResult>();

beforeAll(async () => {
  lab = await startLab();
  engine = new Engine({ resolve: lab.resolve, insecure: true });
  const scanned = await Promise.all(
    lab.targets.map(async (t) => {
      const result = await scanTarget(t.url, { resolve: lab.resolve, insecure: true }, engine);
      return [t.endpoint.path, result] as const;
    }),
  );
  for (const [path, result] of scanned) results.set(path, result);
});

afterAll(async () => {
  await engine.close();
  await lab.close();
});

function resultFor(path: string): TargetResult {
  const r = results.get(path);
  if (!r) throw new Error(`no scan result for ${path}`);
  return r;
}

function finding(path: string, id: FindingId): Finding {
  const f = resultFor(path).findings.find((x) => x.id === id);
  if (!f)
    throw new Error(
      `${path}: no ${id} finding (got ${resultFor(path)
        .findings.map((x) => x.id)
        .join(', ')})`,
    );
  return f;
}

describe('scanning the lab end to end', () => {
  it('scans every lab endpoint without a network error', () => {
    expect(results.size).toBe(lab.targets.length);
    for (const { endpoint } of lab.targets)
      expect(resultFor(endpoint.path).error, endpoint.path).toBeUndefined();
  });

  it('reports exactly the expected finding ids for every endpoint, no more and no less', () => {
    for (const { endpoint, url } of lab.targets) {
      const r = resultFor(endpoint.path);
      expect(r.url).toBe(url);
      expect(new Set(r.findings.map((f) => f.id)), endpoint.path).toEqual(new Set(endpoint.expect));
    }
  });

  it('reports every registry id when scanning the lab endpoint its registry entry names', () => {
    for (const id of FINDING_IDS) {
      const ids = results.get(FINDINGS[id].lab)?.findings.map((f) => f.id);
      expect(ids, `${id}: no lab endpoint ${FINDINGS[id].lab}, or its scan misses the id`).toContain(id);
    }
  });

  it('reports nothing at all for the correctly configured endpoints', () => {
    const correct = lab.targets.filter((t) => t.endpoint.expect.length === 0);
    expect(correct.map((t) => t.endpoint.path).sort()).toEqual(['/safe', '/safe-public-read', '/ws-safe']);
    for (const { endpoint } of correct) expect(resultFor(endpoint.path).findings, endpoint.path).toEqual([]);
  });

  it('every finding honours the JSON contract', () => {
    for (const [path, r] of results) {
      for (const f of r.findings) {
        const where = `${path} ${f.id}`;
        expect(typeof f.id, where).toBe('string');
        expect(SEVERITIES, where).toContain(f.severity);
        expect(typeof f.credentialed, where).toBe('boolean');
        expect(typeof f.origin, where).toBe('string');
        expect(f.origin.length, where).toBeGreaterThan(0);
        expect(f.origins, where).toContain(f.origin);
        expect(f.title.trim(), where).not.toBe('');
        expect(f.explanation.trim(), where).not.toBe('');
        expect(f.remediation.trim(), where).not.toBe('');
        expect(f.evidence.length, where).toBeGreaterThan(0);
        for (const e of f.evidence) {
          expect(typeof e.request.method, where).toBe('string');
          expect(e.request.url, where).toBe(r.url);
          expect(typeof e.request.headers, where).toBe('object');
          expect(Number.isInteger(e.response.status), where).toBe(true);
          expect(Array.isArray(e.response.headers), where).toBe(true);
        }
      }
    }
  });

  it('sorts each target findings from most to least severe', () => {
    for (const [path, r] of results) {
      const ranks = r.findings.map((f) => SEVERITIES.indexOf(f.severity));
      expect(ranks, path).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('a reflected origin with credentials is critical and credentialed', () => {
    const f = finding('/reflect', 'origin-reflected');
    expect(f.severity).toBe('critical');
    expect(f.credentialed).toBe(true);
    expect(f.origin).toMatch(/^https:\/\/[a-z][a-z0-9]{7}\.invalid$/);
  });

  it('wildcard with credentials is not credentialed (browsers refuse * with credentials)', () => {
    const f = finding('/wildcard-credentials', 'wildcard-with-credentials');
    expect(f.credentialed).toBe(false);
  });

  it('trusting every subdomain is medium', () => {
    const f = finding('/subdomain', 'subdomain-trusted');
    expect(f.severity).toBe('medium');
    expect(f.credentialed).toBe(true);
  });

  it.each<[string, FindingId]>([
    ['/prefix', 'prefix-match-bypass'],
    ['/suffix', 'suffix-match-bypass'],
    ['/substring', 'substring-match-bypass'],
    ['/unescaped-dot', 'unescaped-dot-bypass'],
    ['/special-char', 'special-char-bypass'],
    ['/null', 'null-origin-allowed'],
  ])('%s: an attacker-registrable origin with credentials is critical', (path, id) => {
    const f = finding(path, id);
    expect(f.severity).toBe('critical');
    expect(f.credentialed).toBe(true);
  });

  it('a cross-site WebSocket hijack is high', () => {
    expect(finding('/ws', 'websocket-origin-unchecked').severity).toBe('high');
  });

  it('finds /reflect with at most 5 requests: a reflected origin explains every other origin probe', () => {
    const r = resultFor('/reflect');
    expect(r.requests).toBeLessThanOrEqual(5);
  });

  it('finds /ws with at most three handshakes (two discovery candidates go with the first)', () => {
    expect(resultFor('/ws').requests).toBeLessThanOrEqual(3);
  });

  it('never puts the lab cookie value in the report', () => {
    const json = JSON.stringify(resultFor('/samesite-none'));
    expect(json).not.toContain('abc123');
    expect(json).toContain('session=[redacted]');
  });
});
