import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Operation } from '../spec/operation';
import type { SpecDocument } from '../spec/load-spec';
import { appendPointer, resolveRef, segmentsOf } from '../spec/json-pointer';

export interface Validators {
  /** The compiled validator of a schema in the spec, by JSON pointer; compiled when the contract is built. */
  at(pointer: string): ValidateFunction;
}

/**
 * The validators of every schema the operations use (responses, headers, parameters), compiled by ajv
 * into the source of one CommonJS module (ajv's standalone code): `v0`… export the schemas of `pointers`.
 * Kept as code, a process that finds it in contract-cache.ts neither loads ajv nor compiles.
 */
export interface ValidatorCode {
  readonly pointers: readonly string[];
  readonly code: string;
}

export function compileValidatorCode(spec: SpecDocument, operations: readonly Operation[]): ValidatorCode {
  // Loaded here only: a process that reads the code from the cache never needs ajv's compiler.
  const { declareExtensions, sharedAjv } = require('./ajv') as typeof import('./ajv');
  const { default: standaloneCode } = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone');
  const ajv = sharedAjv();
  const id = `urn:spec:${spec.sha256}`;
  if (!ajv.getSchema(id)) {
    // Only the parts schemas live in: the rest of the document is OpenAPI's to judge (validateSpec).
    const { paths, components } = spec.doc;
    const root = { paths, components };
    declareExtensions(ajv, root);
    ajv.addSchema(root, id);
  }
  const pointers = [
    ...new Set(
      operations.flatMap((operation) => [
        ...operation.parameters.map((parameter) => parameter.schemaPointer),
        ...[...operation.responses.values()].flatMap((response) => [...response.headers.map((header) => header.schemaPointer), ...response.mediaTypes.map((media) => media.schemaPointer)]),
      ]),
    ),
  ];
  const exports: Record<string, string> = {};
  pointers.forEach((pointer, index) => {
    if (!ajv.getSchema(id + pointer)) throw new Error(`${spec.locate(pointer)}: no schema at ${pointer}`);
    exports[`v${index}`] = id + pointer;
  });
  return { pointers, code: standaloneCode(ajv, exports) };
}

/** The validators of compiled code; its `require`s (ajv's runtime, the formats) resolve from this project. */
export function loadValidators({ pointers, code }: ValidatorCode): Validators {
  const module = { exports: {} as Record<string, ValidateFunction> };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  const compiled = new Map(pointers.map((pointer, index) => [pointer, module.exports[`v${index}`]!]));
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
