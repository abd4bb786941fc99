export {
  type AllowedTarget,
  checkTarget,
  createTargetGate,
  type Lookup,
  type RefusedTarget,
  type TargetGate,
  type TargetGateOptions,
} from './check-target.js';
export { forbiddenReason } from './ranges.js';
