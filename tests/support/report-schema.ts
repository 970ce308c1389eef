import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { PROJECT_ROOT } from '../../src/spec/load-spec';
import { sharedAjv } from '../../src/validation/ajv';

const SCHEMA = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'src', 'report', 'conformance.schema.json'), 'utf8')) as { $id: string };

/** The validator of src/report/conformance.schema.json, compiled once per worker (its $id can be added once). */
export function reportValidator(): ValidateFunction {
  return sharedAjv().getSchema(SCHEMA.$id) ?? sharedAjv().compile(SCHEMA);
}
