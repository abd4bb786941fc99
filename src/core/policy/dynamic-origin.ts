import { isLoopback, serializeOrigin, tryParseOrigin } from '../origin/index.js';
import type { UnsafeDynamicOrigin } from './types.js';

/**
 * Runs the `unsafeDynamicOrigin` escape hatch and checks its answer by the policy's own safety rules:
 * it must return exactly the request's Origin, which must be a canonical http(s) tuple origin (never
 * `null`, never two values joined by a comma), and `https:` when credentials are on (loopback excepted).
 * A callback that throws refuses the origin.
 *
 * @example
 * ```ts
 * checkDynamicOrigin((o) => o, 'https://tenant.example.net', true); // true
 * checkDynamicOrigin((o) => o, 'null', false);                      // false
 * checkDynamicOrigin(() => '*', 'https://a.example', false);        // false: not the request's Origin
 * ```
 */
export function checkDynamicOrigin(
  callback: UnsafeDynamicOrigin,
  origin: string,
  credentials: boolean,
): boolean {
  const parsed = tryParseOrigin(origin);
  if (parsed === undefined || parsed.kind !== 'tuple' || serializeOrigin(parsed) !== origin) return false;
  if (parsed.scheme !== 'https' && parsed.scheme !== 'http') return false;
  if (credentials && parsed.scheme === 'http' && !isLoopback(parsed.host)) return false;
  let answer: string | null | undefined;
  try {
    answer = callback(origin);
  } catch {
    return false;
  }
  return answer === origin;
}
