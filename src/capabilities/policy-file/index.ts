/** Whether an origin or pattern (`http://localhost:*`, `http://127.0.0.1:3000`) names this machine. */
export { namesLoopback as isLoopbackOrigin } from '../../core/origin/index.js';
export { formatPolicyFileIssues, PolicyFileError } from './format.js';
export { locate, type Position } from './locate.js';
export { getEnvironment, pathPolicyForUrl, policyForUrl } from './lookup.js';
export {
  isProductionName,
  loadPolicyFile,
  POLICY_KEYS,
  PRODUCTION_NAMES,
  parsePolicyFile,
  requirePolicyFile,
} from './parse.js';
export { POLICY_FILE_SCHEMA, POLICY_FILE_SCHEMA_URL, validateStructure } from './schema.js';
export type {
  PathPolicy,
  PolicyEnvironment,
  PolicyFile,
  PolicyFileIssue,
  PolicyFileIssueCode,
  PolicyFileOnlyCode,
  PolicyFileResult,
} from './types.js';
