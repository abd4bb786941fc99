export {
  type RemediationPlan,
  type RemediationStep,
  remediationPlan,
  snippetContext,
  trustedOriginsOf,
} from './plan.js';
export {
  SNIPPET_GENERATORS,
  type Snippet,
  type SnippetContext,
  type SnippetGenerator,
  snippetsFor,
} from './snippets.js';
export { detectStacks, isStack, STACK_LABELS, STACKS, type Stack } from './stacks.js';
