import { describe, expect, it } from 'vitest';
import { EXIT } from '../../outputs/kit/index.js';
import { runScan, scanStream } from './index.js';

class Buffer {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('runScan', () => {
  it('scans the lab, writes the requested reports and returns the summary and exit code', async () => {
    const json = new Buffer();
    const jsonl = new Buffer();
    const seen: string[] = [];
    const outcome = await runScan([], {
      lab: true,
      reports: [
        { format: 'json', sink: json },
        { format: 'jsonl', sink: jsonl },
      ],
      version: '9.9.9',
      keepTargets: true,
      pocs: true,
      observer: { afterReport: ({ reported }) => seen.push(reported.url) },
    });
    expect(outcome.exitCode).toBe(EXIT.findings);
    expect(outcome.summary.targets).toBe(outcome.targets.length);
    expect(seen).toEqual(outcome.targets.map((t) => t.url));
    expect(outcome.pocs.length).toBeGreaterThan(0);
    const doc = JSON.parse(json.text);
    expect(doc.tool).toEqual({ name: 'corsguard', version: '9.9.9' });
    expect(doc.targets).toHaveLength(outcome.summary.targets);
    expect(doc.summary.failing).toBe(outcome.summary.failing);
    expect(jsonl.text.trim().split('\n')).toHaveLength(outcome.summary.targets);
  }, 60_000);
});

describe('scanStream', () => {
  it('streams graded targets without keeping them, and exits 3 when a target cannot be scanned', async () => {
    const stream = scanStream(['http://127.0.0.1:1/'], { scan: { timeoutMs: 2000 } });
    expect(stream.total).toBe(1);
    const got = [];
    for await (const { result, reported } of stream) {
      expect(reported.url).toBe(result.url);
      expect(reported.grade).toBeNull();
      got.push(reported.error?.code);
    }
    expect(got).toEqual(['CONNECTION_REFUSED']);
    expect(stream.summary.errors).toBe(1);
    expect(stream.exitCode()).toBe(EXIT.targetError);
  });
});
