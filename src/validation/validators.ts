import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Operation } from '../spec/operation';
import type { SpecDocument } from '../spec/load-spec';
import { appendPointer, resolveRef, segmentsOf } from '../spec/json-pointer';
import { declareExtensions, sharedAjv } from './ajv';

export interface Validators {
  /** The compiled validator of a schema in the spec, by JSON pointer; compiled when the contract is built. */
  at(pointer: string): ValidateFunction;
}

/** Compiles every schema the operation uses (responses, headers, parameters) once, keyed by JSON pointer. */
export function compileValidators(spec: SpecDocument, operation: Operation): Validators {
  const ajv = sharedAjv();
  const id = `urn:spec:${spec.sha256}`;
  if (!ajv.getSchema(id)) {
    // Only the parts schemas live in: the rest of the document is OpenAPI's to judge (validateSpec).
    const { paths, components } = spec.doc;
    const root = { paths, components };
    declareExtensions(ajv, root);
    ajv.addSchema(root, id);
  }
  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string) => {
    const validate = ajv.getSchema(id + pointer);
    if (!validate) throw new Error(`${spec.locate(pointer)}: no schema at ${pointer}`);
    compiled.set(pointer, validate);
  };
  for (const parameter of operation.parameters) compile(parameter.schemaPointer);
  for (const response of operation.responses.values()) {
    for (const header of response.headers) compile(header.schemaPointer);
    for (const media of response.mediaTypes) compile(media.schemaPointer);
  }
  return {
    at(pointer) {
      const validate = compiled.get(pointer);
      if (!validate) throw new Error(`no compiled schema at ${pointer}`);
      return validate;
    },
  };
}

/**
 * Where in the spec the keyword an ajv error names is written. ajv reports the place of a keyword
 * behind a compiled `$ref` relative to the referenced schema, so the place is found by walking the
 * spec from the validated schema along the error's instance path, following `$ref`s as ajv did.
 */
export function schemaPointerOf(doc: unknown, error: ErrorObject, compiledAt: string): string {
  let at = compiledAt;
  for (const segment of segmentsOf('#' + error.instancePath)) {
    const schema = resolveRef(doc, at);
    const node = schema.node as { properties?: Record<string, unknown>; items?: unknown } | undefined;
    if (node?.properties && segment in node.properties) at = appendPointer(schema.pointer, 'properties', segment);
    else if (node?.items && /^\d+$/.test(segment)) at = appendPointer(schema.pointer, 'items');
    else return fallbackPointer(error, compiledAt);
  }
  const schema = resolveRef(doc, at);
  return (schema.node as Record<string, unknown> | undefined)?.[error.keyword] !== undefined
    ? appendPointer(schema.pointer, error.keyword)
    : fallbackPointer(error, compiledAt);
}

function fallbackPointer(error: ErrorObject, compiledAt: string): string {
  return error.schemaPath.startsWith('#/paths/') || error.schemaPath.startsWith('#/components/')
    ? error.schemaPath
    : compiledAt + error.schemaPath.slice(1);
}
