import { getHeader } from '../../../core/browser/index.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding } from '../types.js';
import type { HttpScanData } from './scan-data.js';

/** Whether a Vary header value covers Origin (`Origin` token, any case, or `*`). */
export function varyCoversOrigin(vary: string | null): boolean {
  if (vary === null) return false;
  return vary.split(',').some((t) => {
    const token = t.trim().toLowerCase();
    return token === 'origin' || token === '*';
  });
}

/**
 * `vary-origin-missing`: the Access-Control-Allow-Origin answer changes with the request's Origin (a
 * specific origin is echoed, and another request got a different answer), yet a response carrying a
 * specific origin has no `Vary: Origin`. A fixed ACAO that never changes needs no Vary.
 */
export function analyzeVary(data: HttpScanData): Finding[] {
  const exchanges = [...(data.baseline ? [data.baseline] : []), ...data.simple.map((o) => o.exchange)];
  const values = new Set(exchanges.map((ex) => getHeader(ex.headers, 'access-control-allow-origin') ?? ''));
  if (values.size < 2) return [];
  const offender = data.simple.find((o) => {
    const acao = getHeader(o.exchange.headers, 'access-control-allow-origin');
    return acao !== null && acao !== '*' && !varyCoversOrigin(getHeader(o.exchange.headers, 'vary'));
  });
  if (!offender) return [];
  return [
    makeFinding('vary-origin-missing', {
      url: data.url,
      origin: offender.probe.origin,
      access: 'anonymous',
      exchanges: [offender.exchange],
    }),
  ];
}
