/**
 * The attacker-origin languages, written as regex sources that refa parses (no hand-built automata).
 * Each source denotes exactly the words it matches in full (no anchors: refa reads an expression as a
 * whole-word language). Hosts are lowercase LDH labels (what a browser serialises in `Origin`), at least two labels, the last
 * one letters only (a TLD-shaped label), optional port.
 */

const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const TLD = '[a-z]{2,}';
const PORT = '(?::[1-9][0-9]{0,4})?';
/** Any origin host of the searched shape. */
export const HOST = `(?:${LABEL}\\.)+${TLD}`;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Origins on the trusted site (the domain itself or any subdomain) with one of the trusted schemes. */
export function sameSiteSource(domain: string, schemes: readonly string[]): string {
  return `(?:${schemes.join('|')})://(?:${LABEL}\\.)*${escapeRegex(domain)}${PORT}`;
}

/** Every origin of the searched shape with the given scheme. */
export function anyOriginSource(scheme: string): string {
  return `${scheme}://${HOST}${PORT}`;
}

/** A readable shape an attacker registers, tried before the general language so counterexamples read well. */
export interface AttackerShape {
  readonly name: string;
  readonly source: string;
}

/** The readable cross-site shapes for `domain` over `scheme`, in order of preference. */
export function readableShapes(domain: string, scheme: string): AttackerShape[] {
  const d = escapeRegex(domain);
  return [
    { name: 'suffix', source: `${scheme}://(?:${LABEL}\\.)*${d}\\.(?:${LABEL}\\.)*${LABEL}\\.com` },
    { name: 'prefix', source: `${scheme}://(?:${LABEL}\\.)*[a-z0-9][a-z0-9-]*${d}` },
    { name: 'lookalike', source: `${scheme}://(?:${LABEL}\\.)*${lookalikes(domain)}` },
  ];
}

/** The domain with one of its dots replaced by an LDH character (the unescaped-dot bug), as a regex. */
function lookalikes(domain: string): string {
  const alts: string[] = [];
  for (let i = 0; i < domain.length; i++) {
    if (domain[i] === '.')
      alts.push(`${escapeRegex(domain.slice(0, i))}[a-z0-9-]${escapeRegex(domain.slice(i + 1))}`);
  }
  return alts.length > 0 ? `(?:${alts.join('|')})\\.${TLD}` : '[]';
}
