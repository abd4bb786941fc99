import { randomBytes } from 'node:crypto';
import type { ProbeContext } from './families.js';

/**
 * A random DNS label for attacker origins: lower-case letters and digits, starting with a letter,
 * so probe origins never name a real site and differ from scan to scan.
 *
 * @example
 * ```ts
 * randomLabel(); // 'kq3v9x2m'
 * ```
 */
export function randomLabel(length = 8): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = alphabet[(bytes[0] ?? 0) % 26] ?? 'a';
  for (let i = 1; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length];
  return out;
}

/**
 * The attacker's registrable domain for one scan: a random label under `.invalid`,
 * the TLD reserved by RFC 2606/6761 never to resolve, so no real site is ever named.
 *
 * @example
 * ```ts
 * attackerDomain('kq3v9x2m'); // 'kq3v9x2m.invalid'
 * ```
 */
export function attackerDomain(label: string): string {
  return `${label}.invalid`;
}

/**
 * A fresh probe context for one scan: a random label and the attacker domain under it.
 *
 * @example
 * ```ts
 * randomProbeContext(); // { label: 'kq3v9x2m', attacker: 'kq3v9x2m.invalid' }
 * ```
 */
export function randomProbeContext(): ProbeContext {
  const label = randomLabel();
  return { label, attacker: attackerDomain(label) };
}
