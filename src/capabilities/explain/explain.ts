import { isCookieSameSite, originOfUrl, tryParseOrigin } from '../../core/origin/index.js';
import type { Evidence, Finding } from '../scan/index.js';
import { type Exploitability, exploitability, readEvidence } from './exploitability.js';
import { WORDING } from './wording.js';

/** How sure corsguard is, and why. */
export interface Certainty {
  /** `confirmed`: the browser model accepts the very response we received; `observed`: the header was seen, the impact depends on context. */
  readonly level: 'confirmed' | 'observed';
  readonly text: string;
}

/** One exchange as display lines: the request line and headers, the status and headers. */
export interface EvidenceLines {
  readonly request: readonly string[];
  readonly response: readonly string[];
}

/** A finding explained in plain language, as data: every output format renders it its own way. */
export interface Explanation {
  readonly title: string;
  /** What the server does. */
  readonly serverDoes: string;
  /** What an attacker can do: which origin, which data, with or without the victim's cookies. */
  readonly attackerCan: string;
  readonly certainty: Certainty;
  readonly exploitability: Exploitability;
  /** The exact requests and responses (secrets already redacted by the scanner). */
  readonly evidence: readonly EvidenceLines[];
}

/**
 * Formats one evidence exchange as lines of text.
 *
 * @example
 * ```ts
 * evidenceLines(e).request;  // ['GET https://api.example.com/me', 'origin: https://k3v9x2mq.invalid']
 * evidenceLines(e).response; // ['HTTP 200', 'access-control-allow-origin: https://k3v9x2mq.invalid', …]
 * ```
 */
export function evidenceLines(e: Evidence): EvidenceLines {
  return {
    request: [
      `${e.request.method} ${e.request.url}`,
      ...Object.entries(e.request.headers).map(([k, v]) => `${k}: ${v}`),
    ],
    response: [`HTTP ${e.response.status}`, ...e.response.headers.map(([k, v]) => `${k}: ${v}`)],
  };
}

function attackerCan(f: Finding, how: Exploitability, url: string): string {
  const who = WORDING[f.id].who.replaceAll('{origin}', f.origin);
  switch (how) {
    case 'credentialed':
      return `A page hosted by ${who} can call ${url} with the victim's cookies and read the answers: whatever a logged-in user sees there (profile, tokens, private data) is exposed to the attacker as soon as the victim visits that page.`;
    case 'anonymous':
      return `A page hosted by ${who} can read the answers of ${url}, but without the victim's cookies: data that needs no login, or that is only protected by where the request comes from (office network, VPN, IP allowlist), is exposed.`;
    case 'websocket':
      return `A page hosted by ${who} can open the WebSocket as the logged-in victim, read every message the server sends and send messages in the victim's name.`;
    case 'none':
      return `Exploiting this needs ${who}. No page can read responses through this alone today, but it weakens the protection and is often one step away from a real leak.`;
  }
}

/**
 * Which browsers send the victim's cookies on the credentialed request, by where the attacker's page is.
 * Same-site (schemeful, RFC 6265bis §5.2): cookies go in every browser, SameSite=Lax ones included, and
 * third-party-cookie blocking does not apply. Cross-site: only a SameSite=None cookie, and only in a
 * browser that still sends third-party cookies — Chrome and Edge by default (Google kept them, 2025);
 * Safari blocks them by default (ITP, full blocking since Safari 13.1, 2020); Firefox partitions them
 * (Total Cookie Protection, default since June 2022), so there the read has no victim session.
 */
function cookieReach(f: Finding, url: string): string {
  const origin = tryParseOrigin(f.origin);
  let target: ReturnType<typeof originOfUrl> | undefined;
  try {
    target = originOfUrl(url.replace(/^ws/, 'http'));
  } catch {
    target = undefined;
  }
  return origin && target && isCookieSameSite(origin, target)
    ? `${f.origin} is same-site with the endpoint, so the victim's cookies go with its requests in every browser (SameSite=Lax cookies too; third-party-cookie blocking does not apply): the read works in every current browser.`
    : `${f.origin} is cross-site, so the victim's cookies go with its requests only when they are SameSite=None and the browser still sends third-party cookies: Chrome and Edge do by default; Safari (blocks third-party cookies by default since 2020) and Firefox (Total Cookie Protection, default since 2022) do not, and private windows do not, so there the same read works only without the victim's session.`;
}

function certaintyOf(f: Finding, how: Exploitability, url: string): Certainty {
  const ev = readEvidence(f) ?? f.evidence[0];
  const sent = ev ? `We sent ${ev.request.method} with Origin: ${ev.request.headers.origin ?? '(none)'}` : '';
  const cors = ev
    ? ev.response.headers
        .filter(([k]) => k.startsWith('access-control-'))
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
    : '';
  const got = ev
    ? `and got HTTP ${ev.response.status}${cors ? ` with ${cors}` : ' without CORS headers'}`
    : '';
  switch (how) {
    case 'credentialed':
      return {
        level: 'confirmed',
        text: `${sent} ${got}. A browser's CORS check (Fetch standard) accepts this exact response for a request with cookies. ${cookieReach(f, url)}`,
      };
    case 'anonymous':
      return {
        level: 'confirmed',
        text: `${sent} ${got}. A browser's CORS check accepts this exact response for a request without cookies (and refuses it with cookies).`,
      };
    case 'websocket':
      return {
        level: 'confirmed',
        text: `${sent} and the WebSocket handshake succeeded (HTTP 101 Switching Protocols).`,
      };
    case 'none':
      return {
        level: 'observed',
        text: ev
          ? `${sent} ${got}. The weakness is visible in these headers; whether it leaks data depends on the rest of the configuration.`
          : 'Seen in the responses of this scan.',
      };
  }
}

/**
 * Explains a finding for a non-specialist: what the server does, what an attacker can do (the concrete
 * origin, which data, with or without cookies) and how sure we are (the exact exchange).
 *
 * @example
 * ```ts
 * const e = explainFinding(finding, 'https://api.example.com/me');
 * e.attackerCan; // 'A page hosted by any website at all (we used the made-up https://k3v9x2mq.invalid) can call …'
 * ```
 */
export function explainFinding(finding: Finding, url: string): Explanation {
  const how = exploitability(finding);
  return {
    title: finding.title,
    serverDoes: `The server ${WORDING[finding.id].serverDoes}.`,
    attackerCan: attackerCan(finding, how, url),
    certainty: certaintyOf(finding, how, url),
    exploitability: how,
    evidence: finding.evidence.map(evidenceLines),
  };
}
