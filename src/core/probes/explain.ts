import { hostSite, isLocal, splitOriginLoosely as splitOrigin } from '../origin/index.js';
import type { Probe } from './probe.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a root cause already demonstrated by `hit` would also let `origin` through, so that
 * probing `origin` can teach nothing new (the scanner skips it). Each family's hypothesis is the
 * simplest faulty rule that explains it:
 * arbitrary → any origin; substring → contains the registrable domain; prefix → starts with the trusted origin;
 * suffix → host ends with the registrable domain; subdomain → host ends with `.rd`;
 * unescaped-dot → the trusted origin read as a regex; special-char → trusted origin then a non-host
 * character; localhost → any local host; third-party → any host on that suffix.
 *
 * @example
 * ```ts
 * const hit = { family: 'suffix', origin: 'https://xvictim.com', basedOn: 'victim.com' } as const;
 * explains(hit, 'https://appxvictim.com'); // true: an endsWith('victim.com') check lets it through too
 * ```
 */
export function explains(hit: Probe, origin: string): boolean {
  const base = hit.basedOn ?? '';
  const { scheme, host, port } = splitOrigin(origin);
  switch (hit.family) {
    case 'arbitrary':
      return true;
    case 'null':
      return origin === 'null';
    case 'substring': {
      // The simplest rule that passes `https://<r>app.victim.com.<attacker>`: the origin contains the
      // registrable domain (includes('victim.com') or an unanchored /victim\.com/).
      const baseHost = splitOrigin(base).host;
      return base !== '' && origin.includes(hostSite(baseHost).registrableDomain ?? baseHost);
    }
    case 'prefix':
      return base !== '' && origin.startsWith(base);
    case 'suffix':
      return base !== '' && host.endsWith(base);
    case 'subdomain':
      return base !== '' && host.endsWith(`.${base}`);
    case 'unescaped-dot': {
      if (base === '') return false;
      const pattern = `^${escapeRegExp(base).replace(/\\\./g, '.')}$`;
      return new RegExp(pattern, 's').test(origin);
    }
    case 'special-char':
      return base !== '' && origin.startsWith(base) && /^[^a-z0-9.:-]/i.test(origin.slice(base.length));
    case 'insecure-scheme':
      return origin === hit.origin;
    case 'port': {
      const b = splitOrigin(base);
      return scheme === b.scheme && host === b.host && port !== b.port;
    }
    case 'localhost':
      return scheme !== '' && isLocal(host);
    case 'third-party':
      return base !== '' && host.endsWith(`.${base}`);
    case 'discovery':
    case 'combined':
      return origin === hit.origin;
  }
}
