import type { Probe } from '../../core/probes/index.js';

/** What one probe showed: did the server grant this origin (echo it in ACAO / accept the handshake)? */
export interface Observation<E> {
  readonly probe: Probe;
  readonly allowed: boolean;
  readonly exchange: E;
}

/** Sends one probe and says whether the server granted it. Rejects with a CorsguardError on network failure. */
export type Oracle<E> = (probe: Probe) => Promise<Observation<E>>;
