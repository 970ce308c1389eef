import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedAjv } from '../../src/validation/ajv';

const SCHEMA = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'src', 'report', 'conformance.schema.json'), 'utf8')) as { $id: string };

/** conformance.json's documented schema, compiled once per process however many test files check against it. */
export const validateReport = sharedAjv().getSchema(SCHEMA.$id) ?? sharedAjv().compile(SCHEMA);
