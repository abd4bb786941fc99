// Copies non-TypeScript runtime assets (lab TLS fixture, the JavaScript parser thread) into dist/.
import { cpSync, existsSync } from 'node:fs';

const assets = [
  ['src/capabilities/lab/fixtures', 'dist/capabilities/lab/fixtures'],
  // The JavaScript parser thread is plain JavaScript, loaded by its URL.
  ['src/core/javascript/oxc-thread.mjs', 'dist/core/javascript/oxc-thread.mjs'],
];
for (const [from, to] of assets) {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
