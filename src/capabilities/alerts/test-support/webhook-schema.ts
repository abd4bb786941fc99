import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The published schema of the generic webhook body, parsed. */
export const WEBHOOK_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../../schema/alert-webhook.schema.json', import.meta.url), 'utf8'),
) as { $id: string; $defs: { event: { enum: string[] } } };

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(WEBHOOK_SCHEMA);

/** Schema errors of a webhook body (empty when valid). */
export const webhookErrors = (body: unknown): ErrorObject[] =>
  validate(body) ? [] : [...(validate.errors ?? [])];
