// Copies non-TypeScript runtime assets (lab TLS fixture) into dist/.
import { cpSync, existsSync } from 'node:fs';

const assets = [['src/capabilities/lab/fixtures', 'dist/capabilities/lab/fixtures']];
for (const [from, to] of assets) {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
