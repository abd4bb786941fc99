export { type InferredPolicy, inferPolicy, sanitize } from './infer.js';
export { type PolicyDraft, renderPolicyFile } from './render.js';
