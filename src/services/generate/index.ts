export { type GenerateOutcome, generateFromPolicyFile } from './generate-from-file.js';
