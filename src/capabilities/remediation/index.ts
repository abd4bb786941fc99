export {
  fixText,
  type RemediationPlan,
  type RemediationStep,
  remediationPlan,
  snippetContext,
  trustedOriginsOf,
} from './plan.js';
export {
  keptOrigins,
  PLACEHOLDER_ORIGIN,
  remediationPolicy,
  type Snippet,
  type SnippetContext,
  snippetsFor,
} from './snippets.js';
export {
  detectStacks,
  isStack,
  STACK_LABELS,
  STACKS,
  type Stack,
  stacksFromHeaders,
} from './stacks.js';
export { websocketSnippets } from './websocket-snippets.js';
