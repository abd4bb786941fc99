export { policyInputLiteral } from './corsguard.js';
export { generate, generateConfig } from './generate-config.js';
export {
  formatGenerateIssues,
  GenerateError,
  type GenerateIssue,
  type GenerateIssueCode,
  type GenerateResult,
} from './issues.js';
export { NGINX_SERVER_PART, NGINX_UPSTREAM } from './nginx.js';
export { originsInput, patternRegexes } from './shared.js';
export {
  GENERATE_TARGETS,
  type GeneratedConfig,
  type GenerateInput,
  type GenerateTarget,
  type PathPolicy,
} from './types.js';
