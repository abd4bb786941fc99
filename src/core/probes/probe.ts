/** Probe families: each tests one way an origin allowlist goes wrong. */
export type ProbeFamily =
  | 'arbitrary'
  | 'null'
  | 'substring'
  | 'prefix'
  | 'suffix'
  | 'unescaped-dot'
  | 'special-char'
  | 'subdomain'
  | 'insecure-scheme'
  | 'port'
  | 'localhost'
  | 'third-party'
  | 'discovery'
  | 'combined';

/** One Origin header value to send, and why. */
export interface Probe {
  readonly family: ProbeFamily;
  /** The exact Origin header value sent (not normalised: special-character probes must reach the server as written). */
  readonly origin: string;
  /** The trusted origin (or registrable domain) this probe was derived from, if any. */
  readonly basedOn?: string;
}
