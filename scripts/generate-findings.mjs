// Writes the views of the finding registry (src/core/findings/) that live outside the code: the findings
// table of docs/findings.md, the score table of docs/grading.md, the findingId enum of
// schema/report.schema.json and schema/lint.schema.json, and the causes table of docs/explain.md (src/capabilities/diagnose/). Run with `npm run generate:findings`; tests fail when a committed copy differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { causesTable } from '../src/capabilities/diagnose/index.ts';
import {
  findingsTable,
  scoreTable,
  withGeneratedTable,
  withSchemaFindingIds,
} from '../src/core/findings/index.ts';

const rewrite = (path, update) => {
  const before = readFileSync(path, 'utf8');
  const after = update(before);
  if (after !== before) writeFileSync(path, after);
  console.log(`${after === before ? 'unchanged' : 'updated  '} ${path}`);
};

rewrite('docs/findings.md', (doc) => withGeneratedTable(doc, 'findings-table', findingsTable()));
rewrite('docs/grading.md', (doc) => withGeneratedTable(doc, 'score-table', scoreTable()));
rewrite('schema/report.schema.json', withSchemaFindingIds);
rewrite('schema/lint.schema.json', withSchemaFindingIds);
rewrite('docs/explain.md', (doc) => withGeneratedTable(doc, 'causes-table', causesTable()));
