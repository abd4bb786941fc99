/**
 * corsguard's main entry point: the policy model shared by the middleware, `check` and the generators,
 * and the `check` contract test. Subpaths hold the rest: `corsguard/origin`, `corsguard/browser`
 * (the Fetch CORS model), `corsguard/scan`, `corsguard/lab`.
 *
 * @example
 * ```ts
 * import { createPolicy, createDecider } from 'corsguard';
 * const decide = createDecider(createPolicy({ origins: ['https://app.example.com'], credentials: true }));
 * ```
 */
export * from './capabilities/check/index.js';
export { CorsguardError, type ErrorCode } from './core/errors/index.js';
export * from './core/policy/index.js';
export * from './outputs/check-report/index.js';
export { EXIT, type ExitCode } from './outputs/kit/index.js';
