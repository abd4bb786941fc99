export { type InferDraftOptions, type InferredDraft, inferDraft, writePolicyDraft } from './draft.js';
