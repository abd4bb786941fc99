import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** The published JSON Schema of `--format json`, parsed. */
export const REPORT_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../../schema/report.schema.json', import.meta.url), 'utf8'),
) as {
  $id: string;
  $defs: { findingId: { enum: string[] }; severity: { enum: string[] } } & Record<string, unknown>;
};

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(REPORT_SCHEMA);

function validator(ref: string): ValidateFunction {
  const v = ajv.getSchema(ref);
  if (!v) throw new Error(`schema ${ref} not found`);
  return v;
}

const report = validator(REPORT_SCHEMA.$id);
const target = validator(`${REPORT_SCHEMA.$id}#/$defs/target`);

function errorsOf(v: ValidateFunction, value: unknown): ErrorObject[] {
  return v(value) ? [] : [...(v.errors ?? [])];
}

/** Schema errors of a whole `--format json` document (empty when valid). */
export const reportErrors = (doc: unknown): ErrorObject[] => errorsOf(report, doc);

/** Schema errors of one target object, i.e. one `--format jsonl` line (empty when valid). */
export const targetErrors = (value: unknown): ErrorObject[] => errorsOf(target, value);
