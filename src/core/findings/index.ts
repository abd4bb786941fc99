export type { ExploreStage, FindingContext, FindingDefinition, FindingSource } from './definition.js';
export {
  findingsTable,
  markdownTable,
  scoreTable,
  withGeneratedTable,
  withSchemaFindingIds,
} from './docs-tables.js';
export { FAMILY_FINDING, FINDING_IDS, FINDINGS, type FindingId, mapFindings } from './registry.js';
export { flat, SEVERITIES, type Severity, type SeverityRule, worstSeverity } from './severity.js';
