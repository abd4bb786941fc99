export {
  type Certainty,
  type EvidenceLines,
  type Explanation,
  evidenceLines,
  explainFinding,
} from './explain.js';
export { type Exploitability, exploitability, readEvidence } from './exploitability.js';
export { WORDING, type Wording } from './wording.js';
