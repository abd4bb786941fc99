import type { Finding, Severity, TargetResult } from '../types.js';

/** A finding as the scanner reports it, with redacted evidence. */
export function finding(severity: Severity, overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'origin-reflected',
    severity,
    title: 'Any origin is allowed: the server reflects the Origin header',
    credentialed: severity === 'critical',
    origin: 'https://evil.example',
    origins: ['https://evil.example', 'https://other.example'],
    evidence: [
      {
        request: {
          method: 'GET',
          url: 'https://api.example.com/me',
          headers: { origin: 'https://evil.example', cookie: '[redacted]', authorization: '[redacted]' },
        },
        response: {
          status: 200,
          headers: [
            ['access-control-allow-origin', 'https://evil.example'],
            ['access-control-allow-credentials', 'true'],
            ['set-cookie', 'session=[redacted]; Path=/; Secure'],
          ],
        },
      },
    ],
    explanation: 'The server copies whatever Origin it receives into Access-Control-Allow-Origin.',
    remediation: 'Compare the Origin header with an explicit allowlist.',
    ...overrides,
  };
}

/** A scanned target. */
export function target(
  url: string,
  findings: readonly Finding[] = [],
  extra: Partial<TargetResult> = {},
): TargetResult {
  return { url, requests: 10, durationMs: 5, findings, notes: [], ...extra };
}

/** A target that could not be scanned. */
export function failed(url: string, code = 'CONNECTION_REFUSED'): TargetResult {
  return target(url, [], { requests: 1, error: { code, message: `connect ${code}` } });
}
