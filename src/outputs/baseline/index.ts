export {
  type Baseline,
  BaselineComparison,
  type BaselineEntry,
  loadBaseline,
  parseBaseline,
} from './baseline.js';
