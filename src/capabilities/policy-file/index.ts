export { formatPolicyFileIssues, PolicyFileError } from './format.js';
export { locate, type Position } from './locate.js';
export { getEnvironment, pathPolicyForUrl, policyForUrl } from './lookup.js';
export {
  isLoopbackOrigin,
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
