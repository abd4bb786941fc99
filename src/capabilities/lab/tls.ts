import { readFileSync } from 'node:fs';

let cached: { key: string; cert: string } | undefined;

/**
 * The lab's self-signed TLS key and certificate (PEM) for `victim.test` and `*.victim.test`, valid for 100
 * years. Read once from `fixtures/` next to this module (copied into `dist/` by the build).
 * Clients either skip verification (`-k`) or trust `cert` as a CA.
 *
 * @example
 * ```ts
 * const { cert } = labTlsCredentials();
 * new undici.Agent({ connect: { ca: cert } });
 * ```
 */
export function labTlsCredentials(): { readonly key: string; readonly cert: string } {
  cached ??= {
    key: readFileSync(new URL('./fixtures/lab-key.pem', import.meta.url), 'utf8'),
    cert: readFileSync(new URL('./fixtures/lab-cert.pem', import.meta.url), 'utf8'),
  };
  return cached;
}
