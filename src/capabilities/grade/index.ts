export {
  findingCost,
  gradeTarget,
  LETTER_THRESHOLDS,
  LETTERS,
  type Letter,
  letterOf,
  type ScanGrade,
  ScanGrader,
  type TargetGrade,
} from './grade.js';
export { SCORE_TABLE, type ScoreRow, SEVERITY_WEIGHT } from './score-table.js';
