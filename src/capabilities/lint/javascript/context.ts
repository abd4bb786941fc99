import type { LineIndex } from '../region.js';
import type { LintFinding, LintProblem, LintReach } from '../types.js';
import type { Node } from './ast.js';
import type { Bindings } from './bindings.js';

/** Everything the JavaScript checks share about one file. */
export interface JsContext {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly bindings: Bindings;
  readonly findings: LintFinding[];
  readonly problems: LintProblem[];
}

/** Where a check found its subject: the node to point at, the credentials seen there, and the rule. */
export interface JsSite {
  readonly node: Node;
  readonly reach: LintReach;
  readonly rule: string;
}
