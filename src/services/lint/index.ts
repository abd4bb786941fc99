export { type AppliedFixes, applyFixes } from './apply-fixes.js';
export { type LintPathsOptions, lintPaths } from './lint-paths.js';
export { type EngineCheck, recheckCounterexamples } from './recheck.js';
export { type WalkedFile, type WalkOptions, walkFiles } from './walk.js';
