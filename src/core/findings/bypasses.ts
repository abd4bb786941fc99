import type { FindingDefinition } from './definition.js';
import { ALLOWLIST, ALLOWLIST_FIX, ATTACKER_READ, read } from './shared.js';

/** Findings where a broken origin comparison lets an attacker-registrable domain through. */
export const BYPASS_FINDINGS = {
  'prefix-match-bypass': {
    title: 'Origin check only looks at the beginning of the Origin (prefix match)',
    source: { family: 'prefix', stage: 3 },
    severity: ATTACKER_READ,
    score: {
      modifier: 55,
      recommendation: `Stop matching the beginning of the Origin (startsWith). ${ALLOWLIST}`,
    },
    wording: {
      serverDoes: 'only checks that the Origin starts with a trusted origin',
      who: 'anyone who registers a domain that starts with your host name, like {origin}',
    },
    docs: { does: 'allows `https://victim.com.attacker.tld`' },
    explain: (c) =>
      `The server accepted ${c.origin}: it checks that the Origin starts with a trusted origin, so an attacker registers a domain such as trusted-host.attacker.example. Through such a domain ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
    demonstrates: 'read',
    lab: '/prefix',
  },
  'suffix-match-bypass': {
    title: 'Origin check only looks at the end of the Origin (suffix match)',
    source: { family: 'suffix', stage: 3 },
    severity: ATTACKER_READ,
    score: {
      modifier: 55,
      recommendation: `Stop matching the end of the Origin (endsWith) without a leading dot. ${ALLOWLIST}`,
    },
    wording: {
      serverDoes: 'only checks that the Origin ends with your domain name, without requiring a dot in front',
      who: 'anyone who registers a domain that ends with your name, like {origin}',
    },
    docs: { does: 'allows `https://attackervictim.com`' },
    explain: (c) =>
      `The server accepted ${c.origin}: it checks that the host ends with the trusted domain name without requiring a dot before it, so an attacker registers a domain like attackervictim.com. Through such a domain ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
    demonstrates: 'read',
    lab: '/suffix',
  },
  'substring-match-bypass': {
    title: 'Origin check only looks for the trusted host anywhere in the Origin (substring match)',
    source: { family: 'substring', stage: 2 },
    severity: ATTACKER_READ,
    score: {
      modifier: 55,
      recommendation: `Stop searching the Origin for the trusted name (includes, indexOf, unanchored regex). ${ALLOWLIST}`,
    },
    wording: {
      serverDoes: 'only checks that your host name appears somewhere in the Origin',
      who: 'anyone who registers a domain containing your host name, like {origin}',
    },
    docs: { does: 'allows origins containing the trusted domain anywhere' },
    explain: (c) =>
      `The server accepted ${c.origin}: it only checks that the trusted host name appears somewhere in the Origin (includes/indexOf or an unanchored regex). An attacker puts that name inside a domain they own, and ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
    demonstrates: 'read',
    lab: '/substring',
  },
  'unescaped-dot-bypass': {
    title: 'Origin regex has an unescaped dot',
    source: { family: 'unescaped-dot', stage: 4 },
    severity: ATTACKER_READ,
    score: {
      modifier: 50,
      recommendation: 'Escape the dots in the origin regex and anchor it, or use an exact allowlist.',
    },
    wording: {
      serverDoes:
        'matches the Origin with a regular expression whose dots are not escaped (a dot matches any character)',
      who: 'anyone who registers the look-alike domain {origin}',
    },
    docs: { does: 'allows `https://apixvictim.com` for trusted `api.victim.com`' },
    explain: (c) =>
      `The server accepted ${c.origin}: its origin regular expression contains a "." that is not escaped, and "." matches any character, so an attacker registers the look-alike domain and ${read(c)}.`,
    remediation: `Escape every dot in origin patterns (\\.), anchor them with ^ and $, or better, drop the regex for an exact allowlist. ${ALLOWLIST_FIX}`,
    demonstrates: 'read',
    lab: '/unescaped-dot',
  },
  'special-char-bypass': {
    title: 'Origin check is fooled by special characters in the host',
    source: { family: 'special-char', stage: 3 },
    severity: ATTACKER_READ,
    score: { modifier: 50, recommendation: `Stop parsing the Origin by hand. ${ALLOWLIST}` },
    wording: {
      serverDoes:
        'stops reading the Origin host at a character like _ or ` that browsers allow in host names',
      who: 'anyone who registers a domain such as {origin}',
    },
    docs: { does: 'allows `https://victim.com_.attacker.tld`, backtick and similar' },
    explain: (c) =>
      `The server accepted ${c.origin}: it stops reading the host name at a character such as _ or \` that browsers allow in host names, so it sees a trusted host where the browser sees the attacker's domain. Through such a domain ${read(c)}.`,
    remediation: `Do not parse the Origin by hand. ${ALLOWLIST_FIX}`,
    demonstrates: 'read',
    lab: '/special-char',
  },
} as const satisfies Record<string, FindingDefinition>;
