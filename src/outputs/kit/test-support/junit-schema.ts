import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTool, XMLLINT } from '../../../test-support/tools.js';

/** corsguard's JUnit XSD (the shape CI servers read). */
export const JUNIT_XSD = new URL('../../../../schema/vendor/junit.xsd', import.meta.url).pathname;

/** Why xmllint is unavailable, or null (see `missingTool`). */
export const xmllintMissing = (): string | null => missingTool('xmllint', XMLLINT);

/**
 * Validates a JUnit document with xmllint against {@link JUNIT_XSD}; throws with xmllint's errors when it
 * is not well-formed or not valid.
 *
 * @example
 * ```ts
 * it.skipIf(xmllintMissing() !== null)('is valid JUnit', () => expect(() => validateJunit(xml)).not.toThrow());
 * ```
 */
export function validateJunit(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-junit-'));
  try {
    const file = join(dir, 'report.xml');
    writeFileSync(file, xml);
    return execFileSync(XMLLINT, ['--noout', '--schema', JUNIT_XSD, file], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
